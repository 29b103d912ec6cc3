// Value checks of the booking domain: string forms of its enums, UTF-8, phone and e-mail checks,
// and the field validation run before a booking request reaches an office or storage.
// Error details name the field and what is wrong, never the value: names, phones and e-mails are
// personal data (152-FZ) and details end up in logs.
#include "okno/booking.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace okno {

// ---- string forms --------------------------------------------------------------------------
// Every switch lists all enumerators (so -Wswitch flags a new one); the trailing return only
// covers values cast from out-of-range integers.

std::string_view to_string(BookingChannel c) {
  switch (c) {
    case BookingChannel::web:
      return "web";
    case BookingChannel::portal:
      return "portal";
    case BookingChannel::operator_line:
      return "operator";
    case BookingChannel::kiosk:
      return "kiosk";
  }
  return "unknown";
}

std::string_view to_string(NotifyChannel c) {
  switch (c) {
    case NotifyChannel::portal:
      return "portal";
    case NotifyChannel::email:
      return "email";
    case NotifyChannel::sms:
      return "sms";
  }
  return "unknown";
}

std::string_view to_string(Reminder r) {
  switch (r) {
    case Reminder::before_24h:
      return "24h";
    case Reminder::before_2h:
      return "2h";
  }
  return "unknown";
}

std::string_view to_string(Need n) {
  switch (n) {
    case Need::sign_language:
      return "sign_language";
    case Need::tactile_interpreter:
      return "tactile_interpreter";
    case Need::wheelchair:
      return "wheelchair";
    case Need::large_print:
      return "large_print";
  }
  return "unknown";
}

std::string_view to_string(BookingStatus s) {
  switch (s) {
    case BookingStatus::booked:
      return "booked";
    case BookingStatus::cancelled:
      return "cancelled";
  }
  return "unknown";
}

