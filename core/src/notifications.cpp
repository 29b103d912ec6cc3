// Notification composition (issue 3): recipients per the client's choice (R-CHAN-2, R-VISIT-4),
// texts from the catalogs in the booking's language (R-CHAN-3, R-VISIT-11), local time written
// by ICU for that language, reminder due times (R-VISIT-3), the retry policy.
#include "okno/notifications.hpp"

#include <sodium.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include <date/tz.h>

#include "okno/secret.hpp"

namespace okno {

using namespace std::chrono;

std::string_view to_string(MessageKind kind) {
  switch (kind) {
    case MessageKind::confirmation:
      return "confirmation";
    case MessageKind::reminder_24h:
      return "reminder_24h";
    case MessageKind::reminder_2h:
      return "reminder_2h";
    case MessageKind::cancelled:
      return "cancelled";
    case MessageKind::rescheduled:
      return "rescheduled";
    case MessageKind::visit_thanks:
      return "visit_thanks";
  }
  return "confirmation";
}

std::optional<MessageKind> parse_message_kind(std::string_view s) {
  for (MessageKind k :
       {MessageKind::confirmation, MessageKind::reminder_24h, MessageKind::reminder_2h,
        MessageKind::cancelled, MessageKind::rescheduled, MessageKind::visit_thanks}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

bool is_reminder(MessageKind kind) {
  return kind == MessageKind::reminder_24h || kind == MessageKind::reminder_2h;
}

std::string_view to_string(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::pending:
      return "pending";
    case OutboxStatus::sent:
      return "sent";
    case OutboxStatus::failed:
      return "failed";
    case OutboxStatus::cancelled:
      return "cancelled";
  }
  return "pending";
}

std::optional<OutboxStatus> parse_outbox_status(std::string_view s) {
  for (OutboxStatus st :
       {OutboxStatus::pending, OutboxStatus::sent, OutboxStatus::failed, OutboxStatus::cancelled}) {
    if (to_string(st) == s) return st;
  }
  return std::nullopt;
}

std::vector<Recipient> recipients(const Booking& booking) {
  std::vector<Recipient> out;
  const Client& client = booking.request.client;
  for (NotifyChannel c : booking.request.notify.all()) {
    if (std::ranges::any_of(out, [c](const Recipient& r) { return r.channel == c; })) continue;
    switch (c) {
      case NotifyChannel::portal:
        out.push_back({c, booking.code});
        break;
      case NotifyChannel::email:
        if (!client.email.empty()) out.push_back({c, client.email});
        break;
      case NotifyChannel::sms:
        if (!client.phone.empty()) out.push_back({c, client.phone});
        break;
    }
  }
  return out;
}

seconds RetryPolicy::delay_after(int failed_attempts) const {
  const double d = static_cast<double>(initial.count()) *
                   std::pow(factor, static_cast<double>(std::max(0, failed_attempts - 1)));
  const double capped = std::min(d, static_cast<double>(max_delay.count()));
  return seconds{static_cast<long long>(std::max(1.0, capped))};
}

std::optional<Seconds> RetryPolicy::next_attempt(int failed_attempts, Seconds now,
                                                 Seconds expires_at) const {
  const Seconds next = now + delay_after(failed_attempts);
  if (next >= expires_at) return std::nullopt;
  return next;
}

Seconds reminder_due(Seconds start, MessageKind kind) {
  return reminder_time(
      start, kind == MessageKind::reminder_24h ? Reminder::before_24h : Reminder::before_2h);
}

namespace {

// ICU formatters are costly to build and not safe to share unguarded: one per language and
// zone, used under a lock.
struct FormatterCache {
  std::mutex mutex;
  // (language, zone, skeleton) -> its formatter.
  std::map<std::tuple<Language, std::string, std::string>, std::unique_ptr<icu::SimpleDateFormat>>
      formats;
};

FormatterCache& formatter_cache() {
  static FormatterCache cache;
  return cache;
}

// Skeleton "yMMMMEEEEdHHmm": weekday, day, month name, year, 24-hour time. The generator orders
// and punctuates it as the language does.
icu::SimpleDateFormat* formatter(FormatterCache& cache, Language lang, const std::string& zone,
                                 const std::string& skeleton = "yMMMMEEEEdHHmm") {
  auto key = std::tuple{lang, zone, skeleton};
  if (auto it = cache.formats.find(key); it != cache.formats.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(std::string(to_string(lang)).c_str());
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status) || !generator) return nullptr;
  const icu::UnicodeString pattern = generator->getBestPattern(
      icu::UnicodeString(skeleton.c_str(), static_cast<int32_t>(skeleton.size()), US_INV), status);
  if (U_FAILURE(status)) return nullptr;
  auto format = std::make_unique<icu::SimpleDateFormat>(pattern, locale, status);
  if (U_FAILURE(status)) return nullptr;
  format->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  return cache.formats.emplace(key, std::move(format)).first->second.get();
}

std::string hex(const unsigned char* data, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

void replace_all(std::string& s, std::string_view what, std::string_view with) {
  for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size())) {
    s.replace(pos, what.size(), with);
  }
}

}  // namespace

