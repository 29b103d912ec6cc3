// The kiosk's screens, one file each in this folder, named as the Screen it draws (state.hpp).
// A screen is a function over the kiosk state that draws with ImGui and the shared widgets
// (widgets.hpp) and pushes the visitor's intents into `ui`; it changes no state and talks to no
// network (KioskApp::apply does, app.cpp). draw_screen (ui.cpp) chooses the screen, inside the
// frame (frame.hpp).
//
// A new screen: a value in `Screen` (state.hpp), a file here with its `draw_…` function
// declared below, its case in draw_screen, and its texts in locales/*.json.
#pragma once

#include "state.hpp"
#include "ui.hpp"

namespace okno::kiosk {

void draw_welcome(const KioskState& s, UiContext& ui);
void draw_accessibility(const KioskState& s, UiContext& ui);

// Check-in with a booking code.
void draw_checkin(const KioskState& s, UiContext& ui);
void draw_checkin_done(const KioskState& s, UiContext& ui);

// A walk-in ticket.
void draw_ticket_services(const KioskState& s, UiContext& ui);
void draw_ticket_options(const KioskState& s, UiContext& ui);
void draw_ticket_shown(const KioskState& s, UiContext& ui);

// A booking at the kiosk.
void draw_book_services(const KioskState& s, UiContext& ui);
void draw_book_slots(const KioskState& s, UiContext& ui);
void draw_book_phone(const KioskState& s, UiContext& ui);
void draw_book_consent(const KioskState& s, UiContext& ui);
void draw_book_done(const KioskState& s, UiContext& ui);

void draw_wayfinding(const KioskState& s, UiContext& ui);

// Feedback on a visit.
void draw_feedback(const KioskState& s, UiContext& ui);
void draw_feedback_comment(const KioskState& s, UiContext& ui);
void draw_feedback_federal(const KioskState& s, UiContext& ui);
void draw_feedback_done(const KioskState& s, UiContext& ui);

}  // namespace okno::kiosk
