// The kiosk screens. Layout adapts to the text scale (1x, 1.5x, 2x): grids choose their column
// count from the space left, and anything taller than the screen scrolls by dragging.
#include "ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <date/date.h>
#include <date/tz.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace okno::kiosk {
namespace {

ImU32 col(Rgb c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

std::string hhmm(Minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

float gap() {
  return ImGui::GetStyle().ItemSpacing.x;
}

float target_height(const UiContext& ui) {
  return std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.0f);
}

// Text that is also read aloud.
void say_text(UiContext& ui, const std::string& text, ImFont* font = nullptr,
              const Rgb* colour = nullptr) {
  if (font) ImGui::PushFont(font);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(*colour)));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  if (colour) ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
  ui.spoken += text;
  ui.spoken += ".\n";
}

// A touch target: at least 15 mm, label wrapped inside, a drawn check mark when selected (never
// colour alone), a thick frame when it has keyboard focus. Returns true when activated.
bool button(UiContext& ui, const std::string& id, const std::string& label, float width,
            bool selected = false, bool speak = true, ImFont* font = nullptr) {
  ImGuiContext& g = *GImGui;
  if (font) ImGui::PushFont(font);
  const float pad = ImGui::GetFontSize() * 0.45f;
  const float mark = selected ? ImGui::GetFontSize() * 1.1f : 0.0f;
  const float wrap = std::max(10.0f, width - 2 * pad - mark);
  const ImVec2 text_size = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
  const ImVec2 size(width, std::max(target_height(ui), text_size.y + 2 * pad));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  bool pressed = ImGui::InvisibleButton("##b", size);
  const ImGuiID imgui_id = ImGui::GetItemID();
  const bool held = ImGui::IsItemActive();
  const bool focused = g.NavId == imgui_id && !g.NavDisableHighlight;
  if (focused && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                  ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
    pressed = true;
  }
  ImGui::PopID();
  const Palette& p = ui.palette;
  const Rgb bg = selected ? p.button_selected : held ? p.button_pressed : p.button;
  const Rgb fg = selected ? p.button_selected_text : p.button_text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  const float rounding = ImGui::GetFontSize() * 0.25f;
  dl->AddRectFilled(pos, end, col(bg), rounding);
  if (selected) {
    ImGui::RenderCheckMark(dl, ImVec2(pos.x + pad * 0.8f, pos.y + (size.y - mark * 0.8f) / 2),
                           col(fg), mark * 0.8f);
  }
  if (focused) {
    const float t = std::max(4.0f, ImGui::GetFontSize() * 0.15f);
    dl->AddRect(ImVec2(pos.x - t, pos.y - t), ImVec2(end.x + t, end.y + t), col(p.focus_frame),
                rounding, 0, t);
  }
  const float x =
      text_size.x < wrap ? pos.x + mark + (size.x - mark - text_size.x) / 2 : pos.x + pad + mark;
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, pos.y + (size.y - text_size.y) / 2),
              col(fg), label.c_str(), nullptr, wrap);
  if (font) ImGui::PopFont();
  ui.buttons.push_back({id, label, pos, end, imgui_id});
  if (speak) {
    ui.spoken += label;
    ui.spoken += ".\n";
  }
  return pressed;
}

// Lays out `count` items of at least `min_width` in as many columns as fit; returns item width.
struct Grid {
  int columns = 1;
  float width = 0;
};
Grid grid(int count, float min_width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  int cols = std::max(1, static_cast<int>((avail + gap()) / (min_width + gap())));
  cols = std::min(cols, std::max(1, count));
  return {cols, (avail - gap() * static_cast<float>(cols - 1)) / static_cast<float>(cols)};
}
void next_cell(int index, const Grid& g) {
  if ((index + 1) % g.columns != 0) ImGui::SameLine();
}

void emit(UiContext& ui, Intent::Kind kind, std::string text = {}, int value = 0) {
  ui.intents.push_back(Intent{kind, std::move(text), value, Screen::welcome});
}
void go(UiContext& ui, Screen s) {
  ui.intents.push_back(Intent{Intent::Kind::go, {}, 0, s});
}

// A framed card whose height follows its content (1.86 has no auto-height child): the group is
// drawn first, the frame behind it on a lower draw-list channel.
template <class F>
void card(const UiContext& ui, F&& body) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const float pad = ImGui::GetFontSize() * 0.5f;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(ui.palette.panel_text)));
  body(width - 2 * pad);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(start, end, col(ui.palette.panel), ImGui::GetFontSize() * 0.25f);
  dl->AddRect(start, end, col(ui.palette.muted_text), ImGui::GetFontSize() * 0.25f, 0, 2.0f);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(0, 0));
}

const ServiceQueue* find_queue(const KioskState& s, std::string_view service) {
  for (const auto& q : s.queue) {
    if (q.service == service) return &q;
  }
  return nullptr;
}

std::string service_name(const UiContext& ui, std::string_view id) {
  const Service* s = ui.office.find_service(id);
  return s ? s->name.get(ui.lang) : std::string(id);
}

std::string desks_for_service(const UiContext& ui, std::string_view service) {
  std::string out;
  for (const auto& d : ui.office.desks) {
    if (std::find(d.services.begin(), d.services.end(), service) == d.services.end()) continue;
    if (!out.empty()) out += ", ";
    out += d.name.get(ui.lang);
  }
  return out;
}

std::string queue_line(const UiContext& ui, const KioskState& s, std::string_view service) {
  const ServiceQueue* q = s.queue_known ? find_queue(s, service) : nullptr;
  if (!q) return ui.t("kiosk.queue.unknown");
  if (q->daily_cap_reached) return ui.t("kiosk.queue.cap_reached");
  return ui.t("kiosk.queue.status", {{"people", std::to_string(q->people_waiting)},
                                     {"minutes", std::to_string(q->estimated_wait_min)}});
}

// ---------------------------------------------------------------- screens

