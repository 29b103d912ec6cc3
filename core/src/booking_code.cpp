// Booking codes: generation from libsodium's CSPRNG and tolerant reading of what people type
// (lower case, spaces, dashes, Cyrillic look-alikes from a Russian keyboard layout).
#include "okno/booking_code.hpp"

#include <sodium.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace okno {

namespace {

// The alphabet, 16 characters -> 10 * log2(16) = 40 bits per code.
//
// Digits 2-9: 0 and 1 are dropped (O, I, L).
// Letters: only Latin capitals that have a Cyrillic twin on a Russian keyboard (A B C E H K M P
// T X), so a visitor reading a printed code can type it without switching layout and an
// operator can read it out with Russian letter names. Of those, two more go:
//   B - looks like 8 in many fonts, and its Cyrillic name "вэ" is heard as Latin V;
//   H - read aloud as Cyrillic "эн" it is typed as Latin N, and "аш"/"ха" clash with X.
// Everything else is out by construction: O/Q (0), I/L/J (1), S (5), Z (2), G (6), U/V, N, R,
// D, F, W, Y have no Cyrillic twin. 16 is also a power of two, so every character carries
// exactly 4 bits.
constexpr std::string_view kAlphabet = "23456789ACEKMPTX";
static_assert(kAlphabet.size() == 16);
constexpr int kGroup = kBookingCodeLength / 2;  // "XXXXX-XXXXX"

bool in_alphabet(char32_t c) {
  return c < 0x80 && kAlphabet.find(static_cast<char>(c)) != std::string_view::npos;
}

// Decodes one UTF-8 code point at `pos`, advancing it; nullopt on malformed, overlong,
// surrogate or out-of-range sequences, so junk from a scanner never reads as a code.
std::optional<char32_t> decode_utf8(std::string_view s, size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07u, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() - pos <= static_cast<size_t>(extra)) return std::nullopt;  // truncated
  for (int i = 1; i <= extra; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + static_cast<size_t>(i)]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  pos += static_cast<size_t>(extra) + 1;
  return cp;
}

// Separators people and documents put inside a code: spaces (also no-break ones from
// copy-paste and the newline a scanner may send) and every kind of dash a word processor makes.
bool is_separator(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\r':
    case U'\n':
    case U'\u00A0':  // no-break space
    case U'\u202F':  // narrow no-break space
    case U'-':
    case U'\u2010':  // hyphen
    case U'\u2011':  // non-breaking hyphen
    case U'\u2012':  // figure dash
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2212':  // minus sign
      return true;
    default:
      return false;
  }
}

// The Cyrillic capitals that look like Latin ones, as typed on a Russian layout.
struct Twin {
  char32_t cyrillic;
  char32_t latin;
};
constexpr Twin kTwins[] = {{U'А', U'A'}, {U'В', U'B'}, {U'Е', U'E'}, {U'К', U'K'}, {U'М', U'M'},
                           {U'Н', U'H'}, {U'Р', U'P'}, {U'С', U'C'}, {U'Т', U'T'}, {U'Х', U'X'}};

// Latin capital for a Latin letter of either case or a Cyrillic look-alike (upper or lower case);
// other characters are returned unchanged.
char32_t fold(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - U'a' + U'A';
  if (c >= U'а' && c <= U'я') c -= U'а' - U'А';  // Russian lower case sits 0x20 above upper
  for (const Twin& t : kTwins) {
    if (c == t.cyrillic) return t.latin;
  }
  return c;
}

// libsodium must be initialised once before use; a function-local static makes that
// thread-safe and cheap on every later call. Failure means the process has no usable entropy
// source, which no caller can handle, so it is an exception rather than an error value.
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string_view booking_code_alphabet() {
  return kAlphabet;
}

double booking_code_entropy_bits() {
  return kBookingCodeLength * std::log2(static_cast<double>(kAlphabet.size()));
}

std::string generate_booking_code() {
  ensure_sodium();
  std::string code;
  code.reserve(kBookingCodeLength + 1);
  for (int i = 0; i < kBookingCodeLength; ++i) {
    if (i == kGroup) code.push_back('-');
    // randombytes_uniform is unbiased for any upper bound.
    code.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return code;
}

std::optional<std::string> normalize_booking_code(std::string_view typed) {
  // Nothing sensible is this long; bounding it keeps a hostile input cheap to reject.
  if (typed.size() > 256) return std::nullopt;
  std::string chars;
  size_t pos = 0;
  while (pos < typed.size()) {
    const auto cp = decode_utf8(typed, pos);
    if (!cp) return std::nullopt;
    if (is_separator(*cp)) continue;
    const char32_t c = fold(*cp);
    if (!in_alphabet(c) || chars.size() == kBookingCodeLength) return std::nullopt;
    chars.push_back(static_cast<char>(c));
  }
  if (chars.size() != kBookingCodeLength) return std::nullopt;
  chars.insert(kGroup, 1, '-');
  return chars;
}

}  // namespace okno
