// Example visitor states for each screen, so screenshots and docs show a screen as a visitor
// would see it mid-flow without a server (no data here reaches the network).
#pragma once

#include "state.hpp"

namespace okno::kiosk {

void set_up_demo_state(KioskState& state, Screen screen);

}  // namespace okno::kiosk
