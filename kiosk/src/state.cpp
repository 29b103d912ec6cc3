// Names of screens and priority groups, as used on the command line and in the API.
#include "state.hpp"

namespace okno::kiosk {

std::string_view to_string(Priority p) {
  switch (p) {
    case Priority::none:
      return "none";
    case Priority::disability:
      return "disability";
    case Priority::elderly:
      return "elderly";
    case Priority::pregnant:
      return "pregnant";
    case Priority::small_children:
      return "small_children";
  }
  return "none";
}

std::string_view to_string(Screen s) {
  switch (s) {
    case Screen::welcome:
      return "welcome";
    case Screen::accessibility:
      return "accessibility";
    case Screen::checkin:
      return "checkin";
    case Screen::checkin_done:
      return "checkin_done";
    case Screen::ticket_services:
      return "ticket_services";
    case Screen::ticket_options:
      return "ticket_options";
    case Screen::ticket_shown:
      return "ticket_shown";
    case Screen::book_services:
      return "book_services";
    case Screen::book_slots:
      return "book_slots";
    case Screen::book_phone:
      return "book_phone";
    case Screen::book_consent:
      return "book_consent";
    case Screen::book_done:
      return "book_done";
    case Screen::wayfinding:
      return "wayfinding";
    case Screen::feedback:
      return "feedback";
    case Screen::feedback_comment:
      return "feedback_comment";
    case Screen::feedback_federal:
      return "feedback_federal";
    case Screen::feedback_done:
      return "feedback_done";
  }
  return "welcome";
}

std::optional<Screen> parse_screen(std::string_view name) {
  for (Screen s : kAllScreens) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace okno::kiosk
