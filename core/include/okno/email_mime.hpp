// An e-mail as RFC 5322 / MIME text: UTF-8 subject in RFC 2047 encoded words, a base64 UTF-8
// text body and, when given, the booking's .ics as an attachment. Pure text building, so the
// exact bytes are unit-tested; the SMTP client only carries them.
#pragma once

#include <string>
#include <string_view>

#include "okno/clock.hpp"

namespace okno {

struct EmailParts {
  std::string from;       // "okno@example.ru"
  std::string from_name;  // shown name, UTF-8; may be empty
  std::string to;         // one address
  std::string subject;    // UTF-8
  std::string body;       // UTF-8 plain text, "\n" line breaks
  std::string ics;        // attachment text; empty: no attachment
  std::string ics_name = "okno.ics";
  std::string message_id;  // without angle brackets: "<id>@okno"
  Seconds date{};
};

// RFC 2047 "B" encoded words for a header value, each at most 75 characters and never split
// inside a UTF-8 character; plain ASCII stays as it is. `used` is how much of the first line
// the field name already takes ("Subject: " = 9), so that line stays within 78 too.
std::string encode_header_words(std::string_view text, size_t used = 0);

// Base64 with CRLF every 76 characters (RFC 2045).
std::string base64_lines(std::string_view data);

// The whole message with CRLF line ends, ready for SMTP DATA (the client dot-stuffs).
std::string build_email(const EmailParts& parts);

}  // namespace okno
