// Notifications to clients (issue 3): what is sent, to whom, when, in which words. Pure
// composition over a booking, the office and the locale catalogs; no SQL, no network. The
// store writes the composed messages to its outbox in the same transaction as the booking
// change (OutboxComposer), and a dispatcher sends them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/booking.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/ics.hpp"
#include "okno/office.hpp"

namespace okno {

// Status notifications of R-CHAN-1, reminders of R-VISIT-3 and the closing message of R-CHAN-4.
enum class MessageKind {
  confirmation,
  reminder_24h,
  reminder_2h,
  cancelled,
  rescheduled,
  visit_thanks
};

std::string_view to_string(MessageKind kind);
std::optional<MessageKind> parse_message_kind(std::string_view s);
bool is_reminder(MessageKind kind);

enum class OutboxStatus { pending, sent, failed, cancelled };
std::string_view to_string(OutboxStatus status);
std::optional<OutboxStatus> parse_outbox_status(std::string_view s);

// One channel and its address. The portal account is reached through the portal by the
// booking code (the portal knows whose booking it is), e-mail by address, SMS by phone.
struct Recipient {
  NotifyChannel channel;
  std::string address;
};

// R-CHAN-2 / R-VISIT-4: the mandatory channel first, then each extra one, each once. A channel
// whose contact is missing is skipped (validation refuses such bookings; old rows may differ).
std::vector<Recipient> recipients(const Booking& booking);

// One message on one channel: a row of the outbox.
struct OutboxMessage {
  // Stable for the same logical message (booking, kind, booking version, channel): a resend
  // after a crash carries the same id, so receivers can drop the duplicate. The e-mail
  // Message-ID and the SMS / portal payload ids derive from it.
  std::string id;
  std::string booking_code;
  MessageKind kind = MessageKind::confirmation;
  NotifyChannel channel = NotifyChannel::email;
  std::string recipient;
  Language language = Language::ru;
  std::string subject;  // e-mail and portal; empty for SMS
  std::string body;     // plain text, UTF-8
  std::string ics;      // e-mail attachment (RFC 5545); empty when none
  Seconds created_at{};
  Seconds due_at{};
  // After this instant sending is pointless or too late: a reminder once the visit started,
  // anything else at the retry deadline. Then the message fails with the reason.
  Seconds expires_at{};
};

// A stored message with its delivery state, as the dispatcher and staff see it.
struct AttemptRecord {
  int number = 0;
  Seconds at{};
  bool ok = false;
  std::string error;  // empty when ok
};
struct OutboxRecord {
  OutboxMessage message;
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;
  Seconds next_attempt_at{};
  std::optional<Seconds> sent_at;
  std::string last_error;
  std::vector<AttemptRecord> history;
};

// Links in messages to the public site's pages (issue 12); "{code}", "{token}" and "{lang}"
// are replaced (URL-safe values only). {token} is link_secret(link_key, code) (secret.hpp),
// which the site checks; the server sets link_key, a configuration file never does.
struct NotificationLinks {
  std::string manage_url = "https://okno.example.ru/booking/{code}?t={token}&lang={lang}";
  std::string survey_url = "https://okno.example.ru/survey/{code}?t={token}&lang={lang}";
  std::string link_key;
};

// Exponential backoff with a deadline. Attempt n (1-based) that failed is retried after
// initial * factor^(n-1), capped at max_delay; a retry that would fall after the message's
// deadline is not made and the message fails.
struct RetryPolicy {
  std::chrono::seconds initial{30};
  double factor = 2.0;
  std::chrono::seconds max_delay{std::chrono::hours{1}};
  // How long a non-reminder message may keep trying (reminders stop when the visit starts).
  std::chrono::seconds deadline{std::chrono::hours{24}};

