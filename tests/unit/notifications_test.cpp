// Tests for notification composition (issue 3): which messages a booking change causes, when
// they are due, who gets them, and what they say in each of the six languages.
#include "okno/notifications.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "demo_data.hpp"
#include "okno/secret.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::Not;

using test_data::catalog;
using test_data::demo_offices;

Seconds at(const char* iso) {
  return *parse_iso_instant(iso);
}

// Tuesday 1 December 2026, 09:00 in Moscow.
const Seconds kStart = at("2026-12-01T06:00:00Z");

Booking booking(Language lang = Language::ru) {
  Booking b;
  b.code = "ABCDE-FGHJK";
  b.request.office_id = "demo";
  b.request.service_id = "passport";
  b.request.start = kStart;
  b.request.client = {"Иван Петров", "+79991234567", "ivan@example.org"};
  b.request.notify.mandatory = NotifyChannel::portal;
  b.request.notify.extra = {NotifyChannel::email};
  b.request.reminders = {Reminder::before_24h, Reminder::before_2h};
  b.request.language = lang;
  b.request.consent = {true, "pd-2025-09", kStart - days{3}};
  b.end = kStart + minutes{15};
  b.created_at = kStart - days{3};
  b.updated_at = b.created_at;
  return b;
}

NotificationComposer composer() {
  NotificationLinks links;
  links.link_key = "test-link-key";
  return NotificationComposer(demo_offices(), catalog(), links, RetryPolicy{});
}

std::vector<MessageKind> kinds_on(const std::vector<OutboxMessage>& msgs, NotifyChannel c) {
  std::vector<MessageKind> out;
  for (const auto& m : msgs) {
    if (m.channel == c) out.push_back(m.kind);
  }
  return out;
}

const OutboxMessage* find(const std::vector<OutboxMessage>& msgs, MessageKind k, NotifyChannel c) {
  for (const auto& m : msgs) {
    if (m.kind == k && m.channel == c) return &m;
  }
  return nullptr;
}

// ---- reminders and due times (R-VISIT-3) ----

TEST(Reminders, R_VISIT_3_BookedDaysAheadGetsConfirmationNowAndBothReminders) {
  const Seconds now = kStart - days{3};
  auto msgs = composer().on_created(booking(), now);
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::email),
            (std::vector{MessageKind::confirmation, MessageKind::reminder_24h,
                         MessageKind::reminder_2h}));
  EXPECT_EQ(find(msgs, MessageKind::confirmation, NotifyChannel::email)->due_at, now);
  EXPECT_EQ(find(msgs, MessageKind::reminder_24h, NotifyChannel::email)->due_at,
            at("2026-11-30T06:00:00Z"));
  EXPECT_EQ(find(msgs, MessageKind::reminder_2h, NotifyChannel::email)->due_at,
            at("2026-12-01T04:00:00Z"));
}

TEST(Reminders, R_VISIT_3_BookedThreeHoursAheadGetsOnlyTheTwoHourReminder) {
  auto msgs = composer().on_created(booking(), kStart - hours{3});
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::email),
            (std::vector{MessageKind::confirmation, MessageKind::reminder_2h}));
}

TEST(Reminders, R_VISIT_3_BookedAnHourAheadGetsNoReminder) {
  auto msgs = composer().on_created(booking(), kStart - hours{1});
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::email), (std::vector{MessageKind::confirmation}));
}

TEST(Reminders, R_VISIT_3_OnlyTheChosenReminders) {
  Booking b = booking();
  b.request.reminders = {Reminder::before_24h};
  auto msgs = composer().on_created(b, kStart - days{3});
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::portal),
            (std::vector{MessageKind::confirmation, MessageKind::reminder_24h}));
  b.request.reminders.clear();
  msgs = composer().on_created(b, kStart - days{3});
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::portal), (std::vector{MessageKind::confirmation}));
}

TEST(Reminders, R_VISIT_3_AReminderIsPointlessOnceTheVisitStarted) {
  auto msgs = composer().on_created(booking(), kStart - days{3});
  for (const auto& m : msgs) {
    if (is_reminder(m.kind)) {
      EXPECT_EQ(m.expires_at, kStart) << to_string(m.kind);
    } else {
      EXPECT_EQ(m.expires_at, m.due_at + RetryPolicy{}.deadline);
    }
  }
}

