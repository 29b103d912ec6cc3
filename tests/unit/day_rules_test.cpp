// The day's rules (issue 16, items 7, 9, 10): open or closed at an instant by Office::hours_on
// and the words that say why and when it opens (R-VISIT-7, R-CHAN-3); walk-in tickets and
// check-in only while open; what a booking may do after check-in and after the visit (R-VISIT-6,
// R-HIST-1); reminders that can no longer be sent are not in force (R-VISIT-3). The demo office
// and the real 2026 production calendar, the clock moved by hand.
#include "okno/day_rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "demo_data.hpp"
#include "okno/ics.hpp"
#include "okno/notifications.hpp"
#include "okno/opening.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::Not;

using test_data::calendar;
using test_data::catalog;
using test_data::demo_offices;

const Office& demo() {
  return *demo_offices().find("demo");
}

// Moscow is UTC+3 all year.
Seconds msk(const char* local_iso) {
  return *parse_iso_instant(std::string(local_iso) + "+03:00");
}

std::string words(const Error& e, Language lang) {
  return e.words ? e.words(catalog(), lang) : catalog().error_message(lang, e.code);
}

// --- Item 7: open or closed, and when it opens -------------------------------------------------

TEST(Opening, R_VISIT_7_NightBeforeOpeningSaysItOpensTodayAt0900) {
  // Thursday 3 December 2026, 00:44.
  const Seconds now = msk("2026-12-03T00:44:00");
  auto notice = closed_at(demo(), calendar(), now);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->reason, ClosedReason::before_opening);
  ASSERT_TRUE(notice->next_opening);
  EXPECT_EQ(*notice->next_opening, msk("2026-12-03T09:00:00"));
  EXPECT_EQ(closed_now_text(demo(), *notice, catalog(), Language::en, now),
            "The office is closed now. Tickets are given out only during opening hours. It opens "
            "today at 09:00.");
  EXPECT_EQ(
      closed_now_text(demo(), *notice, catalog(), Language::ru, now),
      "Сейчас офис закрыт. Талоны выдаются только в часы работы. Офис откроется сегодня в 09:00.");
}

TEST(Opening, R_VISIT_7_AfterClosingSaysTomorrowWithTheDate) {
  // Wednesday 2 December 2026 closes at 20:00; at 22:15 it opens tomorrow, 3 December.
  const Seconds now = msk("2026-12-02T22:15:00");
  auto notice = closed_at(demo(), calendar(), now);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->reason, ClosedReason::after_closing);
  EXPECT_EQ(opens_text(demo(), *notice, catalog(), Language::en, now),
            "It opens tomorrow, December 3, at 09:00.");
  EXPECT_EQ(opens_text(demo(), *notice, catalog(), Language::ru, now),
            "Офис откроется завтра, 3 декабря, в 09:00.");
}

TEST(Opening, R_VISIT_7_PublicHolidaySaysSoAndWhenItOpens) {
  // 4 November 2026 (Wednesday): Day of National Unity.
  const Seconds now = msk("2026-11-04T11:00:00");
  auto notice = closed_at(demo(), calendar(), now);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->reason, ClosedReason::holiday);
  EXPECT_EQ(closed_now_text(demo(), *notice, catalog(), Language::en, now),
            "The office is closed on November 4, a public holiday. It opens tomorrow, November 5, "
            "at 09:00.");
  EXPECT_EQ(closed_now_text(demo(), *notice, catalog(), Language::ru, now),
            "4 ноября офис закрыт — это нерабочий праздничный день. Офис откроется завтра, "
            "5 ноября, в 09:00.");
}

TEST(Opening, R_VISIT_7_SundayIsADayOffAndSaturdayEveningOpensMonday) {
  const Seconds sunday = msk("2026-12-06T12:00:00");
  auto notice = closed_at(demo(), calendar(), sunday);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->reason, ClosedReason::day_off);
  EXPECT_EQ(closed_reason_text(*notice, catalog(), Language::en),
            "The office is closed on December 6: it is a day off.");
  // Saturday 5 December closes at 14:00; Sunday is closed: Monday, two days on, names its day.
  const Seconds saturday = msk("2026-12-05T15:00:00");
  auto sat = closed_at(demo(), calendar(), saturday);
  ASSERT_TRUE(sat);
  EXPECT_EQ(opens_text(demo(), *sat, catalog(), Language::en, saturday),
            "It opens on Monday, December 7, at 09:00.");
  EXPECT_THAT(opens_text(demo(), *sat, catalog(), Language::ru, saturday),
              HasSubstr("понедельник, 7 декабря"));
}

