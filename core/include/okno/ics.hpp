// iCalendar (RFC 5545) for a booking: CRLF lines folded at 75 octets (never inside a UTF-8
// sequence), escaped text, UTC times, the office address as LOCATION, the directions in
// DESCRIPTION, a VALARM per chosen reminder (R-VISIT-3, R-VISIT-5), and what iTIP (RFC 5546)
// asks of PUBLISH and CANCEL: the office as ORGANIZER, DTSTAMP the time this version was made.
#pragma once

#include <string>

#include "okno/booking.hpp"
#include "okno/office.hpp"

namespace okno {

// The human texts, already in the client's language (the caller takes them from the catalog).
struct IcsTexts {
  std::string summary;      // "Приём: Паспорт — Демо-офис"
  std::string location;     // the office address
  std::string description;  // directions and the booking code
  std::string alarm;        // the reminder's text
  // ORGANIZER (RFC 5546 needs one in PUBLISH and CANCEL): the office, by name and e-mail.
  std::string organizer_name;   // the office's short name, "Ведомство, Тверская"
  std::string organizer_email;  // the office's e-mail address (offices TOML `email`)
};

// A VCALENDAR with one VEVENT (UID "<code>@okno", SEQUENCE = booking.version, DTSTAMP =
// booking.updated_at, the time this version was made, so it moves with SEQUENCE and two
// downloads of one version are the same file; STATUS CONFIRMED or CANCELLED) and one VALARM per
// reminder (TRIGGER -PT24H / -PT2H); none when cancelled, so a calendar that keeps the
// struck-through event does not remind the client to come.
std::string booking_to_ics(const Booking& booking, const IcsTexts& texts);

}  // namespace okno
