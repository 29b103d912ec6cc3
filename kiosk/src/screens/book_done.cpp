// Screen `book_done`: the booking made at the kiosk and its code, to keep for check-in.
#include "screens/screens.hpp"

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_book_done(const KioskState& s, UiContext& ui) {
  const auto& b = s.visitor.booking;
  if (!b) return;
  say_text(ui, ui.t("kiosk.book.done_title"), ui.fonts.title);
  card(ui, [&](float) {
    say_text(ui, ui.t("kiosk.book.code"));
    say_text(ui, b->code, ui.fonts.number);
    say_text(ui, ui.t("kiosk.checkin.booking", {{"service", service_name(ui, b->service)},
                                                {"time", display_time(b->start)}}));
    say_text(ui, ui.t("kiosk.book.keep_code"));
  });
  if (button(ui, "book.finish", ui.t("kiosk.finish"), ImGui::GetFontSize() * 10)) {
    emit(ui, Intent::Kind::home);
  }
}

}  // namespace okno::kiosk