TEST(Opening, R_VISIT_7_ATransferredDayOffIsADayOffNotAHoliday) {
  // 9 January 2026 (Friday): the day off moved from Saturday 3 January by decree.
  auto notice = closed_at(demo(), calendar(), msk("2026-01-09T11:00:00"));
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->reason, ClosedReason::day_off);
  // 1 January is a holiday; the first opening after the New Year holidays is the demo office's
  // ordinary Saturday, 10 January, at 10:00.
  auto jan1 = closed_at(demo(), calendar(), msk("2026-01-01T11:00:00"));
  ASSERT_TRUE(jan1);
  EXPECT_EQ(jan1->reason, ClosedReason::holiday);
  ASSERT_TRUE(jan1->next_opening);
  EXPECT_EQ(*jan1->next_opening, msk("2026-01-10T10:00:00"));
}

TEST(Opening, R_VISIT_7_OpenDuringHoursAndBreaksClosedAtClosingTime) {
  EXPECT_FALSE(closed_at(demo(), calendar(), msk("2026-12-02T09:00:00")));
  EXPECT_FALSE(closed_at(demo(), calendar(), msk("2026-12-02T13:20:00")));  // lunch break
  EXPECT_FALSE(closed_at(demo(), calendar(), msk("2026-12-02T19:59:00")));
  EXPECT_TRUE(closed_at(demo(), calendar(), msk("2026-12-02T20:00:00")));
  EXPECT_TRUE(closed_at(demo(), calendar(), msk("2026-12-02T08:59:00")));
}

TEST(Opening, R_VISIT_7_EveryLanguageHasItsWords) {
  const Seconds now = msk("2026-11-04T02:15:00");
  auto notice = closed_at(demo(), calendar(), now);
  ASSERT_TRUE(notice);
  for (Language lang : kAllLanguages) {
    const std::string text = closed_now_text(demo(), *notice, catalog(), lang, now);
    EXPECT_THAT(text, HasSubstr("09:00")) << to_string(lang);
    EXPECT_THAT(text, Not(HasSubstr("{"))) << to_string(lang);
  }
}

TEST(WalkIn, R_VISIT_7_RefusedAtNightAndOnAHolidayGivenWhileOpen) {
  auto night = may_issue_walk_in(demo(), calendar(), msk("2026-12-03T00:44:00"));
  ASSERT_FALSE(night);
  EXPECT_EQ(night.error().code, ErrorCode::office_closed);
  EXPECT_EQ(http_status(night.error().code), 409);
  EXPECT_EQ(words(night.error(), Language::en),
            "The office is closed now. Tickets are given out only during opening hours. It opens "
            "today at 09:00.");
  auto holiday = may_issue_walk_in(demo(), calendar(), msk("2026-11-04T10:00:00"));
  ASSERT_FALSE(holiday);
  EXPECT_THAT(words(holiday.error(), Language::en), HasSubstr("November 4, a public holiday"));
  EXPECT_TRUE(may_issue_walk_in(demo(), calendar(), msk("2026-12-03T09:41:00")));
}

// --- Item 7: check-in window ---------------------------------------------------------------

TEST(Checkin, R_VISIT_7_WindowAroundTheBookedTimeAndLateOnlyWhileOpen) {
  const queue::QueuePolicy policy;                   // 15 min early, 10 min late
  const Seconds start = msk("2026-12-02T19:30:00");  // Wednesday, closes 20:00
  using V = queue::CheckinVerdict;
  EXPECT_EQ(*checkin_decision(demo(), calendar(), start, msk("2026-12-02T19:15:00"), policy),
            V::on_time);
  EXPECT_EQ(*checkin_decision(demo(), calendar(), start, msk("2026-12-02T19:40:00"), policy),
            V::on_time);
  EXPECT_EQ(*checkin_decision(demo(), calendar(), start, msk("2026-12-02T19:50:00"), policy),
            V::late_walk_in);
  auto after_close =
      checkin_decision(demo(), calendar(), start, msk("2026-12-02T20:05:00"), policy);
  ASSERT_FALSE(after_close);
  EXPECT_EQ(after_close.error().code, ErrorCode::office_closed);
  EXPECT_THAT(words(after_close.error(), Language::en),
              HasSubstr("It opens tomorrow, December 3, at 09:00."));
  auto next_day = checkin_decision(demo(), calendar(), start, msk("2026-12-03T10:00:00"), policy);
  ASSERT_FALSE(next_day);
  EXPECT_EQ(next_day.error().code, ErrorCode::too_late);
}

