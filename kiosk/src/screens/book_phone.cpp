// Screen `book_phone`: an optional phone number on a digit keypad and the SMS reminders
// (24 h, 2 h; R-VISIT-3).
#include "screens/screens.hpp"

#include <algorithm>

#include "widgets.hpp"

namespace okno::kiosk {

namespace {

void draw_phone_large(const KioskState& s, UiContext& ui) {
  // Large print (issue 16 item 11): the number and its keypad (three keys a row, as on a phone)
  // on the left; the reminders, "Next" and the hint on the right, all on one screen.
  const VisitorState& v = s.visitor;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float left = avail * 0.45f, right = avail - left - gap();
  ImGui::BeginGroup();
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(v.phone_input.empty() ? "+7 ..." : v.phone_input.c_str());
  ImGui::PopFont();
  if (!v.form_error.empty()) say_text(ui, v.form_error, nullptr, &ui.palette.error_text);
  const float key = (left - 2 * gap()) / 3;
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0"};
  for (int i = 0; i < 11; ++i) {
    // The text font: at large print it is as large as the headings at 1x.
    if (button(ui, std::string("phone.") + keys[i], keys[i], key, false, false)) {
      emit(ui, Intent::Kind::phone_char, keys[i]);
    }
    if (i % 3 != 2) ImGui::SameLine();
  }
  if (button(ui, "phone.erase", ui.t("kiosk.keypad.erase"), key)) {
    emit(ui, Intent::Kind::phone_backspace);
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  ImGui::TextUnformatted(ui.t("kiosk.book.reminders").c_str());
  ui.spoken += ui.t("kiosk.book.reminders") + ".\n";
  if (button(ui, "reminder.24h", ui.t("reminder.24h"), right, v.reminders.contains("24h"))) {
    emit(ui, Intent::Kind::toggle_reminder, "24h");
  }
  if (button(ui, "reminder.2h", ui.t("reminder.2h"), right, v.reminders.contains("2h"))) {
    emit(ui, Intent::Kind::toggle_reminder, "2h");
  }
  if (button(ui, "book.next", ui.t("kiosk.next"), right, false, true, ui.fonts.title)) {
    go(ui, Screen::book_consent);
  }
  ImGui::TextUnformatted(ui.t("kiosk.book.phone_hint").c_str());
  ui.spoken += ui.t("kiosk.book.phone_hint") + ".\n";
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace

void draw_book_phone(const KioskState& s, UiContext& ui) {
  if (ui.fonts.scale > 1.0f) {
    say_text(ui, ui.t("kiosk.book.phone_title"), ui.fonts.title);
    return draw_phone_large(s, ui);
  }
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

}  // namespace okno::kiosk
