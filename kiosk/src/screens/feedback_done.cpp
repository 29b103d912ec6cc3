// Screen `feedback_done`: thanks for the feedback.
#include "screens/screens.hpp"

#include "widgets.hpp"

namespace okno::kiosk {

void draw_feedback_done(const KioskState&, UiContext& ui) {
  say_text(ui, ui.t("kiosk.feedback.thanks"), ui.fonts.title);
  if (button(ui, "feedback.finish", ui.t("kiosk.finish"), ImGui::GetFontSize() * 10)) {
    emit(ui, Intent::Kind::home);
  }
}

}  // namespace okno::kiosk
