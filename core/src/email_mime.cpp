// E-mail text building (RFC 5322, MIME RFC 2045/2046, encoded words RFC 2047).
#include "okno/email_mime.hpp"

#include <sodium.h>

#include <date/date.h>

namespace okno {

namespace {

bool is_plain_ascii(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || b < 0x20 || b == 0x7F) return false;
  }
  // "=?" would be read as the start of an encoded word.
  return s.find("=?") == std::string_view::npos;
}

std::string base64(std::string_view data) {
  if (data.empty()) return {};
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// A fresh boundary that cannot occur in base64 text (it has characters base64 never uses).
std::string boundary_for(std::string_view message_id) {
  return "=_okno_" + std::string(message_id.substr(0, 24)) + "_=";
}

// Header field values may not carry line breaks: a stray one would start a new header.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

}  // namespace

std::string encode_header_words(std::string_view text, size_t used) {
  const std::string flat = one_line(text);
  if (is_plain_ascii(flat)) return flat;
  // "=?UTF-8?B?" + "?=" is 12 characters, so 63 for the payload: 45 bytes give 60 base64
  // characters. Chunks end before a UTF-8 lead byte so no character is split (RFC 2047 6.3).
  constexpr size_t kMaxChunk = 45;
  const size_t first_room = used + 12 + 8 < 78 ? (78 - used - 12) / 4 * 3 : 3;
  std::string out;
  size_t pos = 0;
  while (pos < flat.size()) {
    const size_t chunk = out.empty() ? std::min(kMaxChunk, first_room) : kMaxChunk;
    size_t end = std::min(flat.size(), pos + chunk);
    while (end < flat.size() && end > pos &&
           (static_cast<unsigned char>(flat[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(flat).substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string b = base64(data);
  std::string out;
  out.reserve(b.size() + b.size() / 38 + 2);
  for (size_t i = 0; i < b.size(); i += 76) {
    out += b.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

std::string build_email(const EmailParts& p) {
  std::string out;
  out.reserve(p.body.size() * 2 + p.ics.size() * 2 + 1024);
  auto header = [&](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  std::string from = "<" + one_line(p.from) + ">";
  if (!p.from_name.empty()) from = encode_header_words(p.from_name, 6) + "\r\n " + from;
  header("From", from);
  header("To", "<" + one_line(p.to) + ">");
  header("Subject", encode_header_words(p.subject, 9));
  header("Date", date::format("%a, %d %b %Y %H:%M:%S +0000", p.date));
  header("Message-ID", "<" + one_line(p.message_id) + ">");
  header("MIME-Version", "1.0");
  // The body's own "\n" become CRLF inside the base64, as text/plain requires.
  std::string body;
  body.reserve(p.body.size() + 64);
  for (char c : p.body) {
    if (c == '\n') body += '\r';
    body += c;
  }
  if (p.ics.empty()) {
    header("Content-Type", "text/plain; charset=UTF-8");
    header("Content-Transfer-Encoding", "base64");
    out += "\r\n";
    out += base64_lines(body);
    return out;
  }
  const std::string boundary = boundary_for(p.message_id);
  header("Content-Type", "multipart/mixed;\r\n boundary=\"" + boundary + "\"");
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(body);
  out += "--" + boundary + "\r\n";
  const bool cancel = p.ics.find("METHOD:CANCEL") != std::string::npos;
  // Long parameter lists are folded after a ";" so no line passes 78 characters.
  out += std::string("Content-Type: text/calendar; charset=UTF-8; method=") +
         (cancel ? "CANCEL" : "PUBLISH") + ";\r\n name=\"" + one_line(p.ics_name) + "\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Content-Disposition: attachment;\r\n filename=\"" + one_line(p.ics_name) + "\"\r\n\r\n";
  out += base64_lines(p.ics);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace okno
