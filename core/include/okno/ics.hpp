// iCalendar (RFC 5545) for a booking: CRLF lines folded at 75 octets (never inside a UTF-8
// sequence), escaped text, UTC times, the office address as LOCATION, the directions in
// DESCRIPTION, a VALARM per chosen reminder (R-VISIT-3, R-VISIT-5).
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
};

// A VCALENDAR with one VEVENT (UID "<code>@okno", SEQUENCE = booking.version, STATUS CONFIRMED
// or CANCELLED) and one VALARM per reminder (TRIGGER -PT24H / -PT2H); none when cancelled, so a
// calendar that keeps the struck-through event does not remind the client to come.
std::string booking_to_ics(const Booking& booking, const IcsTexts& texts, Seconds now);

}  // namespace okno
