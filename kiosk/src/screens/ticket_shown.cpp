// Screen `ticket_shown`: the walk-in ticket just taken, its number large, the people ahead and
// the waiting estimate; print again, find the way, or finish.
#include "screens/screens.hpp"

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_ticket_shown(const KioskState& s, UiContext& ui) {
  const auto& t = s.visitor.ticket;
  if (!t) return;
  const Grid g = grid(3, ImGui::GetFontSize() * 9);
  float row = 0;
  for (const char* key : {"kiosk.ticket.print_again", "kiosk.welcome.wayfinding", "kiosk.finish"}) {
    row = std::max(row, button_height(ui, ui.t(key), g.width));
  }
  const int rows = (3 + g.columns - 1) / g.columns;
  const float actions = row * static_cast<float>(rows) +
                        ImGui::GetStyle().ItemSpacing.y * static_cast<float>(rows - 1);
  begin_above_actions(actions);
  say_text(ui, ui.t("kiosk.ticket.your_number"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, t->number, ui.fonts.number);
    say_text(ui, service_name(ui, t->service), ui.fonts.title);
    say_text(ui, ui.t("kiosk.ticket.issued", {{"time", display_time(t->issued_at)}}));
    say_text(ui, ui.t("kiosk.queue.status", {{"people", std::to_string(t->people_ahead)},
                                             {"minutes", std::to_string(t->estimated_wait_min)}}));
    say_text(ui, ui.t("kiosk.ticket.watch_board"));
  });
  say_text(ui, ui.t(s.visitor.ticket_printed ? "kiosk.ticket.printed" : "kiosk.ticket.not_printed"),
           nullptr, &ui.palette.muted_text);
  end_above_actions();
  if (button(ui, "ticket.print", ui.t("kiosk.ticket.print_again"), g.width)) {
    emit(ui, Intent::Kind::print_ticket);
  }
  next_cell(0, g);
  if (button(ui, "ticket.route", ui.t("kiosk.welcome.wayfinding"), g.width)) {
    go(ui, Screen::wayfinding);
  }
  next_cell(1, g);
  if (button(ui, "ticket.finish", ui.t("kiosk.finish"), g.width)) emit(ui, Intent::Kind::home);
}

}  // namespace okno::kiosk