namespace {

// Parsing is the exact inverse of to_string over the listed values: API codes are lower case
// and stable, so "Web" or " web" is a client error, not something to guess at.
template <class E, size_t N>
std::optional<E> parse_exact(std::string_view s, const E (&values)[N]) {
  for (E v : values) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<BookingChannel> parse_booking_channel(std::string_view s) {
  static constexpr BookingChannel kAll[] = {BookingChannel::web, BookingChannel::portal,
                                            BookingChannel::operator_line, BookingChannel::kiosk};
  return parse_exact(s, kAll);
}

std::optional<NotifyChannel> parse_notify_channel(std::string_view s) {
  static constexpr NotifyChannel kAll[] = {NotifyChannel::portal, NotifyChannel::email,
                                           NotifyChannel::sms};
  return parse_exact(s, kAll);
}

std::optional<Reminder> parse_reminder(std::string_view s) {
  static constexpr Reminder kAll[] = {Reminder::before_24h, Reminder::before_2h};
  return parse_exact(s, kAll);
}

std::optional<Need> parse_need(std::string_view s) {
  static constexpr Need kAll[] = {Need::sign_language, Need::tactile_interpreter, Need::wheelchair,
                                  Need::large_print};
  return parse_exact(s, kAll);
}

std::optional<BookingStatus> parse_booking_status(std::string_view s) {
  static constexpr BookingStatus kAll[] = {BookingStatus::booked, BookingStatus::cancelled};
  return parse_exact(s, kAll);
}

// R-CHAN-2: the mandatory channel comes first so it is always served; an extra that repeats an
// earlier channel is dropped here so nobody gets the same message twice on one channel, even if
// an unvalidated choice slips through.
std::vector<NotifyChannel> NotifyChoice::all() const {
  std::vector<NotifyChannel> out;
  if (mandatory) out.push_back(*mandatory);
  for (NotifyChannel c : extra) {
    if (std::ranges::find(out, c) == out.end()) out.push_back(c);
  }
  return out;
}

// ---- UTF-8 ---------------------------------------------------------------------------------

namespace {

// Decodes one code point at text[i] and advances i, or returns nullopt on an ill-formed
// sequence. Written by hand after Unicode 15, Table 3-7 (well-formed UTF-8 byte sequences)
// rather than with ICU's U8_NEXT: the table is short, the second-byte ranges reject overlongs
// (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and values above U+10FFFF (F4 90.., F5..FF)
// directly, and the ICU macros mix int32_t/uint8_t arithmetic that fights -Wconversion.
std::optional<char32_t> next_code_point(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  size_t len = 0;
  uint8_t lo = 0x80;  // allowed range of the second byte
  uint8_t hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {  // C0, C1 would only start overlong forms
    len = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (b0 == 0xED) hi = 0x9F;  // U+D800..U+DFFF are surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return std::nullopt;  // stray continuation byte, C0/C1, F5..FF
  }
  if (text.size() - i < len) return std::nullopt;  // truncated
  for (size_t k = 1; k < len; ++k) {
    const uint8_t b = byte(i + k);
    const uint8_t min = k == 1 ? lo : uint8_t{0x80};
    const uint8_t max = k == 1 ? hi : uint8_t{0xBF};
    if (b < min || b > max) return std::nullopt;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += len;
  return cp;
}

// Unicode general category Cc: C0, DEL and C1. These have no place in a name: they break log
// lines, printed tickets and the staff screen.
bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim_ascii_space(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (!next_code_point(text, i)) return false;
  }
  return true;
}

// ---- phone ---------------------------------------------------------------------------------

Result<std::string> normalize_phone(std::string_view phone) {
  // People type separators freely ("+7 (999) 123-45-67", "8.999.123.45.67"); only digits and
  // one leading '+' carry meaning. Everything else, letters included, is rejected rather than
  // dropped: "8-800-FLOWERS" is not a number we can send an SMS to.
  std::string digits;
  bool plus = false;
  for (char c : phone) {
    if (is_ascii_digit(c)) {
      if (digits.size() > 15) return fail(ErrorCode::invalid_phone, "phone: too many digits");
      digits.push_back(c);
    } else if (c == '+') {
      if (plus) return fail(ErrorCode::invalid_phone, "phone: more than one '+'");
      if (!digits.empty()) return fail(ErrorCode::invalid_phone, "phone: '+' after digits");
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      continue;
    } else {
      return fail(ErrorCode::invalid_phone, "phone: character other than digit or separator");
    }
  }
  if (digits.empty()) return fail(ErrorCode::invalid_phone, "phone: no digits");

  if (!plus) {
    // Without '+' only the Russian domestic form is understood: trunk prefix 8 and ten digits.
    // "79991234567" or "9991234567" could be guessed, but a wrong guess sends reminders to a
    // stranger, so the client is asked for the full form instead.
    if (digits.size() == 11 && digits.front() == '8') {
      digits.front() = '7';
    } else {
      return fail(ErrorCode::invalid_phone, "phone: without '+', expected 8 and 10 digits");
    }
  }
  // E.164: up to 15 digits, country codes never start with 0. 10 is the shortest the agency
  // serves (EAEU numbers are 11-12 digits). Zone +7 (Russia, Kazakhstan) has exactly 11.
  if (digits.front() == '0') {
    return fail(ErrorCode::invalid_phone, "phone: country code starts with 0");
  }
  if (digits.size() < 10 || digits.size() > 15) {
    return fail(ErrorCode::invalid_phone,
                "phone: " + std::to_string(digits.size()) + " digits, expected 10 to 15");
  }
  if (digits.front() == '7' && digits.size() != 11) {
    return fail(ErrorCode::invalid_phone,
                "phone: " + std::to_string(digits.size()) + " digits, a +7 number has 11");
  }
  return "+" + digits;
}

// ---- e-mail --------------------------------------------------------------------------------

namespace {

// Local part as dot-atom (RFC 5322 atext), plus non-ASCII per RFC 6531 since Cyrillic mailboxes
// exist (e.g. on .рф domains). Quoted local parts are refused: legal, but nobody types them
// and many mailers mishandle them.
bool is_valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~.";
  for (char c : local) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) continue;  // UTF-8 already checked for the whole address
    if (!is_ascii_alnum(c) && kSpecials.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Host name labels (letters, digits, hyphen; not at either end), with internationalised labels
// accepted in UTF-8 as clients type them. An ASCII label is limited to 63 octets; a non-ASCII
// one to 63 code points, a loose bound since its Punycode length is only known after IDNA.
bool is_valid_domain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  bool all_digits_tld = true;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    size_t code_points = 0;
    bool ascii = true;
    all_digits_tld = true;
    for (char c : label) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x80) {
        ascii = false;
        all_digits_tld = false;
        if ((b & 0xC0u) != 0x80u) ++code_points;  // count lead bytes only
        continue;
      }
      ++code_points;
      if (!is_ascii_digit(c)) all_digits_tld = false;
      if (!is_ascii_alnum(c) && c != '-') return false;
    }
    if ((ascii ? label.size() : code_points) > 63) return false;
    start = end + 1;
  }
  // A numeric last label means an IP address, which is no mailbox for our clients.
  return !all_digits_tld;
}

}  // namespace

bool is_valid_email(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  if (!is_valid_utf8(email)) return false;
  size_t i = 0;
  while (i < email.size()) {
    const char32_t cp = *next_code_point(email, i);  // valid: checked above
    // No spaces or controls anywhere, including the Unicode ones that look like a space.
    if (is_control(cp) || cp == ' ' || cp == 0xA0 || cp == 0x2028 || cp == 0x2029) return false;
  }
  const size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return is_valid_local_part(email.substr(0, at)) && is_valid_domain(email.substr(at + 1));
}

// ---- the request as a whole ----------------------------------------------------------------