void draw_welcome(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.office.name.get(ui.lang), ui.fonts.title);
  for (const auto& line : describe_hours(ui.office, ui.calendar, ui.now_utc, ui.catalog, ui.lang)) {
    say_text(ui, line);
  }
  ImGui::Spacing();
  struct Action {
    const char* id;
    const char* key;
    Screen screen;
  };
  static constexpr Action kActions[] = {
      {"welcome.checkin", "kiosk.welcome.checkin", Screen::checkin},
      {"welcome.take_ticket", "kiosk.welcome.take_ticket", Screen::ticket_services},
      {"welcome.book", "kiosk.welcome.book", Screen::book_services},
      {"welcome.wayfinding", "kiosk.welcome.wayfinding", Screen::wayfinding},
      {"welcome.feedback", "kiosk.welcome.feedback", Screen::feedback},
  };
  const Grid g = grid(5, ImGui::GetFontSize() * 14);
  for (int i = 0; i < 5; ++i) {
    if (button(ui, kActions[i].id, ui.t(kActions[i].key), g.width, false, true, ui.fonts.title)) {
      go(ui, kActions[i].screen);
    }
    next_cell(i, g);
  }
  ImGui::Spacing();
  say_text(ui, ui.t("kiosk.welcome.choose_language"));
  const Grid lg = grid(6, ImGui::GetFontSize() * 7);
  int i = 0;
  for (Language lang : kAllLanguages) {
    // Each language is named in itself, whatever the current language is (R-VISIT-11).
    const std::string name = ui.catalog.text(lang, "language.name");
    if (button(ui, "lang." + std::string(to_string(lang)), name, lg.width,
               s.visitor.language == lang, false)) {
      emit(ui, Intent::Kind::set_language, std::string(to_string(lang)));
    }
    next_cell(i++, lg);
  }
}

void draw_accessibility(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  say_text(ui, ui.t("kiosk.a11y.title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.a11y.text_size"));
  const Grid g = grid(3, ImGui::GetFontSize() * 8);
  const std::pair<const char*, int> sizes[] = {{"kiosk.a11y.size_normal", 10},
                                               {"kiosk.a11y.size_large", 15},
                                               {"kiosk.a11y.size_largest", 20}};
  for (int i = 0; i < 3; ++i) {
    const bool on = std::lround(v.text_scale * 10) == sizes[i].second;
    if (button(ui, "a11y.size." + std::to_string(sizes[i].second), ui.t(sizes[i].first), g.width,
               on)) {
      emit(ui, Intent::Kind::set_scale, {}, sizes[i].second);
    }
    next_cell(i, g);
  }
  say_text(ui, ui.t("kiosk.a11y.colours"));
  const Grid g2 = grid(2, ImGui::GetFontSize() * 10);
  if (button(ui, "a11y.contrast.off", ui.t("kiosk.a11y.standard_colours"), g2.width,
             !v.high_contrast) &&
      v.high_contrast) {
    emit(ui, Intent::Kind::toggle_contrast);
  }
  ImGui::SameLine();
  if (button(ui, "a11y.contrast.on", ui.t("kiosk.a11y.high_contrast"), g2.width, v.high_contrast) &&
      !v.high_contrast) {
    emit(ui, Intent::Kind::toggle_contrast);
  }
  say_text(ui, ui.t("kiosk.a11y.speech"));
  if (button(ui, "a11y.speech.on", ui.t("kiosk.a11y.speech_on"), g2.width, v.speech_on) &&
      !v.speech_on) {
    emit(ui, Intent::Kind::toggle_speech);
  }
  ImGui::SameLine();
  if (button(ui, "a11y.speech.off", ui.t("kiosk.a11y.speech_off"), g2.width, !v.speech_on) &&
      v.speech_on) {
    emit(ui, Intent::Kind::toggle_speech);
  }
  say_text(ui, ui.t("kiosk.a11y.keys_help"), nullptr, &ui.palette.muted_text);
}

void draw_code_keypad(UiContext& ui) {
  const std::string alphabet = "23456789ACEKMPTX";  // okno::booking_code_alphabet()
  const float key = std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.2f);
  const int columns = std::max(
      4, std::min(8, static_cast<int>((ImGui::GetContentRegionAvail().x + gap()) / (key + gap()))));
  for (size_t i = 0; i < alphabet.size(); ++i) {
    const std::string ch(1, alphabet[i]);
    if (button(ui, "key." + ch, ch, key, false, false, ui.fonts.title)) {
      emit(ui, Intent::Kind::code_char, ch);
    }
    if ((static_cast<int>(i) + 1) % columns != 0) ImGui::SameLine();
  }
  ImGui::NewLine();
  const Grid g = grid(3, ImGui::GetFontSize() * 6);
  if (button(ui, "key.backspace", ui.t("kiosk.keypad.erase"), g.width)) {
    emit(ui, Intent::Kind::code_backspace);
  }
  ImGui::SameLine();
  if (button(ui, "key.clear", ui.t("kiosk.keypad.clear"), g.width)) {
    emit(ui, Intent::Kind::code_clear);
  }
  ImGui::SameLine();
  if (button(ui, "checkin.submit", ui.t("kiosk.checkin.submit"), g.width)) {
    emit(ui, Intent::Kind::code_submit);
  }
}

void draw_checkin(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.checkin.title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.checkin.hint"));
  // The code as typed so far, padded with the places still to fill: XXXXX-XXXXX.
  std::string shown;
  size_t typed = 0;
  for (char c : s.visitor.code_input) {
    if (c != '-') ++typed;
  }
  shown = s.visitor.code_input;
  for (size_t i = typed; i < 10; ++i)
    shown += (i == 5 && shown.find('-') == std::string::npos) ? "-_" : "_";
  card(ui, [&](float) {
    ImGui::PushFont(ui.fonts.title);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopFont();
  });
  if (!s.visitor.code_error.empty()) {
    const std::string msg = s.visitor.code_error.rfind("kiosk.", 0) == 0
                                ? ui.t(s.visitor.code_error)
                                : s.visitor.code_error;
    say_text(ui, msg, nullptr, &ui.palette.error_text);
  }
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  draw_code_keypad(ui);
}