TEST(Checkin, R_VISIT_7_TooEarlySaysWhenCheckInOpens) {
  const queue::QueuePolicy policy;
  const Seconds start = msk("2026-12-03T09:40:00");
  auto early = checkin_decision(demo(), calendar(), start, msk("2026-12-03T08:00:00"), policy);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::too_early);
  EXPECT_EQ(words(early.error(), Language::en),
            "It is too early to check in for this booking. Check-in opens today at 09:25. Please "
            "come back then.");
  EXPECT_THAT(words(early.error(), Language::ru), HasSubstr("сегодня в 09:25"));
  auto day_before = checkin_decision(demo(), calendar(), start, msk("2026-12-02T11:00:00"), policy);
  ASSERT_FALSE(day_before);
  EXPECT_EQ(words(day_before.error(), Language::en),
            "It is too early to check in: your booking is for another day. You can check in on "
            "Thursday, December 3, from 09:25.");
}

// --- Item 9: the booking follows its ticket, and closes after the visit ------------------------

Booking booking_at(Seconds start) {
  Booking b;
  b.code = "ABCDE-FGHJK";
  b.request.office_id = "demo";
  b.request.service_id = "passport";
  b.request.start = start;
  b.request.reminders = {Reminder::before_24h, Reminder::before_2h};
  b.end = start + minutes{15};
  b.created_at = b.updated_at = start - days{3};
  return b;
}

queue::Ticket ticket_in(queue::TicketState s) {
  queue::Ticket t;
  t.booking_code = "ABCDE-FGHJK";
  t.kind = queue::TicketKind::booked;
  t.state = s;
  return t;
}

TEST(Visit, R_HIST_1_StateFollowsTheTicket) {
  const Booking b = booking_at(msk("2026-12-03T09:40:00"));
  const Seconds during = msk("2026-12-03T09:45:00");
  using S = queue::TicketState;
  EXPECT_EQ(visit_state(demo(), b, std::nullopt, during), VisitState::not_checked_in);
  for (S s : {S::waiting, S::called, S::serving, S::on_hold})
    EXPECT_EQ(visit_state(demo(), b, ticket_in(s), during), VisitState::checked_in);
  EXPECT_EQ(visit_state(demo(), b, ticket_in(S::finished), during), VisitState::served);
  EXPECT_EQ(visit_state(demo(), b, ticket_in(S::no_show), during), VisitState::no_show);
  EXPECT_EQ(visit_state(demo(), b, ticket_in(S::cancelled), during), VisitState::ticket_cancelled);
}

TEST(Visit, R_HIST_1_NoCheckInByTheOfficesMidnightIsANoShow) {
  const Booking b = booking_at(msk("2026-12-03T09:40:00"));
  EXPECT_EQ(no_show_at(demo(), b), msk("2026-12-04T00:00:00"));
  EXPECT_EQ(visit_state(demo(), b, std::nullopt, msk("2026-12-03T23:59:59")),
            VisitState::not_checked_in);
  EXPECT_EQ(visit_state(demo(), b, std::nullopt, msk("2026-12-04T00:00:00")), VisitState::no_show);
  Booking cancelled = b;
  cancelled.status = BookingStatus::cancelled;
  EXPECT_EQ(visit_state(demo(), cancelled, std::nullopt, msk("2026-12-05T00:00:00")),
            VisitState::not_checked_in);
}