  std::chrono::seconds delay_after(int failed_attempts) const;
  // When to try again after `failed_attempts` failures at `now`; nothing when past `expires_at`.
  std::optional<Seconds> next_attempt(int failed_attempts, Seconds now, Seconds expires_at) const;
};

// Due time of a reminder: start - 24 h or start - 2 h (absolute instants, so they follow the
// office's zone and any DST change at the visit's own date).
Seconds reminder_due(Seconds start, MessageKind kind);

// The visit's date and time in the office's local time, written for the language by ICU
// ("вторник, 1 декабря 2026 г., 09:00"; "Tuesday, December 1, 2026, 09:00"), 24-hour clock.
std::string format_visit_time(const Office& office, Seconds t, Language lang);
// A local date as the language writes it, by ICU: "3 декабря", "December 3"; with the weekday
// "четверг, 3 декабря", "Thursday, December 3".
std::string format_day(Date day, Language lang, bool with_weekday);

// The iCalendar texts of a booking in its language (summary, address, directions, alarm).
IcsTexts ics_texts(const Booking& booking, const Office& office, const Service& service,
                   const Catalog& catalog);

// The directions (R-VISIT-5) as one text: transit, entrance, floor.
std::string directions_text(const Office& office, Language lang);

// Stable message id: hex of a hash over booking code, kind, booking version and channel,
// after message_id_prefix(booking_code).
std::string message_id(std::string_view booking_code, MessageKind kind, int booking_version,
                       NotifyChannel channel);
// The first 16 hex digits of every message id of a booking (a hash of its code only).
std::string message_id_prefix(std::string_view booking_code);

// Called by the store inside its transactions; the returned messages are written with the
// booking change or not at all.
class OutboxComposer {
 public:
  virtual ~OutboxComposer() = default;
  // Confirmation now, plus each chosen reminder still in the future.
  virtual std::vector<OutboxMessage> on_created(const Booking& booking, Seconds now) const = 0;
  // The cancellation notice (the store cancels pending reminders in the same transaction).
  virtual std::vector<OutboxMessage> on_cancelled(const Booking& booking, Seconds now) const = 0;
  // The reschedule notice and the reminders for the new time (old pending ones are cancelled).
  virtual std::vector<OutboxMessage> on_rescheduled(const Booking& booking, Seconds now) const = 0;
  // The reminders of a booking whose channels or reminders changed (issue 12): they replace
  // the pending ones; no notice (the time did not change).
  virtual std::vector<OutboxMessage> on_notifications_changed(const Booking& booking,
                                                              Seconds now) const = 0;
};

class NotificationComposer final : public OutboxComposer {
 public:
  NotificationComposer(const OfficeDirectory& offices, const Catalog& catalog,
                       NotificationLinks links, RetryPolicy retry)
      : offices_(offices), catalog_(catalog), links_(std::move(links)), retry_(retry) {}

  // One message per recipient (R-CHAN-2), in the booking's language, due at `due`. Nothing
  // when the booking's office or service is no longer configured.
  std::vector<OutboxMessage> compose(const Booking& booking, MessageKind kind, Seconds now,
                                     Seconds due) const;

  std::vector<OutboxMessage> on_created(const Booking& booking, Seconds now) const override;
  std::vector<OutboxMessage> on_cancelled(const Booking& booking, Seconds now) const override;
  std::vector<OutboxMessage> on_rescheduled(const Booking& booking, Seconds now) const override;
  std::vector<OutboxMessage> on_notifications_changed(const Booking& booking,
                                                      Seconds now) const override {
    return reminders(booking, now);
  }
  // The closing message with the survey link (R-VISIT-13, R-CHAN-4), once the visit is done.
  std::vector<OutboxMessage> on_visit_finished(const Booking& booking, Seconds now) const;

  // With texts at send time, the outbox rows carry only who, what kind and when; the words are
  // composed by fill_texts just before sending. A booking then writes a few hundred bytes
  // instead of kilobytes of text, and pays no ICU formatting (see docs/performance.md).
  void set_texts_at_send(bool on) { texts_at_send_ = on; }
  // Fills subject, body and .ics of a message from the booking as it is now; false when the
  // booking's office, service or the message's channel is no longer there.
  bool fill_texts(OutboxMessage& message, const Booking& booking, Seconds now) const;

  const RetryPolicy& retry() const { return retry_; }
  const NotificationLinks& links() const { return links_; }

 private:
  std::vector<OutboxMessage> reminders(const Booking& booking, Seconds now) const;
  std::string link(const std::string& pattern, const Booking& booking) const;

  const OfficeDirectory& offices_;
  const Catalog& catalog_;
  NotificationLinks links_;
  RetryPolicy retry_;
  bool texts_at_send_ = false;
};

}  // namespace okno
