// Screen `book_slots`: the free slots the server offers for the chosen service (R-VISIT-2). The
// days come first, each with its weekday in the visitor's language ("Вторник, 01.12"), as many
// as fit one row, then the chosen day's times, as many rows as fit the screen; both lists page
// ("Previous" / "Next") instead of scrolling, at every print size (issue 16 items 11 and 12).
#include "screens/screens.hpp"

#include <algorithm>

#include "display_text.hpp"
#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_book_slots(const KioskState& s, UiContext& ui) {
  say_text(ui, service_name(ui, s.visitor.service), ui.fonts.title);
  if (!s.slots_loaded) {
    say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
    return;
  }
  if (s.slots.empty()) {
    say_text(ui, ui.t("kiosk.book.no_slots"));
    return;
  }
  // The days with free times, in the server's order.
  std::vector<std::string> days;
  for (const auto& slot : s.slots) {
    const std::string day = slot.start.substr(0, 10);
    if (days.empty() || days.back() != day) days.push_back(day);
  }
  const std::string chosen = std::find(days.begin(), days.end(), s.visitor.slot_day) != days.end()
                                 ? s.visitor.slot_day
                                 : days.front();
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool large = ui.fonts.scale > 1.0f;
  const float sp = ImGui::GetStyle().ItemSpacing.y;
  // At 1x the days in a row above the times; at large print the days stacked on the left and
  // the times on the right, so both lists and their pagers stay on the screen.
  const float days_w = large ? avail * 0.42f : avail;
  const float times_w = large ? avail - days_w - gap() : avail;

  ImGui::BeginGroup();
  say_text(ui, ui.t("kiosk.book.choose_day"));
  float widest = 0;
  for (const auto& d : days) {
    widest = std::max(widest, ImGui::CalcTextSize(display_day(ui.catalog, ui.lang, d).c_str()).x);
  }
  // Room for the check mark of the chosen day, so no label wraps.
  const float day_min = widest + 2 * button_pad(ui) + ImGui::GetFontSize() * 1.2f;
  int per_page = 1;
  float day_w = days_w;
  if (large) {
    float tallest = 0;
    for (const auto& d : days) {
      tallest =
          std::max(tallest, button_height(ui, display_day(ui.catalog, ui.lang, d), days_w, true));
    }
    const float room = room_below() + sp;
    per_page = std::max(1, static_cast<int>(room / (tallest + sp)));
    if (per_page < static_cast<int>(days.size())) {
      per_page = std::max(1, static_cast<int>((room - pager_height(ui)) / (tallest + sp)));
    }
  } else {
    per_page = std::clamp(static_cast<int>((days_w + gap()) / (day_min + gap())), 1, 7);
    day_w = (days_w - gap() * static_cast<float>(per_page - 1)) / static_cast<float>(per_page);
  }
  const Page dp = page_of(s, "days", static_cast<int>(days.size()), per_page);
  for (int i = 0; i < dp.count; ++i) {
    const std::string& d = days[static_cast<size_t>(dp.first + i)];
    if (button(ui, "day." + d, display_day(ui.catalog, ui.lang, d), day_w, d == chosen)) {
      emit(ui, Intent::Kind::choose_day, d);
    }
    if (!large && i + 1 < dp.count) ImGui::SameLine();
  }
  pager(ui, "days", dp, days_w);
  ImGui::EndGroup();
  if (large) ImGui::SameLine();

  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + times_w);
  const std::string times_title =
      ui.t("kiosk.book.choose_time") + ": " + display_day(ui.catalog, ui.lang, chosen);
  ImGui::TextUnformatted(times_title.c_str());
  ui.spoken += times_title + ".\n";
  ImGui::PopTextWrapPos();
  std::vector<const FreeSlot*> times;
  for (const auto& slot : s.slots) {
    if (slot.start.compare(0, 10, chosen) == 0) times.push_back(&slot);
  }
  const float min_time = ImGui::GetFontSize() * 4.5f;
  const int columns = std::clamp(static_cast<int>((times_w + gap()) / (min_time + gap())), 1, 8);
  const Grid g{columns,
               (times_w - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns)};
  // As many rows as fit above the pager; the times page when there are more.
  const float row = target_height(ui) + sp;
  const int all_rows = (static_cast<int>(times.size()) + g.columns - 1) / g.columns;
  const float room = room_below() + sp;
  int rows = std::max(1, static_cast<int>(room / row));
  if (rows < all_rows) rows = std::max(1, static_cast<int>((room - pager_height(ui)) / row));
  const Page tp = page_of(s, "times", static_cast<int>(times.size()), rows * g.columns);
  for (int i = 0; i < tp.count; ++i) {
    const FreeSlot& slot = *times[static_cast<size_t>(tp.first + i)];
    const std::string label = slot.start.size() >= 16 ? slot.start.substr(11, 5) : slot.start;
    if (button(ui, "slot." + slot.start, label, g.width, s.visitor.slot_start == slot.start,
               false)) {
      emit(ui, Intent::Kind::choose_slot, slot.start);
    }
    if (i + 1 < tp.count) next_cell(i, g);
  }
  pager(ui, "times", tp, times_w);
  ImGui::EndGroup();
}

}  // namespace okno::kiosk
