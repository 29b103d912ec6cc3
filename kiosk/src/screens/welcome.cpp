// Screen `welcome`: the office's name, today's hours and the next change (R-VISIT-7), the five
// things a visitor can do, and the six languages, each named in itself (R-VISIT-11).
#include "screens/screens.hpp"

#include "widgets.hpp"

namespace okno::kiosk {

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

}  // namespace okno::kiosk