std::string format_visit_time(const Office& office, Seconds t, Language lang) {
  auto& cache = formatter_cache();
  std::lock_guard lock(cache.mutex);
  if (auto* format = formatter(cache, lang, office.time_zone_name)) {
    icu::UnicodeString text;
    format->format(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, text);
    std::string out;
    text.toUTF8String(out);
    if (!out.empty()) return out;
  }
  // Without ICU data the numeric form still tells the right local time.
  if (office.zone) return date::format("%d.%m.%Y %H:%M", office.zone->to_local(t));
  return date::format("%d.%m.%Y %H:%M UTC", t);
}

std::string format_day(Date day, Language lang, bool with_weekday) {
  auto& cache = formatter_cache();
  std::lock_guard lock(cache.mutex);
  // The date's noon in UTC, written in UTC: the same calendar day whatever the zone.
  const Seconds noon{sys_days{day} + hours{12}};
  if (auto* format = formatter(cache, lang, "UTC", with_weekday ? "MMMMEEEEd" : "MMMMd")) {
    icu::UnicodeString text;
    format->format(static_cast<UDate>(noon.time_since_epoch().count()) * 1000.0, text);
    std::string out;
    text.toUTF8String(out);
    if (!out.empty()) return out;
  }
  return date::format("%d.%m", sys_days{day});
}

std::string directions_text(const Office& office, Language lang) {
  std::string out = office.directions.transit.get(lang);
  for (const auto* part : {&office.directions.entrance, &office.directions.floor}) {
    const std::string& text = part->get(lang);
    if (text.empty()) continue;
    if (!out.empty()) out += "\n";
    out += text;
  }
  return out;
}

IcsTexts ics_texts(const Booking& booking, const Office& office, const Service& service,
                   const Catalog& catalog) {
  const Language lang = booking.request.language;
  const std::string time = format_visit_time(office, booking.request.start, lang);
  return IcsTexts{
      catalog.text(lang, "ics.summary",
                   {{"service", service.name.get(lang)}, {"office", office.short_name.get(lang)}}),
      office.address.get(lang),
      catalog.text(lang, "ics.description",
                   {{"code", booking.code}, {"directions", directions_text(office, lang)}}),
      catalog.text(lang, "ics.alarm", {{"time", time}, {"office", office.short_name.get(lang)}}),
      office.short_name.get(lang),
      office.email,
  };
}