void draw_checkin_done(const KioskState& s, UiContext& ui) {
  const auto& c = s.visitor.checkin;
  if (!c) return;
  say_text(ui, ui.t("kiosk.checkin.done_title"), ui.fonts.title);
  card(ui, [&](float) {
    if (c->ticket) {
      say_text(ui, ui.t("kiosk.ticket.your_number"));
      say_text(ui, c->ticket->number, ui.fonts.number);
    }
    say_text(ui, ui.t("kiosk.checkin.booking", {{"service", service_name(ui, c->service)},
                                                {"time", display_time(c->start)}}));
    if (!c->desk.empty()) {
      say_text(ui, ui.t("kiosk.checkin.go_to_desk", {{"desk", c->desk}}), ui.fonts.title);
    } else {
      say_text(ui, ui.t("kiosk.checkin.wait_call", {{"desks", desks_for_service(ui, c->service)}}));
    }
  });
  const Grid g = grid(2, ImGui::GetFontSize() * 10);
  if (button(ui, "checkin.route", ui.t("kiosk.welcome.wayfinding"), g.width)) {
    go(ui, Screen::wayfinding);
  }
  ImGui::SameLine();
  if (button(ui, "checkin.finish", ui.t("kiosk.finish"), g.width)) emit(ui, Intent::Kind::home);
}

void draw_service_cards(const KioskState& s, UiContext& ui, const char* prefix, bool with_queue) {
  for (const auto& svc : ui.office.services) {
    card(ui, [&](float width) {
      say_text(ui, svc.name.get(ui.lang), ui.fonts.title);
      if (const ServiceInfo* info = ui.knowledge.find(svc.id)) {
        say_text(ui, ui.t("kiosk.service.documents") + ": " + info->documents.get(ui.lang));
        say_text(ui, info->terms.get(ui.lang));
      }
      if (with_queue) say_text(ui, queue_line(ui, s, svc.id), nullptr, &ui.palette.panel_text);
      if (button(ui, std::string(prefix) + svc.id, ui.t("kiosk.service.choose"),
                 std::min(width, ImGui::GetFontSize() * 12))) {
        emit(ui, Intent::Kind::choose_service, svc.id);
      }
    });
  }
}

void draw_ticket_options(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  say_text(ui, service_name(ui, v.service), ui.fonts.title);
  say_text(ui, queue_line(ui, s, v.service));
  say_text(ui, ui.t("kiosk.ticket.priority_title"));
  static constexpr std::pair<Priority, const char*> kPriorities[] = {
      {Priority::none, "kiosk.priority.none"},
      {Priority::disability, "kiosk.priority.disability"},
      {Priority::elderly, "kiosk.priority.elderly"},
      {Priority::pregnant, "kiosk.priority.pregnant"},
      {Priority::small_children, "kiosk.priority.small_children"},
  };
  const Grid g = grid(5, ImGui::GetFontSize() * 9);
  for (int i = 0; i < 5; ++i) {
    const auto [prio, key] = kPriorities[i];
    if (button(ui, "priority." + std::string(to_string(prio)), ui.t(key), g.width,
               v.priority == prio)) {
      emit(ui, Intent::Kind::set_priority, {}, static_cast<int>(prio));
    }
    next_cell(i, g);
  }
  say_text(ui, ui.t("kiosk.ticket.needs_title"));
  static constexpr const char* kNeeds[] = {"sign_language", "tactile_interpreter", "wheelchair"};
  const Grid ng = grid(3, ImGui::GetFontSize() * 10);
  for (int i = 0; i < 3; ++i) {
    const std::string need = kNeeds[i];
    if (button(ui, "need." + need, ui.t("need." + need), ng.width, v.needs.contains(need))) {
      emit(ui, Intent::Kind::toggle_need, need);
    }
    next_cell(i, ng);
  }
  say_text(ui, ui.t("kiosk.ticket.no_personal_data"), nullptr, &ui.palette.muted_text);
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  if (button(ui, "ticket.take", ui.t("kiosk.ticket.take"),
             std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16), false, true,
             ui.fonts.title)) {
    emit(ui, Intent::Kind::take_ticket);
  }
}

void draw_ticket_shown(const KioskState& s, UiContext& ui) {
  const auto& t = s.visitor.ticket;
  if (!t) return;
  say_text(ui, ui.t("kiosk.ticket.your_number"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, t->number, ui.fonts.number);
    say_text(ui, service_name(ui, t->service), ui.fonts.title);
    say_text(ui, ui.t("kiosk.ticket.issued", {{"time", display_time(t->issued_at)}}));
    say_text(ui, ui.t("kiosk.queue.status", {{"people", std::to_string(t->people_ahead)},
                                             {"minutes", std::to_string(t->estimated_wait_min)}}));
    say_text(ui, ui.t("kiosk.ticket.watch_board"));
  });
  say_text(ui, ui.t(s.visitor.ticket_printed ? "kiosk.ticket.printed" : "kiosk.ticket.not_printed"),
           nullptr, &ui.palette.muted_text);
  const Grid g = grid(3, ImGui::GetFontSize() * 9);
  if (button(ui, "ticket.print", ui.t("kiosk.ticket.print_again"), g.width)) {
    emit(ui, Intent::Kind::print_ticket);
  }
  ImGui::SameLine();
  if (button(ui, "ticket.route", ui.t("kiosk.welcome.wayfinding"), g.width)) {
    go(ui, Screen::wayfinding);
  }
  ImGui::SameLine();
  if (button(ui, "ticket.finish", ui.t("kiosk.finish"), g.width)) emit(ui, Intent::Kind::home);
}

void draw_book_slots(const KioskState& s, UiContext& ui) {
  say_text(ui, service_name(ui, s.visitor.service), ui.fonts.title);
  say_text(ui, ui.t("kiosk.book.choose_time"));
  if (!s.slots_loaded) {
    say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
    return;
  }
  if (s.slots.empty()) {
    say_text(ui, ui.t("kiosk.book.no_slots"));
    return;
  }
  // Grouped by day: the date as a heading, the times as buttons.
  std::string day;
  int index = 0;
  Grid g = grid(8, ImGui::GetFontSize() * 4.5f);
  int shown_days = 0;
  for (const auto& slot : s.slots) {
    const std::string slot_day = slot.start.substr(0, 10);
    if (slot_day != day) {
      if (++shown_days > 5) break;  // five days fit a screen; more is a scroll away anyway
      if (!day.empty() && index % g.columns != 0) ImGui::NewLine();
      day = slot_day;
      index = 0;
      say_text(ui, display_time(slot.start).substr(0, 10), ui.fonts.title);
    }
    const std::string label = slot.start.size() >= 16 ? slot.start.substr(11, 5) : slot.start;
    if (button(ui, "slot." + slot.start, label, g.width, s.visitor.slot_start == slot.start,
               false)) {
      emit(ui, Intent::Kind::choose_slot, slot.start);
    }
    next_cell(index++, g);
  }
}

