// Screen `checkin`: the visitor types their booking code on a keypad of the code alphabet (or
// scans it; the scanner types into the same field), then submits it.
#include "screens/screens.hpp"

#include <algorithm>

#include "widgets.hpp"

namespace okno::kiosk {
namespace {

void draw_code_keypad(UiContext& ui) {
  const std::string alphabet = "23456789ACEKMPTX";  // okno::booking_code_alphabet()
  const float avail = ImGui::GetContentRegionAvail().x;
  // Two rows of eight keys, or at large print, when two rows and the row of actions would
  // not fit the screen, one row of sixteen (still at least 15 mm each): "Erase", "Clear" and
  // "Check in" stay on the screen (issue 16 item 11).
  ImGui::PushFont(ui.fonts.title);
  const float row = target_height(ui) + ImGui::GetStyle().ItemSpacing.y;
  ImGui::PopFont();
  const bool one_row = room_below() < 2 * row + target_height(ui);
  const int columns = one_row ? 16 : 8;
  const float key = one_row ? (avail - gap() * 15) / 16
                            : std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.2f);
  for (size_t i = 0; i < alphabet.size(); ++i) {
    const std::string ch(1, alphabet[i]);
    if (button(ui, "key." + ch, ch, key, false, false, ui.fonts.title)) {
      emit(ui, Intent::Kind::code_char, ch);
    }
    if ((static_cast<int>(i) + 1) % columns != 0) ImGui::SameLine();
  }
  if (alphabet.size() % static_cast<size_t>(columns) != 0) ImGui::NewLine();
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

}  // namespace

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

}  // namespace okno::kiosk
