// The waiting-room board's screen (issue 11; okno-kiosk --board): drawn from core's BoardState
// for a TV read from 5 m. The newest call large and flashing for a few seconds (R-VISIT-10),
// the earlier calls below, the agency's name, today's hours and the time (R-VISIT-7), per
// service the number waiting and the estimated wait, the notices line in the six languages in
// turn, and while the stream is down a banner that says so (what is shown is then drawn dimmed,
// never as live). Numbers and desk names are drawn whole: a text too wide for its place is drawn
// smaller, never cut or wrapped. Nothing here changes state.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "fonts.hpp"
#include "okno/board.hpp"
#include "okno/calendar.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "theme.hpp"

namespace okno::kiosk {

struct BoardView {
  const board::BoardState& state;
  const board::BoardConfig& config;
  const Catalog& catalog;
  const Office& office;
  const ProductionCalendar& calendar;
  const std::vector<board::Notice>& notices;  // this office's
  const BoardFontSet& fonts;
  const Palette& palette;
  board::TimePoint now{};
};

// A text as drawn, for tests: where, how large, and whether it had to be shrunk to fit.
struct DrawnText {
  std::string id;  // "newest", "earlier.2", "service.passport", "banner", "notices", "clock" …
  std::string text;
  ImVec2 min, max;
  float size = 0;     // the font size it was drawn at
  float nominal = 0;  // the size it would have had with room enough
  float room = 0;     // the width it had to fit in
  const ImFont* font = nullptr;
};

struct BoardFrame {
  std::vector<DrawnText> texts;
  bool flash_bright = false;  // the newest call was drawn in its bright flash colours
  int earlier_rows = 0;       // earlier calls that found room
  const DrawnText* find(std::string_view id) const;
};

// Draws the board for one frame into a full-screen window (between NewFrame and Render).
void draw_board(const BoardView& view, BoardFrame& out);

}  // namespace okno::kiosk
