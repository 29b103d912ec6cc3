// Screen `book_slots`: the free slots the server offers for the chosen service (R-VISIT-2),
// grouped by day; the visitor taps a time.
#include "screens/screens.hpp"

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_book_slots(const KioskState& s, UiContext& ui) {
  say_text(ui, service_name(ui, s.visitor.service), ui.fonts.title);
  say_text(ui, ui.t("kiosk.book.choose_time"));
  if (!s.slots_loaded) {
    say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
    return;
  }
  if (s.slots.empty()) {
    say_text(ui, ui.t("kiosk.book.no_slots"));
    return;
  }
  // Grouped by day: the date as a heading, the times as buttons.
  std::string day;
  int index = 0;
  Grid g = grid(8, ImGui::GetFontSize() * 4.5f);
  int shown_days = 0;
  for (const auto& slot : s.slots) {
    const std::string slot_day = slot.start.substr(0, 10);
    if (slot_day != day) {
      if (++shown_days > 5) break;  // five days fit a screen; more is a scroll away anyway
      if (!day.empty() && index % g.columns != 0) ImGui::NewLine();
      day = slot_day;
      index = 0;
      say_text(ui, display_time(slot.start).substr(0, 10), ui.fonts.title);
    }
    const std::string label = slot.start.size() >= 16 ? slot.start.substr(11, 5) : slot.start;
    if (button(ui, "slot." + slot.start, label, g.width, s.visitor.slot_start == slot.start,
               false)) {
      emit(ui, Intent::Kind::choose_slot, slot.start);
    }
    next_cell(index++, g);
  }
}

}  // namespace okno::kiosk
