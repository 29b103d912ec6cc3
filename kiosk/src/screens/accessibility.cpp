// Screen `accessibility` (the button in the top bar of every screen, R-VISIT-10): text size
// (1x, 1.5x, 2x), high contrast, speech on or off.
#include "screens/screens.hpp"

#include <cmath>

#include "widgets.hpp"

namespace okno::kiosk {
namespace {

// A setting's name above its choices, or at large print beside them (a third of the width),
// so that all three settings stay on the screen (issue 16 item 11). Returns the width left for
// the choices.
float caption(UiContext& ui, const std::string& text) {
  const float avail = ImGui::GetContentRegionAvail().x;
  if (ui.fonts.scale <= 1.0f) {
    say_text(ui, text);
    return avail;
  }
  const float w = avail * 0.3f;
  const float x0 = ImGui::GetCursorPosX(), top = ImGui::GetCursorPosY();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ImGui::SetCursorPosY(top + button_pad(ui));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ui.spoken += text + ".\n";
  ImGui::SameLine(x0 + w + gap());
  ImGui::SetCursorPosY(top);
  return avail - w - gap();
}

}  // namespace

void draw_accessibility(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  say_text(ui, ui.t("kiosk.a11y.title"), ui.fonts.title);
  const float size_width = caption(ui, ui.t("kiosk.a11y.text_size"));
  const float cell = (size_width - 2 * gap()) / 3;
  const std::pair<const char*, int> sizes[] = {{"kiosk.a11y.size_normal", 10},
                                               {"kiosk.a11y.size_large", 15},
                                               {"kiosk.a11y.size_largest", 20}};
  for (int i = 0; i < 3; ++i) {
    const bool on = std::lround(v.text_scale * 10) == sizes[i].second;
    if (button(ui, "a11y.size." + std::to_string(sizes[i].second), ui.t(sizes[i].first), cell,
               on)) {
      emit(ui, Intent::Kind::set_scale, {}, sizes[i].second);
    }
    if (i < 2) ImGui::SameLine();
  }
  const float colours_width = caption(ui, ui.t("kiosk.a11y.colours"));
  const float half = (colours_width - gap()) / 2;
  if (button(ui, "a11y.contrast.off", ui.t("kiosk.a11y.standard_colours"), half,
             !v.high_contrast) &&
      v.high_contrast) {
    emit(ui, Intent::Kind::toggle_contrast);
  }
  ImGui::SameLine();
  if (button(ui, "a11y.contrast.on", ui.t("kiosk.a11y.high_contrast"), half, v.high_contrast) &&
      !v.high_contrast) {
    emit(ui, Intent::Kind::toggle_contrast);
  }
  caption(ui, ui.t("kiosk.a11y.speech"));
  if (button(ui, "a11y.speech.on", ui.t("kiosk.a11y.speech_on"), half, v.speech_on) &&
      !v.speech_on) {
    emit(ui, Intent::Kind::toggle_speech);
  }
  ImGui::SameLine();
  if (button(ui, "a11y.speech.off", ui.t("kiosk.a11y.speech_off"), half, !v.speech_on) &&
      v.speech_on) {
    emit(ui, Intent::Kind::toggle_speech);
  }
  say_text(ui, ui.t("kiosk.a11y.keys_help"), nullptr, &ui.palette.muted_text);
}

}  // namespace okno::kiosk