TEST(Reminders, R_VISIT_3_RescheduleBringsRemindersForTheNewTimeWithNewIds) {
  const Booking before = booking();
  auto first = composer().on_created(before, kStart - days{3});
  Booking moved = before;
  moved.request.start = kStart + days{1};
  moved.end = moved.request.start + minutes{15};
  moved.version = 2;
  auto second = composer().on_rescheduled(moved, kStart - days{2});
  EXPECT_EQ(
      kinds_on(second, NotifyChannel::email),
      (std::vector{MessageKind::rescheduled, MessageKind::reminder_24h, MessageKind::reminder_2h}));
  EXPECT_EQ(find(second, MessageKind::reminder_24h, NotifyChannel::email)->due_at,
            kStart + days{1} - hours{24});
  EXPECT_NE(find(second, MessageKind::reminder_24h, NotifyChannel::email)->id,
            find(first, MessageKind::reminder_24h, NotifyChannel::email)->id);
}

TEST(Reminders, R_VISIT_6_CancellationComposesOnlyTheNotice) {
  Booking b = booking();
  b.status = BookingStatus::cancelled;
  b.version = 2;
  auto msgs = composer().on_cancelled(b, kStart - days{1});
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::email), (std::vector{MessageKind::cancelled}));
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::portal), (std::vector{MessageKind::cancelled}));
  // The calendar file tells the client's calendar to drop the event.
  EXPECT_THAT(find(msgs, MessageKind::cancelled, NotifyChannel::email)->ics,
              HasSubstr("METHOD:CANCEL"));
}

TEST(Reminders, R_VISIT_3_ReminderTimesAreInstantsSoTheyFollowTheOfficeZone) {
  // 09:00 local in Vladivostok (UTC+10) is 23:00 UTC the day before; 24 h earlier is 09:00
  // local the day before, whatever the server's own zone is.
  const Seconds start = at("2026-11-30T23:00:00Z");
  EXPECT_EQ(reminder_due(start, MessageKind::reminder_24h), at("2026-11-29T23:00:00Z"));
  EXPECT_EQ(reminder_due(start, MessageKind::reminder_2h), at("2026-11-30T21:00:00Z"));
}

// ---- recipients (R-CHAN-2, R-VISIT-4) ----

TEST(Recipients, R_CHAN_2_MandatoryFirstThenEachExtraOnce) {
  Booking b = booking();
  b.request.notify.extra = {NotifyChannel::email, NotifyChannel::sms};
  auto r = recipients(b);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].channel, NotifyChannel::portal);
  EXPECT_EQ(r[0].address, b.code);  // the portal finds the account by its own booking
  EXPECT_EQ(r[1].channel, NotifyChannel::email);
  EXPECT_EQ(r[1].address, "ivan@example.org");
  EXPECT_EQ(r[2].channel, NotifyChannel::sms);
  EXPECT_EQ(r[2].address, "+79991234567");
}

TEST(Recipients, R_VISIT_4_EveryMessageOnTheMandatoryChannelIsDuplicatedOnEachExtra) {
  Booking b = booking();
  b.request.notify.extra = {NotifyChannel::email, NotifyChannel::sms};
  auto msgs = composer().on_created(b, kStart - days{3});
  const auto on_portal = kinds_on(msgs, NotifyChannel::portal);
  EXPECT_EQ(on_portal.size(), 3u);
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::email), on_portal);
  EXPECT_EQ(kinds_on(msgs, NotifyChannel::sms), on_portal);
}

TEST(Recipients, R_CHAN_1_NoChannelChosenMeansNoMessage) {
  Booking b = booking();
  b.request.notify = {};
  b.request.reminders.clear();
  EXPECT_TRUE(composer().on_created(b, kStart - days{3}).empty());
}

TEST(Recipients, R_CHAN_1_AChannelWithoutContactIsSkipped) {
  Booking b = booking();
  b.request.notify.extra = {NotifyChannel::email};
  b.request.client.email.clear();
  auto r = recipients(b);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].channel, NotifyChannel::portal);
}

// ---- texts (R-CHAN-3, R-VISIT-5, R-VISIT-11) ----

TEST(Texts, R_VISIT_11_VisitTimeWrittenForEachLanguageInTheOfficeZone) {
  const Office& office = demo_offices().offices.at(0);
  EXPECT_THAT(format_visit_time(office, kStart, Language::ru), HasSubstr("1 декабря 2026"));
  EXPECT_THAT(format_visit_time(office, kStart, Language::en), HasSubstr("December 1, 2026"));
  EXPECT_THAT(format_visit_time(office, kStart, Language::hy), HasSubstr("դեկտեմբերի"));
  EXPECT_THAT(format_visit_time(office, kStart, Language::be), HasSubstr("1 снежня 2026"));
  EXPECT_THAT(format_visit_time(office, kStart, Language::kk), HasSubstr("желтоқсан"));
  EXPECT_THAT(format_visit_time(office, kStart, Language::ky), HasSubstr("декабрь"));
  for (Language lang : kAllLanguages) {
    // Moscow local time, 24-hour clock, in every language.
    EXPECT_THAT(format_visit_time(office, kStart, lang), HasSubstr("09:00")) << to_string(lang);
  }
  Office east = office;
  east.time_zone_name = "Asia/Vladivostok";
  EXPECT_THAT(format_visit_time(east, kStart, Language::ru), HasSubstr("16:00"));
}

