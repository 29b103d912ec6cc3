// Screen `feedback_federal` (R-FB-1): the federal survey's five criteria, 1 to 5 each, then send.
#include "screens/screens.hpp"

#include <algorithm>

#include "widgets.hpp"

namespace okno::kiosk {

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

}  // namespace okno::kiosk
