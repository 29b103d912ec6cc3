// Texts about the office's services that several screens show: a service's name, the desks
// serving it, and its queue now. No drawing here.
#pragma once

#include <string>
#include <string_view>

#include "state.hpp"
#include "ui.hpp"

namespace okno::kiosk {

// The service's name in the visitor's language (its id when the office has no such service).
std::string service_name(const UiContext& ui, std::string_view id);
// The names of the desks that serve it, comma-separated.
std::string desks_for_service(const UiContext& ui, std::string_view service);
// The queue for it now ("in the queue: N, about M min"), that today's tickets are all given
// out, or that the queue is not known (the server has not answered).
std::string queue_line(const UiContext& ui, const KioskState& s, std::string_view service);

}  // namespace okno::kiosk
