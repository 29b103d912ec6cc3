// The kiosk's state as plain data, and the intents screens return. Screens read the state and
// say what the visitor asked for; only KioskApp changes the state (app.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backend.hpp"
#include "okno/language.hpp"

namespace okno::kiosk {

enum class Screen {
  welcome,
  accessibility,
  checkin,
  checkin_done,
  ticket_services,
  ticket_options,
  ticket_shown,
  book_services,
  book_slots,
  book_phone,
  book_consent,
  book_done,
  wayfinding,
  feedback,
  feedback_comment,  // the on-screen keyboard for the optional comment (R-VISIT-13)
  feedback_federal,
  feedback_done,
};
std::string_view to_string(Screen s);
std::optional<Screen> parse_screen(std::string_view name);
inline constexpr Screen kAllScreens[] = {
    Screen::welcome,          Screen::accessibility,   Screen::checkin,
    Screen::checkin_done,     Screen::ticket_services, Screen::ticket_options,
    Screen::ticket_shown,     Screen::book_services,   Screen::book_slots,
    Screen::book_phone,       Screen::book_consent,    Screen::book_done,
    Screen::wayfinding,       Screen::feedback,        Screen::feedback_comment,
    Screen::feedback_federal, Screen::feedback_done,
};

// The version of the personal-data consent text shown on the consent screen; the booking
// records it (152-FZ: consent is a separate document; its text version and time are kept).
// okno-server accepts only its current version (ServerOptions::consent_version), so this must
// follow it; locales' "kiosk.consent.text" is that version's text. See docs/kiosk.md.
inline constexpr const char* kConsentVersion = "pd-2025-09";

// The print size a booking that asked for large print ("needs": ["large_print"]) gets at
// check-in: the accessibility screen's "large" (the visitor may still choose 2x).
inline constexpr float kLargePrintScale = 1.5f;

// Everything one visitor typed or chose. Reset as a whole when the visitor leaves (timeout or
// "finish"), so nothing passes to the next person.
struct VisitorState {
  Screen screen = Screen::welcome;
  std::vector<Screen> history;  // for "back"
  // The page shown of each list too long for one screen (widgets.hpp, pager), by list id;
  // a new screen starts at the first page.
  std::map<std::string, int> pages;
  Language language = Language::ru;
  bool language_chosen = false;  // tapped by the visitor: a booking's language does not override
  float text_scale = 1.0f;       // 1, 1.5, 2 (R-VISIT-10)
  bool high_contrast = false;
  bool speech_on = false;
  float volume = 0.8f;

  // Check in
  std::string code_input;
  std::string code_error;  // catalog key or server message
  std::optional<CheckinResult> checkin;

  // Walk-in ticket
  std::string service;
  Priority priority = Priority::none;
  std::set<std::string> needs;
  std::optional<Ticket> ticket;
  bool ticket_printed = false;

  // Booking
  std::string slot_day;  // YYYY-MM-DD whose times are shown; empty: the first day with slots
  std::string slot_start;
  std::string phone_input;
  std::set<std::string> reminders = {"24h"};
  std::optional<BookingConfirmation> booking;
  bool booking_printed = false;  // the slip with the code (ticket_printer.hpp)
  std::string form_error;

  // Find your way
  std::string route_desk;

  // Rate your visit
  FeedbackAnswers feedback;
  bool comment_latin = false;  // the on-screen keyboard shows Latin instead of the own alphabet
  // The on-screen keyboard's shift, as on a phone: one tap capitalises the next key only (a
  // sentence or a name starts with one capital), a second tap locks capitals until tapped again.
  enum class Shift { off, once, locked };
  Shift comment_shift = Shift::off;
};

// Things that are not the visitor's: the server's state and what the kiosk is waiting for.
struct KioskState {
  VisitorState visitor;
  bool server_down = false;    // the last call could not reach the server
  std::string server_message;  // a refusal in plain words from the server, if any
  bool busy = false;           // a request is in flight: buttons that would repeat it wait
  std::vector<ServiceQueue> queue;
  bool queue_known = false;
  std::vector<FreeSlot> slots;
  bool slots_loaded = false;
  // Inactivity (seconds on the app's clock)
  double last_input_s = 0;
  bool asking_more_time = false;
  double asked_at_s = 0;
};

struct Intent {
  enum class Kind {
    go,  // screen
    back,
    home,  // finish: forget the visitor
    set_language,
    set_scale,
    toggle_contrast,
    toggle_speech,
    speak_repeat,
    speak_stop,
    volume_down,
    volume_up,
    code_char,
    code_backspace,
    code_clear,
    code_submit,
    choose_service,
    set_priority,
    toggle_need,
    take_ticket,
    print_ticket,
    choose_day,  // text: YYYY-MM-DD
    choose_slot,
    phone_char,
    phone_backspace,
    toggle_reminder,
    consent_accept,
    consent_decline,
    route_to,
    feedback_answer,        // text: "yes"/"no"
    feedback_satisfaction,  // text: satisfied/partly/not_satisfied
    feedback_federal,       // value: criterion*10 + score
    comment_char,           // text: one character from the on-screen keyboard
    comment_backspace,
    comment_latin,  // toggles the on-screen keyboard between the own alphabet and Latin
    comment_shift,  // steps the on-screen keyboard's shift: off -> once -> locked -> off
    feedback_submit,
    more_time,
    retry_server,
    page,  // text: the list's id, value: +1 next page, -1 previous
  };
  Kind kind;
  std::string text{};
  int value = 0;
  Screen screen = Screen::welcome;
};

}  // namespace okno::kiosk
