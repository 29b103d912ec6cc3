// Screen `feedback` (R-FB-1): the ticket being rated, the two questions (got an answer? how
// satisfied?), an optional comment, then send (or the federal survey next).
#include "screens/screens.hpp"

#include "widgets.hpp"

namespace okno::kiosk {

namespace {

// Large print (issue 16 item 11): one question a page (the answer, the rating, the comment),
// the pager and "Send" always on the screen.
void draw_feedback_large(const KioskState& s, UiContext& ui) {
  const FeedbackAnswers& f = s.visitor.feedback;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float half = (avail - gap()) / 2;
  const bool complete = f.got_answer.has_value() && !f.satisfaction.empty();
  const std::string send = ui.t(ui.federal_survey ? "kiosk.next" : "kiosk.feedback.send");
  ImGui::PushFont(ui.fonts.title);
  const float send_h = button_height(ui, send, half);
  ImGui::PopFont();
  const Page p = page_of(s, "feedback", 3, 1);
  begin_above_actions(send_h);
  say_text(ui, ui.t("kiosk.feedback.title") + (f.ticket.empty() ? "" : " · " + f.ticket),
           ui.fonts.title);
  if (p.page == 0) {
    say_text(ui, ui.t("kiosk.feedback.q_answer"));
    const Grid yg = grid(2, ImGui::GetFontSize() * 6);
    if (button(ui, "feedback.yes", ui.t("kiosk.yes"), yg.width, f.got_answer == true)) {
      emit(ui, Intent::Kind::feedback_answer, "yes");
    }
    next_cell(0, yg);
    if (button(ui, "feedback.no", ui.t("kiosk.no"), yg.width, f.got_answer == false)) {
      emit(ui, Intent::Kind::feedback_answer, "no");
    }
    say_text(ui, ui.t("kiosk.feedback.ticket_hint"), nullptr, &ui.palette.muted_text);
  } else if (p.page == 1) {
    say_text(ui, ui.t("kiosk.feedback.q_rate"));
    static constexpr const char* kLevels[] = {"satisfied", "partly", "not_satisfied"};
    for (const char* level : kLevels) {
      if (button(ui, std::string("feedback.") + level, ui.t(std::string("kiosk.feedback.") + level),
                 avail, f.satisfaction == level)) {
        emit(ui, Intent::Kind::feedback_satisfaction, level);
      }
    }
  } else {
    if (button(ui, "feedback.comment", ui.t("kiosk.feedback.write_comment"), avail)) {
      go(ui, Screen::feedback_comment);
    }
    if (!f.comment.empty()) say_text(ui, f.comment);
    say_text(ui, ui.t("kiosk.feedback.comment_hint"), nullptr, &ui.palette.muted_text);
  }
  if (!s.visitor.form_error.empty()) {
    say_text(ui, s.visitor.form_error, nullptr, &ui.palette.error_text);
  }
  end_above_actions();
  ImGui::BeginGroup();
  pager(ui, "feedback", p, half);
  ImGui::EndGroup();
  ImGui::SameLine();
  if (complete && button(ui, "feedback.send", send, half, false, true, ui.fonts.title)) {
    if (ui.federal_survey) {
      go(ui, Screen::feedback_federal);
    } else {
      emit(ui, Intent::Kind::feedback_submit);
    }
  }
}

}  // namespace

void draw_feedback(const KioskState& s, UiContext& ui) {
  if (ui.fonts.scale > 1.0f) return draw_feedback_large(s, ui);
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
