// iCalendar (RFC 5545) file for a booking, so the client can put the visit into any calendar
// with the office address, the directions (R-VISIT-5) and the reminders they chose (R-VISIT-3).
#include "okno/ics.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>

namespace okno {

namespace {

constexpr size_t kMaxLineOctets = 75;  // RFC 5545 3.1, not counting the CRLF

// Length of the valid UTF-8 sequence starting at s[pos], or 0 when it is malformed, overlong,
// a surrogate or beyond U+10FFFF.
size_t utf8_sequence_length(std::string_view s, size_t pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) return 1;
  size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    len = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - pos < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, any line break as
// "\n". Other control characters are not allowed in TEXT and are dropped; malformed UTF-8
// becomes U+FFFD, so the folding below always has whole characters to keep together.
std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case ';':
        out += "\\;";
        ++i;
        continue;
      case ',':
        out += "\\,";
        ++i;
        continue;
      case '\r':
        out += "\\n";
        i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;  // CRLF is one break
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      default:
        break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

// Appends one content line, folded (RFC 5545 3.1) so no physical line exceeds 75 octets: a
// break is CRLF plus a space, and it only falls before the first byte of a UTF-8 character.
// The input is valid UTF-8 (escape_text makes it so), hence continuation bytes mark the
// inside of a character.
void append_line(std::string& out, std::string_view line) {
  size_t used = 0;  // octets on the current physical line
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) {
      ++len;
    }
    if (used + len > kMaxLineOctets) {
      out += "\r\n ";
      used = 1;  // the leading space counts
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
}

// A quoted parameter value (RFC 5545 3.1 and 3.2, "quoted-string"): any character but DQUOTE
// and controls, so a name with commas, colons or semicolons stays one value. A parameter has no
// escapes, so a DQUOTE becomes an apostrophe and a line break a space; malformed UTF-8 becomes
// U+FFFD as in TEXT.
std::string quoted_param(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte == '"') {
      out += '\'';
      ++i;
    } else if (byte == '\r' || byte == '\n' || byte == '\t') {
      out += ' ';
      ++i;
    } else if (byte < 0x20 || byte == 0x7F) {
      ++i;
    } else if (const size_t len = utf8_sequence_length(s, i); len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  out += '"';
  return out;
}

void append_text_property(std::string& out, std::string_view name, std::string_view value) {
  append_line(out, std::string(name) + ":" + escape_text(value));
}

// DATE-TIME in UTC form (RFC 5545 3.3.5, "FORM #2"): YYYYMMDDTHHMMSSZ. Readers convert it to
// the device's zone, so a visitor travelling to Vladivostok still sees the right local time.
std::string utc_stamp(Seconds t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string_view trigger(Reminder r) {
  switch (r) {
    case Reminder::before_24h:
      return "-PT24H";
    case Reminder::before_2h:
      return "-PT2H";
  }
  return "-PT2H";
}

}  // namespace

std::string booking_to_ics(const Booking& booking, const IcsTexts& texts) {
  const bool cancelled = booking.status == BookingStatus::cancelled;
  std::string out;
  out.reserve(1024 + texts.description.size() * 2);

  append_line(out, "BEGIN:VCALENDAR");
  append_line(out, "VERSION:2.0");
  append_line(out, "PRODID:-//Okno//Okno electronic queue//RU");
  append_line(out, "CALSCALE:GREGORIAN");
  // iTIP (RFC 5546): PUBLISH adds or updates the event, CANCEL tells the calendar to drop the
  // one with the same UID; SEQUENCE makes the newer version win.
  append_line(out, cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
  append_line(out, "BEGIN:VEVENT");
  append_line(out, "UID:" + escape_text(booking.code) + "@okno");
  // RFC 5546 3.2.1 / 3.2.5: PUBLISH and CANCEL name the organizer, here the office itself.
  append_line(out, "ORGANIZER;CN=" + quoted_param(texts.organizer_name) +
                       ":mailto:" + texts.organizer_email);
  append_line(out, "SEQUENCE:" + std::to_string(booking.version));
  // When this version was made (booked, moved, cancelled): a later SEQUENCE has a later DTSTAMP,
  // and downloading the same version twice gives the same file.
  append_line(out, "DTSTAMP:" + utc_stamp(booking.updated_at));
  append_line(out, "DTSTART:" + utc_stamp(booking.request.start));
  append_line(out, "DTEND:" + utc_stamp(booking.end));
  append_text_property(out, "SUMMARY", texts.summary);
  append_text_property(out, "LOCATION", texts.location);
  append_text_property(out, "DESCRIPTION", texts.description);
  append_line(out, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  // No alarms on a cancelled visit: a calendar that keeps the event (struck through) would
  // otherwise still remind the client to come.
  if (!cancelled) {
    // Only reminders that could still be sent (reminders_in_force); std::set: 24h before 2h.
    for (const Reminder r : reminders_in_force(booking)) {
      append_line(out, "BEGIN:VALARM");
      append_line(out, "ACTION:DISPLAY");
      // DISPLAY alarms need a DESCRIPTION; the summary says enough when no text was given.
      append_text_property(out, "DESCRIPTION", texts.alarm.empty() ? texts.summary : texts.alarm);
      append_line(out, "TRIGGER:" + std::string(trigger(r)));
      append_line(out, "END:VALARM");
    }
  }
  append_line(out, "END:VEVENT");
  append_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace okno
