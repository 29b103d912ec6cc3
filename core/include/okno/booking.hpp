// A booking for a personal visit: who, when, through which channel, how to notify, what help
// is needed, and the personal-data consent. Validation lives here; storage does the rest.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno {

// Where a request came from (R-VISIT-1): all reach the same server.
enum class BookingChannel { web, portal, operator_line, kiosk };
// Where notifications go (R-CHAN-1). portal = the personal account on the federal portal.
enum class NotifyChannel { portal, email, sms };
enum class Reminder { before_24h, before_2h };  // R-VISIT-3
// R-VISIT-12 and accessibility.
enum class Need { sign_language, tactile_interpreter, wheelchair, large_print };
enum class BookingStatus { booked, cancelled };

std::string_view to_string(BookingChannel c);
std::string_view to_string(NotifyChannel c);
std::string_view to_string(Reminder r);  // "24h", "2h"
std::string_view to_string(Need n);
std::string_view to_string(BookingStatus s);
std::optional<BookingChannel> parse_booking_channel(std::string_view s);  // "operator" too
std::optional<NotifyChannel> parse_notify_channel(std::string_view s);
std::optional<Reminder> parse_reminder(std::string_view s);
std::optional<Need> parse_need(std::string_view s);
std::optional<BookingStatus> parse_booking_status(std::string_view s);

struct Client {
  std::string name;
  std::string phone;  // E.164, "+79991234567"; empty when not given
  std::string email;  // empty when not given
};

// R-CHAN-2 / R-VISIT-4: at most one channel fixed by law, extras duplicate it.
struct NotifyChoice {
  std::optional<NotifyChannel> mandatory;
  std::vector<NotifyChannel> extra;
  std::vector<NotifyChannel> all() const;  // mandatory first, then extras
};

struct Consent {
  bool given = false;
  std::string text_version;  // which consent text the client agreed to, e.g. "pd-2025-09"
  Seconds at{};              // when (UTC)
};

// What a client asks for; validated before anything is stored.
struct BookingRequest {
  std::string office_id;
  std::string service_id;
  Seconds start{};
  BookingChannel channel = BookingChannel::web;
  Client client;
  NotifyChoice notify;
  std::set<Reminder> reminders;
  Language language = Language::ru;
  std::set<Need> needs;
  Consent consent;
};

struct Booking {
  std::string code;
  BookingRequest request;  // office, service, start, client and choices as booked
  Seconds end{};
  BookingStatus status = BookingStatus::booked;
  Seconds created_at{};
  Seconds updated_at{};
  int version = 1;  // bumped on every change (reschedule, cancel); also the iCalendar SEQUENCE
};

// An entry of the interaction history (R-HIST-1): what happened, through which channel, when.
struct InteractionEvent {
  std::string booking_code;
  std::string kind;  // "booked", "cancelled", "rescheduled"
  BookingChannel channel = BookingChannel::web;
  Seconds at{};
  std::string details;  // JSON text: old/new start etc. No personal data beyond the booking's.
};

// When a reminder is due: start - 24 h or start - 2 h (absolute instants).
Seconds reminder_time(Seconds start, Reminder r);
// The chosen reminders that could still be sent when the booking got its current time (made or
// last moved: updated_at), R-VISIT-3: booked 3 h ahead, only the 2 h one. The booking lists only
// these, its .ics has only their alarms and only these are queued (issue 16, item 10).
std::set<Reminder> reminders_in_force(const Booking& booking);

// Field checks that need no office or storage: name, phone, e-mail, channel choice, consent.
Result<void> validate_client_fields(const BookingRequest& request);

// Normalises a phone number to E.164 (+7XXXXXXXXXX for Russian numbers written 8XXX...);
// fails on anything that is not a plausible number.
Result<std::string> normalize_phone(std::string_view phone);
bool is_valid_email(std::string_view email);
bool is_valid_utf8(std::string_view text);

}  // namespace okno