TEST(Visit, R_VISIT_6_ChangesRefusedAfterCheckInAndAfterTheVisit) {
  EXPECT_TRUE(may_change_booking(VisitState::not_checked_in));
  auto checked_in = may_change_booking(VisitState::checked_in);
  ASSERT_FALSE(checked_in);
  EXPECT_EQ(checked_in.error().code, ErrorCode::booking_checked_in);
  EXPECT_EQ(http_status(checked_in.error().code), 409);
  for (VisitState s : {VisitState::served, VisitState::no_show, VisitState::ticket_cancelled}) {
    auto closed = may_change_booking(s);
    ASSERT_FALSE(closed) << to_string(s);
    EXPECT_EQ(closed.error().code, ErrorCode::booking_closed);
    EXPECT_EQ(http_status(closed.error().code), 409);
  }
}

// --- Item 10: reminders that can no longer be sent -------------------------------------------

TEST(Reminders, R_VISIT_3_BookedThreeHoursAheadOnlyTheTwoHourOne) {
  const Seconds start = msk("2026-12-03T12:00:00");
  Booking b = booking_at(start);
  b.created_at = b.updated_at = start - hours{3};
  EXPECT_EQ(reminders_in_force(b), std::set<Reminder>{Reminder::before_2h});
  b.created_at = b.updated_at = start - minutes{90};
  EXPECT_TRUE(reminders_in_force(b).empty());
  b.created_at = b.updated_at = start - days{2};
  EXPECT_EQ(reminders_in_force(b), (std::set<Reminder>{Reminder::before_24h, Reminder::before_2h}));
  // Rescheduled (updated_at) to a time three hours after the move: only the 2 h one again.
  b.updated_at = start - hours{3};
  EXPECT_EQ(reminders_in_force(b), std::set<Reminder>{Reminder::before_2h});
}

TEST(Reminders, R_VISIT_3_TheIcsHasOnlyTheAlarmsInForce) {
  const Seconds start = msk("2026-12-03T12:00:00");
  Booking b = booking_at(start);
  b.created_at = b.updated_at = start - hours{3};
  const Office& office = demo();
  Booking full = b;
  full.created_at = full.updated_at = start - days{2};
  const auto texts = ics_texts(b, office, *office.find_service("passport"), catalog());
  const std::string one = booking_to_ics(b, texts);
  const std::string two = booking_to_ics(full, texts);
  auto count = [](const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(one, "BEGIN:VALARM"), 1u);
  EXPECT_THAT(one, HasSubstr("TRIGGER:-PT2H"));
  EXPECT_THAT(one, Not(HasSubstr("TRIGGER:-PT24H")));
  EXPECT_EQ(count(two, "BEGIN:VALARM"), 2u);
}

TEST(Reminders, R_VISIT_3_OnlyTheRemindersInForceAreQueued) {
  const Seconds start = msk("2026-12-03T12:00:00");
  Booking b = booking_at(start);
  b.created_at = b.updated_at = start - hours{3};
  b.request.client = {"Иван Петров", "+79991234567", "ivan@example.org"};
  b.request.notify.mandatory = NotifyChannel::email;
  NotificationComposer composer(demo_offices(), catalog(), {}, {});
  const auto messages = composer.on_created(b, b.created_at);
  int reminders_2h = 0, reminders_24h = 0;
  for (const auto& m : messages) {
    reminders_2h += m.kind == MessageKind::reminder_2h;
    reminders_24h += m.kind == MessageKind::reminder_24h;
  }
  EXPECT_EQ(reminders_2h, 1);
  EXPECT_EQ(reminders_24h, 0);
}

// --- Item 10: refusals say why ------------------------------------------------------------------

TEST(Refusals, R_CHAN_3_BookingAHolidayOrNightSaysWhy) {
  auto holiday = closed_at(demo(), calendar(), msk("2026-11-04T10:00:00"));
  ASSERT_TRUE(holiday);
  EXPECT_EQ(closed_reason_text(*holiday, catalog(), Language::en),
            "The office is closed on November 4, a public holiday.");
  auto night = closed_at(demo(), calendar(), msk("2026-12-03T07:00:00"));
  ASSERT_TRUE(night);
  EXPECT_EQ(closed_reason_text(*night, catalog(), Language::en),
            "On December 3 the office works from 09:00 to 18:00.");
  EXPECT_EQ(closed_reason_text(*night, catalog(), Language::ru),
            "3 декабря офис работает с 09:00 до 18:00.");
}

}  // namespace
}  // namespace okno