TEST(Texts, R_VISIT_5_ConfirmationCarriesTimeAddressDirectionsCodeAndLinkInEveryLanguage) {
  const Office& office = demo_offices().offices.at(0);
  for (Language lang : kAllLanguages) {
    SCOPED_TRACE(std::string(to_string(lang)));
    auto msgs = composer().on_created(booking(lang), kStart - days{3});
    const OutboxMessage* email = find(msgs, MessageKind::confirmation, NotifyChannel::email);
    ASSERT_NE(email, nullptr);
    EXPECT_EQ(email->language, lang);
    EXPECT_THAT(email->subject, HasSubstr("09:00"));
    EXPECT_THAT(email->body, HasSubstr(format_visit_time(office, kStart, lang)));
    EXPECT_THAT(email->body, HasSubstr(office.address.get(lang)));
    EXPECT_THAT(email->body, HasSubstr(office.directions.transit.get(lang)));
    EXPECT_THAT(email->body, HasSubstr("ABCDE-FGHJK"));
    EXPECT_THAT(email->body, HasSubstr("https://okno.example.ru/booking/ABCDE-FGHJK?t=" +
                                       link_secret("test-link-key", "ABCDE-FGHJK") +
                                       "&lang=" + std::string(to_string(lang))));
    EXPECT_THAT(email->body, HasSubstr("+7 111 111 1111"));
    EXPECT_THAT(email->ics, HasSubstr("UID:ABCDE-FGHJK@okno"));
    for (const auto* m : {email, find(msgs, MessageKind::confirmation, NotifyChannel::portal)}) {
      EXPECT_EQ(m->subject.find('{'), std::string::npos) << m->subject;
      EXPECT_EQ(m->body.find('{'), std::string::npos) << m->body;
    }
    // The portal shows the text itself; the calendar file is for e-mail.
    EXPECT_TRUE(find(msgs, MessageKind::confirmation, NotifyChannel::portal)->ics.empty());
  }
}

TEST(Texts, R_CHAN_3_MessagesCarryNoPersonalDataBeyondWhatTheyNeed) {
  Booking b = booking();
  b.request.notify.extra = {NotifyChannel::email, NotifyChannel::sms};
  for (const auto& m : composer().on_created(b, kStart - days{3})) {
    EXPECT_THAT(m.body, Not(HasSubstr("Иван"))) << to_string(m.kind);
    EXPECT_THAT(m.subject, Not(HasSubstr("Иван")));
    EXPECT_THAT(m.body, Not(HasSubstr("+79991234567")));
    EXPECT_THAT(m.body, Not(HasSubstr("ivan@example.org")));
  }
}

TEST(Texts, R_CHAN_3_SmsIsOneShortParagraphWithCodeAndLink) {
  Booking b = booking();
  b.request.notify.extra = {NotifyChannel::sms};
  for (Language lang : kAllLanguages) {
    b.request.language = lang;
    auto msgs = composer().on_created(b, kStart - days{3});
    for (const auto& m : msgs) {
      if (m.channel != NotifyChannel::sms) continue;
      EXPECT_TRUE(m.subject.empty());
      EXPECT_TRUE(m.ics.empty());
      EXPECT_EQ(m.body.find('\n'), std::string::npos) << m.body;
      EXPECT_THAT(m.body, HasSubstr("ABCDE-FGHJK"));
      EXPECT_THAT(m.body, HasSubstr("https://okno.example.ru/booking/"));
      EXPECT_THAT(m.body, HasSubstr("09:00"));
    }
  }
}

TEST(Texts, R_CHAN_4_ClosingMessageCarriesTheSurveyLink) {
  for (Language lang : kAllLanguages) {
    Booking b = booking(lang);
    b.request.notify.extra = {NotifyChannel::email, NotifyChannel::sms};
    auto msgs = composer().on_visit_finished(b, kStart + hours{1});
    ASSERT_EQ(msgs.size(), 3u);
    const std::string link = "https://okno.example.ru/survey/ABCDE-FGHJK?t=" +
                             link_secret("test-link-key", "ABCDE-FGHJK") +
                             "&lang=" + std::string(to_string(lang));
    for (const auto& m : msgs) {
      EXPECT_EQ(m.kind, MessageKind::visit_thanks);
      EXPECT_THAT(m.body, HasSubstr(link)) << to_string(lang);
      EXPECT_EQ(m.due_at, kStart + hours{1});
    }
  }
}

