// The frame around every screen: what draw_kiosk (ui.cpp) draws above, below and over the
// screen of the moment. Same rules as the screens (screens.hpp): draw, push intents, change
// nothing.
#pragma once

#include "state.hpp"
#include "ui.hpp"

namespace okno::kiosk {

// The office's short name and the accessibility button, always visible (R-VISIT-10).
void draw_top_bar(const KioskState& s, UiContext& ui, float height);

// Back and finish (not on Welcome), then the speech controls; one row, or two at large print.
// bottom_bar_height is what draw_bottom_bar will take at the width `avail`, for the layout
// before it is drawn.
float bottom_bar_height(const KioskState& s, const UiContext& ui, float avail);
void draw_bottom_bar(const KioskState& s, UiContext& ui);

// "The server does not answer": shown above any screen while it is down, with a retry button.
void draw_server_banner(const KioskState& s, UiContext& ui);

// The inactivity question ("need more time?") over everything, with its countdown
// (R-VISIT-10).
void draw_more_time(const KioskState& s, UiContext& ui);

}  // namespace okno::kiosk