void draw_book_phone(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  say_text(ui, ui.t("kiosk.book.phone_title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.book.phone_hint"));
  card(ui, [&](float) {
    ImGui::PushFont(ui.fonts.title);
    ImGui::TextUnformatted(v.phone_input.empty() ? "+7 ..." : v.phone_input.c_str());
    ImGui::PopFont();
  });
  if (!v.form_error.empty()) say_text(ui, v.form_error, nullptr, &ui.palette.error_text);
  const float key = std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.2f);
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0"};
  for (int i = 0; i < 11; ++i) {
    if (button(ui, std::string("phone.") + keys[i], keys[i], key, false, false, ui.fonts.title)) {
      emit(ui, Intent::Kind::phone_char, keys[i]);
    }
    if (i % 6 != 5) ImGui::SameLine();
  }
  if (button(ui, "phone.erase", ui.t("kiosk.keypad.erase"), key * 3)) {
    emit(ui, Intent::Kind::phone_backspace);
  }
  say_text(ui, ui.t("kiosk.book.reminders"));
  const Grid g = grid(2, ImGui::GetFontSize() * 10);
  if (button(ui, "reminder.24h", ui.t("reminder.24h"), g.width, v.reminders.contains("24h"))) {
    emit(ui, Intent::Kind::toggle_reminder, "24h");
  }
  ImGui::SameLine();
  if (button(ui, "reminder.2h", ui.t("reminder.2h"), g.width, v.reminders.contains("2h"))) {
    emit(ui, Intent::Kind::toggle_reminder, "2h");
  }
  if (button(ui, "book.next", ui.t("kiosk.next"), g.width, false, true, ui.fonts.title)) {
    go(ui, Screen::book_consent);
  }
}

void draw_book_consent(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.consent.title"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, ui.t("kiosk.consent.text"));
    say_text(ui, ui.t("kiosk.consent.version", {{"version", kConsentVersion}}), nullptr,
             &ui.palette.muted_text);
  });
  if (!s.visitor.form_error.empty()) {
    say_text(ui, s.visitor.form_error, nullptr, &ui.palette.error_text);
  }
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  const Grid g = grid(2, ImGui::GetFontSize() * 10);
  if (button(ui, "consent.accept", ui.t("kiosk.consent.accept"), g.width)) {
    emit(ui, Intent::Kind::consent_accept);
  }
  ImGui::SameLine();
  if (button(ui, "consent.decline", ui.t("kiosk.consent.decline"), g.width)) {
    emit(ui, Intent::Kind::consent_decline);
  }
}

void draw_book_done(const KioskState& s, UiContext& ui) {
  const auto& b = s.visitor.booking;
  if (!b) return;
  say_text(ui, ui.t("kiosk.book.done_title"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, ui.t("kiosk.book.code"));
    say_text(ui, b->code, ui.fonts.number);
    say_text(ui, ui.t("kiosk.checkin.booking", {{"service", service_name(ui, b->service)},
                                                {"time", display_time(b->start)}}));
    say_text(ui, ui.t("kiosk.book.keep_code"));
  });
  if (button(ui, "book.finish", ui.t("kiosk.finish"), ImGui::GetFontSize() * 10)) {
    emit(ui, Intent::Kind::home);
  }
}

void draw_floor_plan(const KioskState& s, UiContext& ui, ImVec2 size) {
  const FloorPlan& plan = *ui.plan;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float k = std::min(size.x / plan.width, size.y / plan.height);
  auto at = [&](float x, float y) { return ImVec2(origin.x + x * k, origin.y + y * k); };
  const Palette& p = ui.palette;
  dl->AddRectFilled(origin, at(plan.width, plan.height), col(p.panel));
  dl->AddRect(origin, at(plan.width, plan.height), col(p.panel_text), 0, 0, 3);
  auto label = [&](const std::string& text, const PlanRect& r) {
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, r.w * k);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(origin.x + (r.x + r.w / 2) * k - ts.x / 2,
                       origin.y + (r.y + r.h / 2) * k - ts.y / 2),
                col(p.panel_text), text.c_str(), nullptr, r.w * k);
  };
  for (const auto& area : plan.areas) {
    dl->AddRect(at(area.rect.x, area.rect.y),
                at(area.rect.x + area.rect.w, area.rect.y + area.rect.h), col(p.panel_text), 0, 0,
                2);
    label(ui.t(area.label_key), area.rect);
  }
  for (const auto& d : plan.desks) {
    const bool chosen = d.id == s.visitor.route_desk;
    dl->AddRect(at(d.rect.x, d.rect.y), at(d.rect.x + d.rect.w, d.rect.y + d.rect.h),
                col(chosen ? p.route : p.panel_text), 0, 0, chosen ? 6.0f : 2.0f);
    std::string name = d.id;
    for (const auto& od : ui.office.desks) {
      if (od.id == d.id) name = od.name.get(ui.lang);
    }
    label(name, d.rect);
  }
  if (const PlanDesk* d = plan.find_desk(s.visitor.route_desk); d && d->route.size() >= 2) {
    std::vector<ImVec2> pts;
    for (const auto& pt : d->route) pts.push_back(at(pt.x, pt.y));
    const float w = std::max(6.0f, ImGui::GetFontSize() * 0.25f);
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(p.route), 0, w);
    // An arrow head at the desk: direction shown by shape, not colour alone.
    const ImVec2 a = pts[pts.size() - 2], b = pts.back();
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::max(1.0f, std::hypot(dx, dy));
    const float ux = dx / len, uy = dy / len, h = w * 3;
    dl->AddTriangleFilled(ImVec2(b.x + ux * h * 0.3f, b.y + uy * h * 0.3f),
                          ImVec2(b.x - ux * h - uy * h * 0.6f, b.y - uy * h + ux * h * 0.6f),
                          ImVec2(b.x - ux * h + uy * h * 0.6f, b.y - uy * h - ux * h * 0.6f),
                          col(p.route));
  }
  const ImVec2 here = at(plan.you_are_here.x, plan.you_are_here.y);
  const float r = std::max(10.0f, ImGui::GetFontSize() * 0.4f);
  dl->AddCircleFilled(here, r, col(p.route));
  dl->AddCircle(here, r * 1.6f, col(p.panel_text), 0, 3);
  const std::string you = ui.t("kiosk.plan.you_are_here");
  dl->AddText(ImVec2(here.x + r * 2, here.y - ImGui::GetFontSize() / 2), col(p.panel_text),
              you.c_str());
  ImGui::Dummy(ImVec2(plan.width * k, plan.height * k));
}

