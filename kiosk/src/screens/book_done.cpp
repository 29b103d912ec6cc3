// Screen `book_done`: the booking made at the kiosk and its code, to keep for check-in; the slip
// with the code and its QR is printed as a ticket is (issue 16 item 12).
#include "screens/screens.hpp"

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_book_done(const KioskState& s, UiContext& ui) {
  const auto& b = s.visitor.booking;
  if (!b) return;
  const Grid g = grid(2, ImGui::GetFontSize() * 9);
  const float actions = std::max(button_height(ui, ui.t("kiosk.ticket.print_again"), g.width),
                                 button_height(ui, ui.t("kiosk.finish"), g.width));
  begin_above_actions(actions);
  say_text(ui, ui.t("kiosk.book.done_title"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, ui.t("kiosk.book.code"));
    say_text(ui, b->code, ui.fonts.number);
    say_text(ui, ui.t("kiosk.checkin.booking", {{"service", service_name(ui, b->service)},
                                                {"time", display_time(b->start)}}));
    say_text(ui, ui.t("kiosk.book.keep_code"));
  });
  say_text(
      ui,
      ui.t(s.visitor.booking_printed ? "kiosk.book.slip_printed" : "kiosk.book.slip_not_printed"),
      nullptr, &ui.palette.muted_text);
  end_above_actions();
  if (button(ui, "book.print", ui.t("kiosk.ticket.print_again"), g.width)) {
    emit(ui, Intent::Kind::print_ticket);
  }
  ImGui::SameLine();
  if (button(ui, "book.finish", ui.t("kiosk.finish"), g.width)) emit(ui, Intent::Kind::home);
}

}  // namespace okno::kiosk
