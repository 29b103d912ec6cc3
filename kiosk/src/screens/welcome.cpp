// Screen `welcome`: the office's name, today's hours and the next change (R-VISIT-7), the five
// things a visitor can do, and the six languages, each named in itself (R-VISIT-11).
#include "screens/screens.hpp"

#include <algorithm>

#include "widgets.hpp"

namespace okno::kiosk {

namespace {

struct Action {
  const char* id;
  const char* key;
  Screen screen;
};
constexpr Action kActions[] = {
    {"welcome.checkin", "kiosk.welcome.checkin", Screen::checkin},
    {"welcome.take_ticket", "kiosk.welcome.take_ticket", Screen::ticket_services},
    {"welcome.book", "kiosk.welcome.book", Screen::book_services},
    {"welcome.wayfinding", "kiosk.welcome.wayfinding", Screen::wayfinding},
    {"welcome.feedback", "kiosk.welcome.feedback", Screen::feedback},
};

void draw_languages(const KioskState& s, UiContext& ui, float width) {
  // As many columns as the longest name allows without breaking it.
  float longest = 0;
  for (Language lang : kAllLanguages) {
    longest =
        std::max(longest, ImGui::CalcTextSize(ui.catalog.text(lang, "language.name").c_str()).x);
  }
  const float min_w = std::max(ui.fonts.scale > 1.0f ? 0.0f : ImGui::GetFontSize() * 7,
                               longest + 2 * button_pad(ui) + 2);
  const int cols = std::clamp(static_cast<int>((width + gap()) / (min_w + gap())), 1, 6);
  const Grid lg{cols, (width - gap() * static_cast<float>(cols - 1)) / static_cast<float>(cols)};
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

}  // namespace

void draw_welcome(const KioskState& s, UiContext& ui) {
  const bool large = ui.fonts.scale > 1.0f;
  if (!large) {
    say_text(ui, ui.office.name.get(ui.lang), ui.fonts.title);
    for (const auto& line :
         describe_hours(ui.office, ui.calendar, ui.now_utc, ui.catalog, ui.lang)) {
      say_text(ui, line);
    }
    ImGui::Spacing();
    const Grid g = grid(5, ImGui::GetFontSize() * 14);
    for (int i = 0; i < 5; ++i) {
      if (button(ui, kActions[i].id, ui.t(kActions[i].key), g.width, false, true, ui.fonts.title)) {
        go(ui, kActions[i].screen);
      }
      next_cell(i, g);
    }
    ImGui::Spacing();
    say_text(ui, ui.t("kiosk.welcome.choose_language"));
    draw_languages(s, ui, ImGui::GetContentRegionAvail().x);
    return;
  }
  // Large print (issue 16 item 11): the five actions stacked on the left, today's hours and the
  // languages on the right, so all of them are on the screen at once; the office's short name
  // stays in the top bar.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float left = avail * 0.5f, right = avail - left - gap();
  ImGui::BeginGroup();
  for (const auto& a : kActions) {
    if (button(ui, a.id, ui.t(a.key), left)) go(ui, a.screen);
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  for (const auto& line : describe_hours(ui.office, ui.calendar, ui.now_utc, ui.catalog, ui.lang)) {
    ImGui::TextUnformatted(line.c_str());
    ui.spoken += line + ".\n";
  }
  ImGui::PopTextWrapPos();
  draw_languages(s, ui, right);
  ImGui::EndGroup();
}

}  // namespace okno::kiosk