void draw_wayfinding(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.way.title"), ui.fonts.title);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = avail > ImGui::GetFontSize() * 40;
  const float plan_width = side_by_side ? avail * 0.55f : avail;
  if (ui.plan) {
    ImGui::BeginGroup();
    say_text(ui, ui.t("kiosk.way.floor", {{"floor", std::to_string(ui.plan->floor)}}));
    draw_floor_plan(s, ui, ImVec2(plan_width, plan_width * ui.plan->height / ui.plan->width));
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
  }
  ImGui::BeginGroup();
  const float right = side_by_side ? avail - plan_width - gap() : avail;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  say_text(ui, ui.t("kiosk.way.choose_desk"));
  const Grid g{3, (right - 2 * gap()) / 3};
  int i = 0;
  for (const auto& d : ui.office.desks) {
    if (button(ui, "desk." + d.id, d.name.get(ui.lang), g.width, s.visitor.route_desk == d.id)) {
      emit(ui, Intent::Kind::route_to, d.id);
    }
    next_cell(i++, g);
  }
  if (i % g.columns != 0) ImGui::NewLine();
  if (const auto* desk = ui.plan ? ui.plan->find_desk(s.visitor.route_desk) : nullptr) {
    (void)desk;
    say_text(ui, ui.t("kiosk.way.route_shown"));
  }
  say_text(ui, ui.t("directions.transit"), ui.fonts.title);
  say_text(ui, ui.office.address.get(ui.lang));
  say_text(ui, ui.office.directions.transit.get(ui.lang));
  say_text(ui, ui.t("directions.entrance"), ui.fonts.title);
  say_text(ui, ui.office.directions.entrance.get(ui.lang));
  say_text(ui, ui.office.directions.floor.get(ui.lang));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void draw_feedback(const KioskState& s, UiContext& ui) {
  const FeedbackAnswers& f = s.visitor.feedback;
  say_text(ui, ui.t("kiosk.feedback.title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.feedback.ticket_hint"));
  card(ui, [&](float) {
    ImGui::PushFont(ui.fonts.title);
    ImGui::TextUnformatted(f.ticket.empty() ? "—" : f.ticket.c_str());
    ImGui::PopFont();
  });
  const Grid yg = grid(2, ImGui::GetFontSize() * 8);
  say_text(ui, ui.t("kiosk.feedback.q_answer"), ui.fonts.title);
  if (button(ui, "feedback.yes", ui.t("kiosk.yes"), yg.width, f.got_answer == true)) {
    emit(ui, Intent::Kind::feedback_answer, "yes");
  }
  ImGui::SameLine();
  if (button(ui, "feedback.no", ui.t("kiosk.no"), yg.width, f.got_answer == false)) {
    emit(ui, Intent::Kind::feedback_answer, "no");
  }
  say_text(ui, ui.t("kiosk.feedback.q_rate"), ui.fonts.title);
  static constexpr const char* kLevels[] = {"satisfied", "partly", "not_satisfied"};
  const Grid g = grid(3, ImGui::GetFontSize() * 8);
  for (int i = 0; i < 3; ++i) {
    const std::string level = kLevels[i];
    if (button(ui, "feedback." + level, ui.t("kiosk.feedback." + level), g.width,
               f.satisfaction == level)) {
      emit(ui, Intent::Kind::feedback_satisfaction, level);
    }
    next_cell(i, g);
  }
  say_text(ui, ui.t("kiosk.feedback.comment_hint"), nullptr, &ui.palette.muted_text);
  if (!f.comment.empty()) say_text(ui, f.comment);
  if (button(ui, "feedback.comment", ui.t("kiosk.feedback.write_comment"), yg.width)) {
    go(ui, Screen::feedback_comment);
  }
  if (!s.visitor.form_error.empty()) {
    say_text(ui, s.visitor.form_error, nullptr, &ui.palette.error_text);
  }
  const bool complete = f.got_answer.has_value() && !f.satisfaction.empty();
  if (complete &&
      button(ui, "feedback.send", ui.t(ui.federal_survey ? "kiosk.next" : "kiosk.feedback.send"),
             yg.width, false, true, ui.fonts.title)) {
    if (ui.federal_survey) {
      go(ui, Screen::feedback_federal);
    } else {
      emit(ui, Intent::Kind::feedback_submit);
    }
  }
}

// The end of `text` that fits `lines` wrapped lines of `width`, after an ellipsis: the visitor
// always sees what they are typing, and the keys never move down as the comment grows.
std::string comment_tail(const std::string& text, float width, int lines) {
  const float max_h = ImGui::GetFontSize() * static_cast<float>(lines) + 1.0f;
  const auto fits = [&](const std::string& t) {
    return ImGui::CalcTextSize(t.c_str(), nullptr, false, width).y <= max_h;
  };
  if (fits(text)) return text;
  const auto start_at = [&](size_t i) {
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  size_t lo = 0, hi = text.size();  // the smallest start that fits, by bisection
  while (lo < hi) {
    const size_t mid = start_at(lo + (hi - lo) / 2);
    if (mid >= hi) break;
    if (fits("…" + text.substr(mid))) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return "…" + text.substr(start_at(hi));
}

// An on-screen keyboard for the comment (R-VISIT-13): a kiosk has no keyboard, and a visitor
// writes in their own alphabet, so the keys are that alphabet's letters in alphabet order (known
// to everyone, typist or not, and the same rule for all six alphabets), then digits and
// punctuation, then a switch to Latin, shift, space, erase and done. Keys are ordinary buttons:
// at least 15 mm, reachable by keyboard/keypad focus, and the focused key is spoken like any
// button. With shift on, the letter keys show and type their capitals (ids stay the small
// letters, so focus stays on the same key), and the shift key is drawn selected.
void draw_comment_keyboard(const KioskState& s, UiContext& ui) {
  const bool latin = s.visitor.comment_latin || ui.lang == Language::en;
  const std::vector<std::string> keys = keyboard_keys(ui.lang, latin);
  const VisitorState::Shift shift = s.visitor.comment_shift;
  // Letters in the title font at 1x; at large print the body font is already as large, and
  // the title font would make the keyboard several screens tall.
  ImFont* key_font = ui.fonts.scale > 1.0f ? ui.fonts.body : ui.fonts.title;
  ImGui::PushFont(key_font);
  // Two letters wide (25 mm at 1x): fifteen keys a row fit 1920 px, so the letters take three
  // rows in every alphabet and the digits one.
  const float min_key = std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.0f);
  ImGui::PopFont();
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns =
      std::clamp(static_cast<int>((avail + gap()) / (min_key + gap())), 1, kKeyboardColumns);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const size_t letters = keyboard_letter_count(ui.lang, latin);
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string label =
        shift == VisitorState::Shift::off
            ? keys[i]
            : keyboard_capital(ui.lang, latin, keys[i], shift == VisitorState::Shift::locked);
    if (button(ui, "osk." + keys[i], label, w, false, false, key_font)) {
      emit(ui, Intent::Kind::comment_char, label);
    }
    // Digits and punctuation start a row of their own.
    const bool row_end =
        (i < letters ? i + 1 == letters || (i + 1) % static_cast<size_t>(columns) == 0
                     : (i - letters + 1) % static_cast<size_t>(columns) == 0);
    if (!row_end && i + 1 < keys.size()) ImGui::SameLine();
  }
  // The control row: space is twice as wide, as on any keyboard; so is shift, whose name is a
  // word or two and gains a check mark when on. At large print seven units would break names
  // mid-word, so the Latin switch and shift take a row of their own above the others.
  const bool can_switch = ui.lang != Language::en;
  const bool two_rows = ui.fonts.scale > 1.0f;
  const float units = two_rows ? 4.0f : can_switch ? 7.0f : 6.0f;
  const float unit = (avail - gap() * (units - 1.0f)) / units;
  const float half = (avail - gap()) / 2;
  if (can_switch) {
    if (button(ui, "osk.latin", ui.t(latin ? "kiosk.osk.native" : "kiosk.osk.latin"),
               two_rows ? half : unit, false, false)) {
      emit(ui, Intent::Kind::comment_latin);
    }
    ImGui::SameLine();
  }
  // Its name says the state too (locked reads differently from once), so speech and the
  // label tell it, not only the check mark of a selected button.
  if (button(ui, "osk.shift",
             ui.t(shift == VisitorState::Shift::locked ? "kiosk.osk.caps_lock" : "kiosk.osk.shift"),
             two_rows ? (can_switch ? half : avail) : unit * 2 + gap(),
             shift != VisitorState::Shift::off, false)) {
    emit(ui, Intent::Kind::comment_shift);
  }
  if (!two_rows) ImGui::SameLine();
  if (button(ui, "osk.space", ui.t("kiosk.osk.space"), unit * 2 + gap(), false, false)) {
    emit(ui, Intent::Kind::comment_char, " ");
  }
  ImGui::SameLine();
  if (button(ui, "osk.backspace", ui.t("kiosk.keypad.erase"), unit, false, false)) {
    emit(ui, Intent::Kind::comment_backspace);
  }
  ImGui::SameLine();
  if (button(ui, "osk.done", ui.t("kiosk.osk.done"), unit, false, false)) {
    emit(ui, Intent::Kind::back);
  }
}

void draw_feedback_comment(const KioskState& s, UiContext& ui) {
  const std::string& comment = s.visitor.feedback.comment;
  say_text(ui, ui.t("kiosk.osk.title"), ui.fonts.title);
  card(ui, [&](float width) {
    // A caret after the text shows where the next letter goes.
    const std::string shown = comment_tail(comment + "|", width, 3);
    ImGui::TextUnformatted(shown.c_str());
  });
  if (!comment.empty()) {
    ui.spoken += comment;
    ui.spoken += ".\n";
  }
  draw_comment_keyboard(s, ui);
}

void draw_feedback_federal(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.federal.title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.federal.hint"));
  static constexpr const char* kCriteria[] = {"kiosk.federal.time", "kiosk.federal.waiting",
                                              "kiosk.federal.staff", "kiosk.federal.comfort",
                                              "kiosk.federal.information"};
  const float key = std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.0f);
  for (int c = 0; c < 5; ++c) {
    say_text(ui, ui.t(kCriteria[c]));
    for (int score = 1; score <= 5; ++score) {
      if (button(ui, "federal." + std::to_string(c) + "." + std::to_string(score),
                 std::to_string(score), key, s.visitor.feedback.federal[c] == score, false)) {
        emit(ui, Intent::Kind::feedback_federal, {}, c * 10 + score);
      }
      if (score < 5) ImGui::SameLine();
    }
  }
  if (button(ui, "feedback.send", ui.t("kiosk.feedback.send"), ImGui::GetFontSize() * 10, false,
             true, ui.fonts.title)) {
    emit(ui, Intent::Kind::feedback_submit);
  }
}

