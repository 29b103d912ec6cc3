// Screen `feedback` (R-FB-1): the ticket being rated, the two questions (got an answer? how
// satisfied?), an optional comment, then send (or the federal survey next).
#include "screens/screens.hpp"

#include "widgets.hpp"

namespace okno::kiosk {

void draw_feedback(const KioskState& s, UiContext& ui) {
  const FeedbackAnswers& f = s.visitor.feedback;
  say_text(ui, ui.t("kiosk.feedback.title"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.feedback.ticket_hint"));
  card(ui, [&](float) {
    ImGui::PushFont(ui.fonts.title);
    ImGui::TextUnformatted(f.ticket.empty() ? "—" : f.ticket.c_str());
    ImGui::PopFont();
  });
  const Grid yg = grid(2, ImGui::GetFontSize() * 8);
  say_text(ui, ui.t("kiosk.feedback.q_answer"), ui.fonts.title);
  if (button(ui, "feedback.yes", ui.t("kiosk.yes"), yg.width, f.got_answer == true)) {
    emit(ui, Intent::Kind::feedback_answer, "yes");
  }
  ImGui::SameLine();
  if (button(ui, "feedback.no", ui.t("kiosk.no"), yg.width, f.got_answer == false)) {
    emit(ui, Intent::Kind::feedback_answer, "no");
  }
  say_text(ui, ui.t("kiosk.feedback.q_rate"), ui.fonts.title);
  static constexpr const char* kLevels[] = {"satisfied", "partly", "not_satisfied"};
  const Grid g = grid(3, ImGui::GetFontSize() * 8);
  for (int i = 0; i < 3; ++i) {
    const std::string level = kLevels[i];
    if (button(ui, "feedback." + level, ui.t("kiosk.feedback." + level), g.width,
               f.satisfaction == level)) {
      emit(ui, Intent::Kind::feedback_satisfaction, level);
    }
    next_cell(i, g);
  }
  say_text(ui, ui.t("kiosk.feedback.comment_hint"), nullptr, &ui.palette.muted_text);
  if (!f.comment.empty()) say_text(ui, f.comment);
  if (button(ui, "feedback.comment", ui.t("kiosk.feedback.write_comment"), yg.width)) {
    go(ui, Screen::feedback_comment);
  }
  if (!s.visitor.form_error.empty()) {
    say_text(ui, s.visitor.form_error, nullptr, &ui.palette.error_text);
  }
  const bool complete = f.got_answer.has_value() && !f.satisfaction.empty();
  if (complete &&
      button(ui, "feedback.send", ui.t(ui.federal_survey ? "kiosk.next" : "kiosk.feedback.send"),
             yg.width, false, true, ui.fonts.title)) {
    if (ui.federal_survey) {
      go(ui, Screen::feedback_federal);
    } else {
      emit(ui, Intent::Kind::feedback_submit);
    }
  }
}

}  // namespace okno::kiosk