TEST(Texts, R_VISIT_6_CancellationNoticeOffersNoManageLink) {
  Booking b = booking();
  b.status = BookingStatus::cancelled;
  auto msgs = composer().on_cancelled(b, kStart - days{1});
  const auto* email = find(msgs, MessageKind::cancelled, NotifyChannel::email);
  ASSERT_NE(email, nullptr);
  EXPECT_THAT(email->body, Not(HasSubstr("https://okno.example.ru/booking/")));
  EXPECT_THAT(email->body, HasSubstr("отменена"));
}

TEST(Texts, R_VISIT_11_EveryNotificationKeyInAllSixLanguages) {
  std::vector<std::string> keys = {"notify.details", "notify.directions", "notify.manage",
                                   "notify.survey",  "notify.ics",        "notify.help"};
  for (const char* k : {"confirmation", "reminder_24h", "reminder_2h", "cancelled", "rescheduled",
                        "visit_thanks"}) {
    for (const char* part : {"notify.subject.", "notify.intro.", "notify.sms."}) {
      keys.push_back(std::string(part) + k);
    }
  }
  for (const auto& key : keys) {
    for (Language lang : kAllLanguages) {
      EXPECT_TRUE(catalog().has(lang, key)) << key << " in " << to_string(lang);
    }
  }
}

// ---- ids and retries ----

TEST(MessageIds, StableForTheSameLogicalMessageAndDistinctOtherwise) {
  const auto id = message_id("ABCDE-FGHJK", MessageKind::reminder_2h, 1, NotifyChannel::email);
  EXPECT_EQ(id, message_id("ABCDE-FGHJK", MessageKind::reminder_2h, 1, NotifyChannel::email));
  EXPECT_EQ(id.size(), 32u);
  EXPECT_NE(id, message_id("ABCDE-FGHJK", MessageKind::reminder_2h, 1, NotifyChannel::sms));
  EXPECT_NE(id, message_id("ABCDE-FGHJK", MessageKind::reminder_24h, 1, NotifyChannel::email));
  EXPECT_NE(id, message_id("ABCDE-FGHJK", MessageKind::reminder_2h, 2, NotifyChannel::email));
  EXPECT_NE(id, message_id("ABCDE-FGHJM", MessageKind::reminder_2h, 1, NotifyChannel::email));
  // One booking's messages share the first half (they cluster in the outbox's index, and the
  // store finds them by that range of it: sqlite_outbox.cpp's id_range).
  EXPECT_EQ(id.substr(0, 16), message_id_prefix("ABCDE-FGHJK"));
  EXPECT_EQ(
      id.substr(0, 16),
      message_id("ABCDE-FGHJK", MessageKind::confirmation, 3, NotifyChannel::sms).substr(0, 16));
  EXPECT_NE(message_id_prefix("ABCDE-FGHJK"), message_id_prefix("ABCDE-FGHJM"));
  for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
  EXPECT_NE(
      id.substr(0, 16),
      message_id("ABCDE-FGHJM", MessageKind::reminder_2h, 1, NotifyChannel::email).substr(0, 16));
  // Composing the same change twice gives the same ids (the outbox keeps one).
  auto a = composer().on_created(booking(), kStart - days{3});
  auto b = composer().on_created(booking(), kStart - days{3});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
}

TEST(Retry, ExponentialBackoffCappedAndStoppedByTheDeadline) {
  RetryPolicy p;
  p.initial = seconds{30};
  p.factor = 2;
  p.max_delay = minutes{10};
  EXPECT_EQ(p.delay_after(1), seconds{30});
  EXPECT_EQ(p.delay_after(2), seconds{60});
  EXPECT_EQ(p.delay_after(3), seconds{120});
  EXPECT_EQ(p.delay_after(6), seconds{600});  // 960 capped
  EXPECT_EQ(p.delay_after(40), seconds{600});
  const Seconds now = kStart - hours{1};
  EXPECT_EQ(p.next_attempt(1, now, kStart), now + seconds{30});
  // A retry that would land after the deadline is not made: the message fails.
  EXPECT_FALSE(p.next_attempt(1, kStart - seconds{10}, kStart).has_value());
}

TEST(Retry, R_VISIT_3_StatusNamesRoundTrip) {
  for (MessageKind k :
       {MessageKind::confirmation, MessageKind::reminder_24h, MessageKind::reminder_2h,
        MessageKind::cancelled, MessageKind::rescheduled, MessageKind::visit_thanks}) {
    EXPECT_EQ(parse_message_kind(to_string(k)), k);
  }
  for (OutboxStatus s :
       {OutboxStatus::pending, OutboxStatus::sent, OutboxStatus::failed, OutboxStatus::cancelled}) {
    EXPECT_EQ(parse_outbox_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_message_kind("reminder_1h").has_value());
}

}  // namespace
}  // namespace okno
