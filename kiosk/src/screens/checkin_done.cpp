// Screen `checkin_done`: the visitor is checked in; their ticket, the booking, and the desk to
// go to (or the desks that will call them).
#include "screens/screens.hpp"

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_checkin_done(const KioskState& s, UiContext& ui) {
  const auto& c = s.visitor.checkin;
  if (!c) return;
  const Grid g = grid(2, ImGui::GetFontSize() * 10);
  const float actions = std::max(button_height(ui, ui.t("kiosk.welcome.wayfinding"), g.width),
                                 button_height(ui, ui.t("kiosk.finish"), g.width));
  begin_above_actions(actions);
  say_text(ui, ui.t("kiosk.checkin.done_title"), ui.fonts.title);
  card(ui, [&](float) {
    if (c->ticket) {
      say_text(ui, ui.t("kiosk.ticket.your_number"));
      say_text(ui, c->ticket->number, ui.fonts.number);
    }
    say_text(ui, ui.t("kiosk.checkin.booking", {{"service", service_name(ui, c->service)},
                                                {"time", display_time(c->start)}}));
    if (!c->desk.empty()) {
      say_text(ui, ui.t("kiosk.checkin.go_to_desk", {{"desk", c->desk}}), ui.fonts.title);
    } else {
      say_text(ui, ui.t("kiosk.checkin.wait_call", {{"desks", desks_for_service(ui, c->service)}}));
    }
  });
  end_above_actions();
  if (button(ui, "checkin.route", ui.t("kiosk.welcome.wayfinding"), g.width)) {
    go(ui, Screen::wayfinding);
  }
  ImGui::SameLine();
  if (button(ui, "checkin.finish", ui.t("kiosk.finish"), g.width)) emit(ui, Intent::Kind::home);
}

}  // namespace okno::kiosk