namespace {

constexpr size_t kMaxNameChars = 200;

Result<void> check_name(std::string_view raw) {
  const std::string_view name = trim_ascii_space(raw);
  if (name.empty()) return fail(ErrorCode::invalid_name, "client.name: empty");
  // UTF-8 first: the length is counted in characters, and that needs a decodable string.
  if (!is_valid_utf8(name)) return fail(ErrorCode::invalid_name, "client.name: not valid UTF-8");
  size_t chars = 0;
  size_t i = 0;
  while (i < name.size()) {
    const char32_t cp = *next_code_point(name, i);
    if (is_control(cp)) {
      return fail(ErrorCode::invalid_name, "client.name: contains a control character");
    }
    ++chars;
  }
  if (chars > kMaxNameChars) {
    return fail(ErrorCode::invalid_name, "client.name: " + std::to_string(chars) +
                                             " characters, at most " +
                                             std::to_string(kMaxNameChars));
  }
  return {};
}

// R-CHAN-1 / R-CHAN-2 / R-VISIT-4: the shape of the notification choice.
Result<void> check_notify_choice(const BookingRequest& request) {
  const NotifyChoice& notify = request.notify;
  // The only channel law fixes for this agency is the personal account on the federal portal
  // (the example of R-CHAN-2): e-mail and SMS are always the client's own choice, so neither
  // may be sent as "mandatory".
  if (notify.mandatory && *notify.mandatory != NotifyChannel::portal) {
    return fail(ErrorCode::invalid_channel, "notify.mandatory: only portal can be mandatory");
  }
  for (size_t k = 0; k < notify.extra.size(); ++k) {
    const NotifyChannel c = notify.extra[k];
    if (notify.mandatory && c == *notify.mandatory) {
      return fail(ErrorCode::invalid_channel, "notify.extra: repeats the mandatory channel");
    }
    for (size_t j = 0; j < k; ++j) {
      if (notify.extra[j] == c) {
        return fail(ErrorCode::invalid_channel,
                    "notify.extra: " + std::string(to_string(c)) + " chosen twice");
      }
    }
  }
  // R-VISIT-3: a reminder needs somewhere to go.
  if (!request.reminders.empty() && !notify.mandatory && notify.extra.empty()) {
    return fail(ErrorCode::invalid_channel, "reminders: chosen without a notification channel");
  }
  return {};
}

}  // namespace

// Checks run in this fixed order and the first failure is returned:
//   1. client.name       -> invalid_name
//   2. client.phone      -> invalid_phone    (only when given)
//   3. client.email      -> invalid_email    (only when given)
//   4. notify choice     -> invalid_channel  (mandatory, duplicates, reminders with no channel)
//   5. contact per chosen channel -> contact_missing (sms needs phone, email needs e-mail)
//   6. consent           -> consent_missing
// The client's own data comes first because it is what the form shows first; the channel shape
// is checked before contacts so that "add an e-mail" is never asked for an invalid choice.
Seconds reminder_time(Seconds start, Reminder r) {
  return start - (r == Reminder::before_24h ? std::chrono::hours{24} : std::chrono::hours{2});
}

std::set<Reminder> reminders_in_force(const Booking& booking) {
  std::set<Reminder> out;
  for (Reminder r : booking.request.reminders) {
    if (reminder_time(booking.request.start, r) > booking.updated_at) out.insert(r);
  }
  return out;
}

Result<void> validate_client_fields(const BookingRequest& request) {
  const Client& client = request.client;
  // At the kiosk the visitor books in person and takes the slip: a name is not needed for the
  // purpose (152-FZ: only the data the purpose needs), so it may be left out there. Given, it is
  // checked like any other.
  const bool name_optional = request.channel == BookingChannel::kiosk;
  if (!(name_optional && client.name.empty())) {
    if (auto r = check_name(client.name); !r) return r;
  }
  if (!client.phone.empty()) {
    if (auto r = normalize_phone(client.phone); !r) return std::unexpected(std::move(r.error()));
  }
  if (!client.email.empty() && !is_valid_email(client.email)) {
    return fail(ErrorCode::invalid_email, "client.email: not a valid address");
  }
  if (auto r = check_notify_choice(request); !r) return r;
  // R-CHAN-1: the client must be reachable on every channel they chose. The portal account is
  // reached through the portal itself, so it needs no contact here.
  for (NotifyChannel c : request.notify.all()) {
    if (c == NotifyChannel::sms && client.phone.empty()) {
      return fail(ErrorCode::contact_missing, "notify: sms chosen without client.phone");
    }
    if (c == NotifyChannel::email && client.email.empty()) {
      return fail(ErrorCode::contact_missing, "notify: email chosen without client.email");
    }
  }
  // 152-FZ: consent is a separate document since 01.09.2025, so which text was agreed to must
  // be recorded along with the fact.
  if (!request.consent.given) return fail(ErrorCode::consent_missing, "consent: not given");
  if (trim_ascii_space(request.consent.text_version).empty()) {
    return fail(ErrorCode::consent_missing, "consent.text_version: empty");
  }
  return {};
}

}  // namespace okno
