// The dispatcher: draw_kiosk lays out the frame (screens/frame.hpp) around the screen of the
// moment, which draw_screen chooses (screens/screens.hpp). Layout adapts to the text scale (1x,
// 1.5x, 2x): grids choose their column count from the space left, and anything taller than the
// screen scrolls by dragging.
#include "ui.hpp"

#include "screens/frame.hpp"
#include "screens/screens.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

void draw_screen(const KioskState& s, UiContext& ui) {
  switch (s.visitor.screen) {
    case Screen::welcome:
      return draw_welcome(s, ui);
    case Screen::accessibility:
      return draw_accessibility(s, ui);
    case Screen::checkin:
      return draw_checkin(s, ui);
    case Screen::checkin_done:
      return draw_checkin_done(s, ui);
    case Screen::ticket_services:
      return draw_ticket_services(s, ui);
    case Screen::ticket_options:
      return draw_ticket_options(s, ui);
    case Screen::ticket_shown:
      return draw_ticket_shown(s, ui);
    case Screen::book_services:
      return draw_book_services(s, ui);
    case Screen::book_slots:
      return draw_book_slots(s, ui);
    case Screen::book_phone:
      return draw_book_phone(s, ui);
    case Screen::book_consent:
      return draw_book_consent(s, ui);
    case Screen::book_done:
      return draw_book_done(s, ui);
    case Screen::wayfinding:
      return draw_wayfinding(s, ui);
    case Screen::feedback:
      return draw_feedback(s, ui);
    case Screen::feedback_comment:
      return draw_feedback_comment(s, ui);
    case Screen::feedback_federal:
      return draw_feedback_federal(s, ui);
    case Screen::feedback_done:
      return draw_feedback_done(s, ui);
  }
}

}  // namespace

void draw_kiosk(const KioskState& s, UiContext& ui) {
  ui.lang = s.visitor.language;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float bar = target_height(ui);
  draw_top_bar(s, ui, bar);
  ImGui::Separator();
  const float bottom = bottom_bar_height(s, ui, ImGui::GetContentRegionAvail().x) +
                       ImGui::GetStyle().ItemSpacing.y * 2 + 2;
  ImGui::BeginChild("content", ImVec2(0, ImGui::GetContentRegionAvail().y - bottom), false,
                    ImGuiWindowFlags_NavFlattened);
  drag_to_scroll();
  draw_server_banner(s, ui);
  draw_screen(s, ui);
  ImGui::EndChild();
  ImGui::Separator();
  draw_bottom_bar(s, ui);
  if (!s.asking_more_time && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    emit(ui, Intent::Kind::back);
  }
  ImGui::End();
  if (s.asking_more_time) draw_more_time(s, ui);
}

}  // namespace okno::kiosk
