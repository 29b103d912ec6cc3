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
  // As many criteria as fit above "Send", the others a page away (issue 16 item 11).
  const float avail = ImGui::GetContentRegionAvail().x;
  const float sp = ImGui::GetStyle().ItemSpacing.y;
  const float send_w = std::min(avail, ImGui::GetFontSize() * 10);
  ImGui::PushFont(ui.fonts.title);
  const float send_h = button_height(ui, ui.t("kiosk.feedback.send"), send_w) + sp;
  ImGui::PopFont();
  float tallest = 0;
  for (const char* k : kCriteria) {
    tallest = std::max(tallest, ImGui::CalcTextSize(ui.t(k).c_str(), nullptr, false, avail).y +
                                    2 * sp + target_height(ui));
  }
  const float room = room_below() + sp - send_h;
  int per_page = std::max(1, static_cast<int>(room / tallest));
  if (per_page < 5) per_page = std::max(1, static_cast<int>((room - pager_height(ui)) / tallest));
  const Page page = page_of(s, "federal", 5, per_page);
  for (int c = page.first; c < page.first + page.count; ++c) {
    say_text(ui, ui.t(kCriteria[c]));
    for (int score = 1; score <= 5; ++score) {
      if (button(ui, "federal." + std::to_string(c) + "." + std::to_string(score),
                 std::to_string(score), key, s.visitor.feedback.federal[c] == score, false)) {
        emit(ui, Intent::Kind::feedback_federal, {}, c * 10 + score);
      }
      if (score < 5) ImGui::SameLine();
    }
  }
  pager(ui, "federal", page, avail);
  if (button(ui, "feedback.send", ui.t("kiosk.feedback.send"), send_w, false, true,
             ui.fonts.title)) {
    emit(ui, Intent::Kind::feedback_submit);
  }
}

}  // namespace okno::kiosk
