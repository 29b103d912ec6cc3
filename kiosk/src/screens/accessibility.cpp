// Screen `accessibility` (the button in the top bar of every screen, R-VISIT-10): text size
// (1x, 1.5x, 2x), high contrast, speech on or off.
#include "screens/screens.hpp"

#include <cmath>

#include "widgets.hpp"

namespace okno::kiosk {

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

}  // namespace okno::kiosk