void draw_feedback_done(const KioskState&, UiContext& ui) {
  say_text(ui, ui.t("kiosk.feedback.thanks"), ui.fonts.title);
  if (button(ui, "feedback.finish", ui.t("kiosk.finish"), ImGui::GetFontSize() * 10)) {
    emit(ui, Intent::Kind::home);
  }
}

void draw_screen(const KioskState& s, UiContext& ui) {
  switch (s.visitor.screen) {
    case Screen::welcome:
      return draw_welcome(s, ui);
    case Screen::accessibility:
      return draw_accessibility(s, ui);
    case Screen::checkin:
      return draw_checkin(s, ui);
    case Screen::checkin_done:
      return draw_checkin_done(s, ui);
    case Screen::ticket_services:
      say_text(ui, ui.t("kiosk.ticket.choose_service"), ui.fonts.title);
      return draw_service_cards(s, ui, "ticket.service.", true);
    case Screen::ticket_options:
      return draw_ticket_options(s, ui);
    case Screen::ticket_shown:
      return draw_ticket_shown(s, ui);
    case Screen::book_services:
      say_text(ui, ui.t("kiosk.book.choose_service"), ui.fonts.title);
      return draw_service_cards(s, ui, "book.service.", false);
    case Screen::book_slots:
      return draw_book_slots(s, ui);
    case Screen::book_phone:
      return draw_book_phone(s, ui);
    case Screen::book_consent:
      return draw_book_consent(s, ui);
    case Screen::book_done:
      return draw_book_done(s, ui);
    case Screen::wayfinding:
      return draw_wayfinding(s, ui);
    case Screen::feedback:
      return draw_feedback(s, ui);
    case Screen::feedback_comment:
      return draw_feedback_comment(s, ui);
    case Screen::feedback_federal:
      return draw_feedback_federal(s, ui);
    case Screen::feedback_done:
      return draw_feedback_done(s, ui);
  }
}

