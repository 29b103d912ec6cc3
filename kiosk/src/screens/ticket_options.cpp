// Screen `ticket_options`: before a walk-in ticket, the visitor's priority and needs (no
// personal data, R-VISIT-12), then "Take a ticket". At large print the priorities and the needs
// are two pages, with the pager and "Take a ticket" always on the screen (issue 16 item 11).
#include "screens/screens.hpp"

#include <algorithm>

#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

constexpr std::pair<Priority, const char*> kPriorities[] = {
    {Priority::none, "kiosk.priority.none"},
    {Priority::disability, "kiosk.priority.disability"},
    {Priority::elderly, "kiosk.priority.elderly"},
    {Priority::pregnant, "kiosk.priority.pregnant"},
    {Priority::small_children, "kiosk.priority.small_children"},
};
constexpr const char* kNeeds[] = {"sign_language", "tactile_interpreter", "wheelchair"};

void draw_priorities(const VisitorState& v, UiContext& ui, float min_width) {
  const Grid g = grid(5, min_width);
  for (int i = 0; i < 5; ++i) {
    const auto [prio, key] = kPriorities[i];
    if (button(ui, "priority." + std::string(to_string(prio)), ui.t(key), g.width,
               v.priority == prio)) {
      emit(ui, Intent::Kind::set_priority, {}, static_cast<int>(prio));
    }
    next_cell(i, g);
  }
}

void draw_needs(const VisitorState& v, UiContext& ui, float min_width) {
  const Grid ng = grid(3, min_width);
  for (int i = 0; i < 3; ++i) {
    const std::string need = kNeeds[i];
    if (button(ui, "need." + need, ui.t("need." + need), ng.width, v.needs.contains(need))) {
      emit(ui, Intent::Kind::toggle_need, need);
    }
    next_cell(i, ng);
  }
}

bool take_button(UiContext& ui, float width) {
  return button(ui, "ticket.take", ui.t("kiosk.ticket.take"), width, false, true, ui.fonts.title);
}

}  // namespace

void draw_ticket_options(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  if (ui.fonts.scale > 1.0f) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float half = (avail - gap()) / 2;
    ImGui::PushFont(ui.fonts.title);
    const float take_h = button_height(ui, ui.t("kiosk.ticket.take"), half);
    ImGui::PopFont();
    const Page p = page_of(s, "options", 2, 1);
    begin_above_actions(take_h);
    say_text(ui, service_name(ui, v.service), ui.fonts.title);
    // The server's refusal first, where it is seen (office closed, daily cap reached).
    if (!v.form_error.empty()) say_text(ui, v.form_error, nullptr, &ui.palette.error_text);
    if (p.page == 0) {
      draw_priorities(v, ui, half - gap());
      say_text(ui, ui.t("kiosk.ticket.priority_title"), nullptr, &ui.palette.muted_text);
    } else {
      say_text(ui, ui.t("kiosk.ticket.needs_title"));
      draw_needs(v, ui, avail);
      say_text(ui, ui.t("kiosk.ticket.no_personal_data"), nullptr, &ui.palette.muted_text);
    }
    say_text(ui, queue_line(ui, s, v.service), nullptr, &ui.palette.muted_text);
    end_above_actions();
    ImGui::BeginGroup();
    pager(ui, "options", p, half);
    ImGui::EndGroup();
    ImGui::SameLine();
    if (take_button(ui, half)) emit(ui, Intent::Kind::take_ticket);
    return;
  }
  say_text(ui, service_name(ui, v.service), ui.fonts.title);
  say_text(ui, queue_line(ui, s, v.service));
  say_text(ui, ui.t("kiosk.ticket.priority_title"));
  draw_priorities(v, ui, ImGui::GetFontSize() * 9);
  say_text(ui, ui.t("kiosk.ticket.needs_title"));
  draw_needs(v, ui, ImGui::GetFontSize() * 10);
  say_text(ui, ui.t("kiosk.ticket.no_personal_data"), nullptr, &ui.palette.muted_text);
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  // The server's refusal in plain words (office closed and when it opens, daily cap reached).
  if (!v.form_error.empty()) say_text(ui, v.form_error, nullptr, &ui.palette.error_text);
  if (take_button(ui, std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16))) {
    emit(ui, Intent::Kind::take_ticket);
  }
}

}  // namespace okno::kiosk