std::string message_id(std::string_view booking_code, MessageKind kind, int booking_version,
                       NotifyChannel channel) {
  std::string input(booking_code);
  input += '|';
  input += to_string(kind);
  input += '|';
  input += std::to_string(booking_version);
  input += '|';
  input += to_string(channel);
  unsigned char message_part[8];
  crypto_generichash(message_part, sizeof message_part,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  return message_id_prefix(booking_code) + hex(message_part, sizeof message_part);
}

std::string message_id_prefix(std::string_view booking_code) {
  // sodium_init is idempotent and thread-safe; the library wants it before first use.
  [[maybe_unused]] static const int sodium_ready = sodium_init();
  // Depends on the booking only, so a booking's messages sit side by side in the outbox's
  // primary-key index: one page written per booking instead of one per message, and the
  // booking's messages are found by a range of that index (no index of their own).
  unsigned char booking_part[8];
  crypto_generichash(booking_part, sizeof booking_part,
                     reinterpret_cast<const unsigned char*>(booking_code.data()),
                     booking_code.size(), nullptr, 0);
  return hex(booking_part, sizeof booking_part);
}

std::string NotificationComposer::link(const std::string& pattern, const Booking& booking) const {
  std::string out = pattern;
  replace_all(out, "{code}", booking.code);
  if (out.find("{token}") != std::string::npos) {
    replace_all(out, "{token}", link_secret(links_.link_key, booking.code));
  }
  replace_all(out, "{lang}", to_string(booking.request.language));
  return out;
}

std::vector<OutboxMessage> NotificationComposer::compose(const Booking& booking, MessageKind kind,
                                                         Seconds now, Seconds due) const {
  std::vector<OutboxMessage> out;
  const Office* office = offices_.find(booking.request.office_id);
  const Service* service = office ? office->find_service(booking.request.service_id) : nullptr;
  if (!office || !service) return out;
  const Language lang = booking.request.language;
  const Seconds expires = is_reminder(kind) ? booking.request.start : due + retry_.deadline;
  // Who gets it and when: the row the outbox needs; the texts may come later (fill_texts).
  auto envelope = [&](const Recipient& r) {
    OutboxMessage m;
    m.id = message_id(booking.code, kind, booking.version, r.channel);
    m.booking_code = booking.code;
    m.kind = kind;
    m.channel = r.channel;
    m.recipient = r.address;
    m.language = lang;
    m.created_at = now;
    m.due_at = due;
    m.expires_at = expires;
    return m;
  };
  if (texts_at_send_) {
    for (const Recipient& r : recipients(booking)) out.push_back(envelope(r));
    return out;
  }
  const std::string k(to_string(kind));
  const std::string time = format_visit_time(*office, booking.request.start, lang);
  const std::string manage = link(links_.manage_url, booking);
  const std::string survey = link(links_.survey_url, booking);
  const std::map<std::string, std::string> args = {
      {"service", service->name.get(lang)},
      {"time", time},
      {"office", office->short_name.get(lang)},
      {"address", office->address.get(lang)},
      {"code", booking.code},
      {"directions", directions_text(*office, lang)},
  };
  const bool visit_details = kind != MessageKind::visit_thanks;
  const bool can_manage = kind != MessageKind::cancelled && kind != MessageKind::visit_thanks;
  const bool with_ics = kind == MessageKind::confirmation || kind == MessageKind::rescheduled ||
                        kind == MessageKind::cancelled;

  // Paragraphs shared by e-mail and portal: what happened, the visit, how to get there, what
  // to do next. Plain words, one thing per paragraph (R-CHAN-3).
  auto long_text = [&](bool email) {
    std::vector<std::string> parts;
    parts.push_back(catalog_.text(lang, "notify.intro." + k, args));
    if (visit_details) parts.push_back(catalog_.text(lang, "notify.details", args));
    if (visit_details && kind != MessageKind::cancelled) {
      parts.push_back(catalog_.text(lang, "notify.directions", args));  // R-VISIT-5
    }
    if (can_manage) parts.push_back(catalog_.text(lang, "notify.manage", {{"url", manage}}));
    if (kind == MessageKind::visit_thanks) {
      parts.push_back(catalog_.text(lang, "notify.survey", {{"url", survey}}));  // R-CHAN-4
    }
    if (email && with_ics) parts.push_back(catalog_.text(lang, "notify.ics"));
    parts.push_back(catalog_.text(lang, "notify.help"));
    std::string text;
    for (const auto& p : parts) {
      if (!text.empty()) text += "\n\n";
      text += p;
    }
    return text;
  };

  std::string ics;
  if (with_ics) ics = booking_to_ics(booking, ics_texts(booking, *office, *service, catalog_));
  for (const Recipient& r : recipients(booking)) {
    OutboxMessage m = envelope(r);
    if (r.channel == NotifyChannel::sms) {
      auto sms_args = args;
      sms_args["url"] = kind == MessageKind::visit_thanks ? survey : manage;
      m.body = catalog_.text(lang, "notify.sms." + k, sms_args);
    } else {
      m.subject = catalog_.text(lang, "notify.subject." + k, args);
      m.body = long_text(r.channel == NotifyChannel::email);
      if (r.channel == NotifyChannel::email) m.ics = ics;
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool NotificationComposer::fill_texts(OutboxMessage& message, const Booking& booking,
                                      Seconds now) const {
  // Compose in full as if at booking time, then take this message's channel.
  NotificationComposer full(offices_, catalog_, links_, retry_);
  for (auto& m : full.compose(booking, message.kind, now, message.due_at)) {
    if (m.channel != message.channel) continue;
    message.subject = std::move(m.subject);
    message.body = std::move(m.body);
    message.ics = std::move(m.ics);
    return true;
  }
  return false;
}

std::vector<OutboxMessage> NotificationComposer::reminders(const Booking& booking,
                                                           Seconds now) const {
  std::vector<OutboxMessage> out;
  for (Reminder r : booking.request.reminders) {
    const MessageKind kind =
        r == Reminder::before_24h ? MessageKind::reminder_24h : MessageKind::reminder_2h;
    const Seconds due = reminder_due(booking.request.start, kind);
    // R-VISIT-3: a reminder whose moment has already passed is not sent at all (booked 3 h
    // ahead: only the 2 h one).
    if (due <= now) continue;
    auto msgs = compose(booking, kind, now, due);
    out.insert(out.end(), std::make_move_iterator(msgs.begin()),
               std::make_move_iterator(msgs.end()));
  }
  return out;
}

std::vector<OutboxMessage> NotificationComposer::on_created(const Booking& booking,
                                                            Seconds now) const {
  auto out = compose(booking, MessageKind::confirmation, now, now);
  auto later = reminders(booking, now);
  out.insert(out.end(), std::make_move_iterator(later.begin()),
             std::make_move_iterator(later.end()));
  return out;
}

std::vector<OutboxMessage> NotificationComposer::on_cancelled(const Booking& booking,
                                                              Seconds now) const {
  return compose(booking, MessageKind::cancelled, now, now);
}

std::vector<OutboxMessage> NotificationComposer::on_rescheduled(const Booking& booking,
                                                                Seconds now) const {
  auto out = compose(booking, MessageKind::rescheduled, now, now);
  auto later = reminders(booking, now);
  out.insert(out.end(), std::make_move_iterator(later.begin()),
             std::make_move_iterator(later.end()));
  return out;
}

std::vector<OutboxMessage> NotificationComposer::on_visit_finished(const Booking& booking,
                                                                   Seconds now) const {
  return compose(booking, MessageKind::visit_thanks, now, now);
}

}  // namespace okno