void draw_top_bar(const KioskState& s, UiContext& ui, float height) {
  ImGui::BeginChild("top", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  const float button_width = ImGui::GetFontSize() * 9;
  const std::string name = ui.office.short_name.get(ui.lang);
  const float name_room = ImGui::GetWindowWidth() - button_width - gap() * 3;
  // The title font when the name fits beside the button, the body font otherwise; clipped
  // as a last resort so it never runs under the button.
  ImGui::PushFont(ui.fonts.title);
  if (ImGui::CalcTextSize(name.c_str()).x > name_room) {
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.body);
  }
  ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushClipRect(p, ImVec2(p.x + name_room, p.y + height), true);
  ImGui::TextUnformatted(name.c_str());
  ImGui::PopClipRect();
  ImGui::PopFont();
  // Always visible: accessibility (R-VISIT-10).
  ImGui::SameLine(ImGui::GetWindowWidth() - button_width - ImGui::GetStyle().WindowPadding.x);
  ImGui::SetCursorPosY(0);
  if (button(ui, "top.accessibility", ui.t("kiosk.a11y.button"), button_width,
             s.visitor.screen == Screen::accessibility, false)) {
    go(ui, Screen::accessibility);
  }
  ImGui::EndChild();
}

// The bottom bar: back and finish (not on Welcome), then the speech controls. At large print
// the labels would not fit one row without breaking words, so the bar takes two rows.
struct BarItem {
  const char* id;
  const char* key;
  Intent::Kind kind;
};
std::vector<BarItem> bottom_items(const KioskState& s) {
  std::vector<BarItem> items;
  if (s.visitor.screen != Screen::welcome) {
    items.push_back({"nav.back", "kiosk.back", Intent::Kind::back});
    items.push_back({"nav.home", "kiosk.finish", Intent::Kind::home});
  }
  items.push_back({"speech.repeat", "kiosk.speech.read", Intent::Kind::speak_repeat});
  items.push_back({"speech.stop", "kiosk.speech.stop", Intent::Kind::speak_stop});
  items.push_back({"speech.quieter", "kiosk.speech.quieter", Intent::Kind::volume_down});
  items.push_back({"speech.louder", "kiosk.speech.louder", Intent::Kind::volume_up});
  return items;
}

int bottom_columns(const KioskState& s, const UiContext& ui, float avail) {
  const auto items = bottom_items(s);
  const int count = static_cast<int>(items.size());
  const float width = (avail - gap() * static_cast<float>(count - 1)) / static_cast<float>(count);
  float longest = 0;
  for (const auto& item : items) {
    // The longest word decides: a word must never be split across lines.
    const std::string label = ui.t(item.key);
    size_t start = 0;
    while (start <= label.size()) {
      size_t end = label.find(' ', start);
      if (end == std::string::npos) end = label.size();
      longest =
          std::max(longest, ImGui::CalcTextSize(label.c_str() + start, label.c_str() + end).x);
      start = end + 1;
    }
  }
  return longest + ImGui::GetFontSize() * 1.2f <= width ? count : (count + 1) / 2;
}

float bottom_bar_height(const KioskState& s, const UiContext& ui, float avail) {
  const auto items = bottom_items(s);
  const int columns = bottom_columns(s, ui, avail);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const float pad = ImGui::GetFontSize() * 0.45f;
  float total = 0, row = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    // The same measure as button(): wrapped label plus padding, at least the touch target.
    const std::string label = ui.t(items[i].key);
    const float h =
        std::max(target_height(ui),
                 ImGui::CalcTextSize(label.c_str(), nullptr, false, w - 2 * pad).y + 2 * pad);
    row = std::max(row, h);
    if ((static_cast<int>(i) + 1) % columns == 0 || i + 1 == items.size()) {
      total += row + (total > 0 ? ImGui::GetStyle().ItemSpacing.y : 0);
      row = 0;
    }
  }
  return total;
}

void draw_bottom_bar(const KioskState& s, UiContext& ui) {
  const auto items = bottom_items(s);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns = bottom_columns(s, ui, avail);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  for (size_t i = 0; i < items.size(); ++i) {
    if (button(ui, items[i].id, ui.t(items[i].key), w, false, false)) emit(ui, items[i].kind);
    if ((static_cast<int>(i) + 1) % columns != 0 && i + 1 < items.size()) ImGui::SameLine();
  }
}

void draw_server_banner(const KioskState& s, UiContext& ui) {
  if (!s.server_down) return;
  card(ui, [&](float width) {
    say_text(ui, ui.t("kiosk.error.server_down"), ui.fonts.title, &ui.palette.error_text);
    say_text(ui, ui.t("kiosk.error.ask_reception"), nullptr, &ui.palette.error_text);
    if (button(ui, "server.retry", ui.t("kiosk.error.retry"),
               std::min(width, ImGui::GetFontSize() * 10))) {
      emit(ui, Intent::Kind::retry_server);
    }
  });
}

void draw_more_time(const KioskState& s, UiContext& ui) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.75f));
  ImGui::Begin(
      "more_time", nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  const float width = std::min(vp->Size.x * 0.8f, ImGui::GetFontSize() * 30);
  ImGui::SetCursorPos(ImVec2((vp->Size.x - width) / 2, vp->Size.y * 0.25f));
  ImGui::BeginChild("more_time_panel", ImVec2(width, vp->Size.y * 0.5f), true,
                    ImGuiWindowFlags_NoScrollbar);
  const int left =
      std::max(0, static_cast<int>(std::ceil(ui.more_time_s - (ui.now_s - s.asked_at_s))));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(ui.palette.panel_text)));
  say_text(ui, ui.t("kiosk.timeout.question"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.timeout.countdown", {{"seconds", std::to_string(left)}}));
  ImGui::PopStyleColor();
  const float w = (ImGui::GetContentRegionAvail().x - gap()) / 2;
  if (button(ui, "timeout.more", ui.t("kiosk.timeout.more"), w)) emit(ui, Intent::Kind::more_time);
  ImGui::SameLine();
  if (button(ui, "timeout.finish", ui.t("kiosk.finish"), w)) emit(ui, Intent::Kind::home);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace

namespace {

// Each alphabet as taught, in lower case (a comment needs no capitals to be understood, and one
// case keeps every key a single tap). Belarusian writes an apostrophe where Russian has ъ;
// Armenian's և is a letter of its own.
std::string_view alphabet(Language lang) {
  switch (lang) {
    case Language::ru:
      return "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    case Language::be:
      return "абвгдеёжзійклмнопрстуўфхцчшыьэюя’";
    case Language::kk:
      return "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
    case Language::ky:
      return "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя";
    case Language::hy:
      return "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև";
    case Language::en:
      break;
  }
  return "abcdefghijklmnopqrstuvwxyz";
}

// Armenian has its own full stop and question mark.
std::string_view punctuation(Language lang, bool latin) {
  return lang == Language::hy && !latin ? ",։՞!-" : ",.?!-";
}

std::vector<std::string> split_characters(std::string_view s) {
  std::vector<std::string> out;
  for (char32_t c : decode_utf8(s)) out.push_back(encode_utf8(c));
  return out;
}

}  // namespace

std::vector<std::string> keyboard_keys(Language lang, bool latin) {
  auto keys = split_characters(latin ? alphabet(Language::en) : alphabet(lang));
  for (auto& k : split_characters("1234567890")) keys.push_back(std::move(k));
  for (auto& k : split_characters(punctuation(lang, latin))) keys.push_back(std::move(k));
  return keys;
}

std::string keyboard_capital(Language lang, bool latin, std::string_view key, bool locked) {
  // ICU's full case mapping with the alphabet's own locale: Cyrillic letters beyond Russian's
  // and Armenian have no ASCII-style offset, and Armenian և has a two-letter capital: title case
  // (Եվ) starts a sentence, upper case (ԵՎ) is for capitals throughout.
  const icu::Locale locale(latin ? "en" : std::string(to_string(lang)).c_str());
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
  if (locked) {
    text.toUpper(locale);
  } else {
    text.toTitle(nullptr, locale);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

size_t keyboard_letter_count(Language lang, bool latin) {
  return decode_utf8(latin ? alphabet(Language::en) : alphabet(lang)).size();
}

float min_target_px(float px_per_mm) {
  return 15.0f * px_per_mm;
}

std::string display_time(std::string_view iso) {
  // YYYY-MM-DDTHH:MM...
  if (iso.size() < 16) return std::string(iso);
  std::string out;
  out += iso.substr(8, 2);
  out += '.';
  out += iso.substr(5, 2);
  out += '.';
  out += iso.substr(0, 4);
  out += ' ';
  out += iso.substr(11, 5);
  return out;
}

std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang) {
  using namespace std::chrono;
  std::vector<std::string> lines;
  const auto local = office.zone->to_local(now);
  const auto local_day = date::floor<date::days>(local);
  const Date today{sys_days{days{local_day.time_since_epoch().count()}}};
  const Minutes minute_of_day = duration_cast<Minutes>(local - local_day);
  const DayHours h = office.hours_on(today, calendar);
  if (h.open) {
    std::string line = catalog.text(lang, "kiosk.hours.today",
                                    {{"open", hhmm(h.open->begin)}, {"close", hhmm(h.open->end)}});
    for (const auto& b : h.breaks) {
      line += "; " + catalog.text(lang, "kiosk.hours.break",
                                  {{"from", hhmm(b.begin)}, {"to", hhmm(b.end)}});
    }
    lines.push_back(line);
  } else {
    lines.push_back(catalog.text(lang, "kiosk.hours.today_closed"));
  }
  // The next change: closing, the end of a break, or the next opening.
  if (h.open && minute_of_day < h.open->begin) {
    lines.push_back(catalog.text(lang, "kiosk.hours.opens_today", {{"time", hhmm(h.open->begin)}}));
    return lines;
  }
  if (h.open && minute_of_day < h.open->end) {
    for (const auto& b : h.breaks) {
      if (minute_of_day >= b.begin && minute_of_day < b.end) {
        lines.push_back(catalog.text(lang, "kiosk.hours.break_until", {{"time", hhmm(b.end)}}));
        return lines;
      }
    }
    lines.push_back(catalog.text(lang, "kiosk.hours.closes_at", {{"time", hhmm(h.open->end)}}));
    return lines;
  }
  static constexpr const char* kDays[] = {
      "kiosk.weekday.mon", "kiosk.weekday.tue", "kiosk.weekday.wed", "kiosk.weekday.thu",
      "kiosk.weekday.fri", "kiosk.weekday.sat", "kiosk.weekday.sun"};
  for (int ahead = 1; ahead <= 14; ++ahead) {
    const sys_days day = sys_days{today} + days{ahead};
    const DayHours next = office.hours_on(Date{day}, calendar);
    if (!next.open) continue;
    const std::string day_name = ahead == 1
                                     ? catalog.text(lang, "kiosk.weekday.tomorrow")
                                     : catalog.text(lang, kDays[weekday{day}.iso_encoding() - 1]);
    lines.push_back(catalog.text(lang, "kiosk.hours.opens_on",
                                 {{"day", day_name}, {"time", hhmm(next.open->begin)}}));
    break;
  }
  return lines;
}

void draw_kiosk(const KioskState& s, UiContext& ui) {
  ui.lang = s.visitor.language;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float bar = target_height(ui);
  draw_top_bar(s, ui, bar);
  ImGui::Separator();
  const float bottom = bottom_bar_height(s, ui, ImGui::GetContentRegionAvail().x) +
                       ImGui::GetStyle().ItemSpacing.y * 2 + 2;
  ImGui::BeginChild("content", ImVec2(0, ImGui::GetContentRegionAvail().y - bottom), false,
                    ImGuiWindowFlags_NavFlattened);
  // Drag to scroll: a finger cannot use a scroll wheel.
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
  draw_server_banner(s, ui);
  draw_screen(s, ui);
  ImGui::EndChild();
  ImGui::Separator();
  draw_bottom_bar(s, ui);
  if (!s.asking_more_time && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    emit(ui, Intent::Kind::back);
  }
  ImGui::End();
  if (s.asking_more_time) draw_more_time(s, ui);
}

}  // namespace okno::kiosk
