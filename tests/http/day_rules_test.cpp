// The day's rules against a real okno-server (issue 16, items 7, 9, 10), the clock moved through
// the test clock API: walk-in tickets refused at night and on a holiday with the right words in
// ru and en (R-VISIT-7, R-CHAN-3); check-in refused outside its window; cancel and reschedule
// refused after check-in and after the visit, the history saying served / no-show (R-VISIT-6,
// R-HIST-1); a booking 3 h ahead lists and alarms only the 2 h reminder, checked by libical
// (R-VISIT-3); refusals on a holiday, a Sunday and at night say why; the range limit is named.
#include <gtest/gtest.h>

#include "ical/itip_check.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;

namespace {

constexpr const char* kToken = "day-rules-token";

ServerProcessOptions options(const okno::testing::TempQueueConfig& config) {
  ServerProcessOptions o;  // fake now: Monday 30 November 2026, 09:00 in Moscow
  o.extra_args = {"--queue-config", config.file.string()};
  return o;
}

const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken,
                                         "X-Staff-Actor: reception.anna"};

class DayRules : public ::testing::Test {
 protected:
  okno::testing::TempQueueConfig config{kToken};
  ServerProcess server{options(config)};
  // Plays the office's registered kiosk (the kiosk channel needs its key, docs/security.md).
  HttpClient client{server.base_url(), {server.kiosk_header()}};

  void SetUp() override { ASSERT_TRUE(server.started()); }

  void set_clock(const std::string& iso) {
    ASSERT_EQ(client.post("/api/v1/_test/clock", json{{"now", iso}}.dump()).status, 200);
  }
  HttpResponse ticket(const std::string& lang) {
    return client.post("/api/v1/offices/demo/tickets?lang=" + lang,
                       json{{"service", "passport"}, {"language", lang}}.dump());
  }
  HttpResponse checkin(const std::string& code, const std::string& lang = "en") {
    return client.post("/api/v1/offices/demo/checkin?lang=" + lang, json{{"code", code}}.dump());
  }
  HttpResponse desk(const std::string& action) {
    return client.post("/api/v1/offices/demo/desks/1/" + action, "", kStaff);
  }
  std::string book(const std::string& start) {
    auto r = client.post("/api/v1/bookings", booking_body(start).dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("code", "");
  }
  HttpResponse cancel(const std::string& code) {
    return client.post("/api/v1/bookings/" + code + "/cancel?lang=en", R"({"channel":"web"})");
  }
  HttpResponse reschedule(const std::string& code, const std::string& start) {
    return client.post("/api/v1/bookings/" + code + "/reschedule?lang=en",
                       json{{"start", start}, {"channel", "web"}}.dump());
  }
  std::vector<std::string> history_kinds(const std::string& code) {
    std::vector<std::string> kinds;
    const json history = client.get("/api/v1/bookings/" + code + "/history").json();
    for (const auto& e : history["events"]) kinds.push_back(e["kind"]);
    return kinds;
  }
  static std::string message(const HttpResponse& r) {
    return r.json()["error"]["message"].get<std::string>();
  }
};

// --- Item 7 -------------------------------------------------------------------------------------

TEST_F(DayRules, R_VISIT_7_NoTicketAtNightTheMessageSaysWhenTheOfficeOpens) {
  set_clock("2026-12-02T21:44:00Z");  // Thursday 3 December, 00:44 in Moscow
  auto en = ticket("en");
  EXPECT_EQ(en.status, 409) << en.body;
  EXPECT_EQ(en.json()["error"]["code"], "office_closed");
  EXPECT_EQ(message(en),
            "The office is closed now. Tickets are given out only during opening hours. It opens "
            "today at 09:00.");
  auto ru = ticket("ru");
  EXPECT_EQ(ru.status, 409);
  EXPECT_EQ(
      message(ru),
      "Сейчас офис закрыт. Талоны выдаются только в часы работы. Офис откроется сегодня в 09:00.");
  set_clock("2026-12-02T23:15:00Z");  // 02:15
  EXPECT_EQ(ticket("en").status, 409);
  // Wednesday 2 December after closing (20:00): tomorrow, with the date.
  set_clock("2026-12-02T17:30:00Z");  // 20:30
  EXPECT_EQ(message(ticket("en")),
            "The office is closed now. Tickets are given out only during opening hours. It opens "
            "tomorrow, December 3, "
            "at 09:00.");
  EXPECT_EQ(message(ticket("ru")),
            "Сейчас офис закрыт. Талоны выдаются только в часы работы. Офис откроется завтра, 3 "
            "декабря, в 09:00.");
  // Nothing was numbered while closed: the first ticket of the day at 09:41 is A001.
  set_clock("2026-12-03T06:41:00Z");
  auto given = ticket("en");
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(given.json()["number"], "A001");
}

TEST_F(DayRules, R_VISIT_7_NoTicketOnAHolidayOrASundayAndTheMessageSaysWhy) {
  set_clock("2026-11-04T08:00:00Z");  // 4 November, 11:00: Day of National Unity
  auto en = ticket("en");
  EXPECT_EQ(en.status, 409) << en.body;
  EXPECT_EQ(message(en),
            "The office is closed on November 4, a public holiday. It opens tomorrow, November 5, "
            "at 09:00.");
  auto ru = ticket("ru");
  EXPECT_EQ(message(ru),
            "4 ноября офис закрыт — это нерабочий праздничный день. Офис откроется завтра, "
            "5 ноября, в 09:00.");
  set_clock("2026-12-06T09:00:00Z");  // Sunday 6 December, 12:00
  EXPECT_EQ(message(ticket("en")),
            "The office is closed on December 6: it is a day off. It opens tomorrow, December 7, "
            "at 09:00.");
  // Every language says something of its own, with the time.
  for (const char* lang : {"hy", "be", "kk", "ky"}) {
    auto r = ticket(lang);
    EXPECT_EQ(r.status, 409) << lang;
    EXPECT_NE(message(r).find("09:00"), std::string::npos) << lang << ": " << r.body;
    EXPECT_NE(message(r), message(ticket("en"))) << lang;
  }
}

TEST_F(DayRules, R_VISIT_7_CheckInRefusedOutsideItsWindow) {
  const std::string code = book("2026-12-01T09:00:00+03:00");  // Tuesday, open 09:00-18:00
  set_clock("2026-12-01T05:00:00Z");                           // 08:00: too early
  auto early = checkin(code);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.json()["error"]["code"], "too_early");
  EXPECT_EQ(message(early),
            "It is too early to check in for this booking. Check-in opens today at 08:45. Please "
            "come back then.");
  EXPECT_NE(message(checkin(code, "ru")).find("сегодня в 08:45"), std::string::npos);
  // The same day after closing: the late visitor would join the walk-in queue, but the office
  // is closed.
  set_clock("2026-12-01T15:30:00Z");  // 18:30
  auto closed = checkin(code);
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(closed.json()["error"]["code"], "office_closed");
  EXPECT_NE(message(closed).find("It opens tomorrow, December 2, at 09:00."), std::string::npos)
      << closed.body;
  // Inside the window: checked in.
  set_clock("2026-12-01T05:50:00Z");  // 08:50
  EXPECT_EQ(checkin(code).status, 200);
}

// --- Item 9 -------------------------------------------------------------------------------------

TEST_F(DayRules, R_VISIT_6_AfterCheckInTheBookingFollowsItsTicketAfterTheVisitItIsClosed) {
  const std::string code = book("2026-12-01T09:00:00+03:00");
  set_clock("2026-12-01T05:55:00Z");  // 08:55
  ASSERT_EQ(checkin(code).status, 200);
  auto moved = reschedule(code, "2026-12-02T10:00:00+03:00");
  EXPECT_EQ(moved.status, 409) << moved.body;
  EXPECT_EQ(moved.json()["error"]["code"], "booking_checked_in");
  EXPECT_NE(message(moved).find("today's queue"), std::string::npos) << moved.body;
  auto cancelled = cancel(code);
  EXPECT_EQ(cancelled.status, 409) << cancelled.body;
  EXPECT_EQ(cancelled.json()["error"]["code"], "booking_checked_in");
  EXPECT_EQ(client.get("/api/v1/bookings/" + code).json()["status"], "booked");

  set_clock("2026-12-01T06:00:00Z");
  ASSERT_EQ(desk("call-next").status, 200);
  ASSERT_EQ(desk("start").status, 200);
  ASSERT_EQ(desk("finish").status, 200);
  auto after = cancel(code);
  EXPECT_EQ(after.status, 409) << after.body;
  EXPECT_EQ(after.json()["error"]["code"], "booking_closed");
  EXPECT_EQ(reschedule(code, "2026-12-02T10:00:00+03:00").json()["error"]["code"],
            "booking_closed");
  EXPECT_EQ(checkin(code).json()["error"]["code"], "booking_closed");  // no reprint after
  EXPECT_EQ(history_kinds(code), (std::vector<std::string>{"booked", "checked_in", "served"}));
  auto events = client.get("/api/v1/bookings/" + code + "/history").json()["events"];
  EXPECT_EQ(events[2]["details"]["ticket"], "A001");
  EXPECT_EQ(events[2]["details"]["desk"], "1");
}

TEST_F(DayRules, R_HIST_1_ANoShowAtTheDeskAndADayWithoutCheckInAreRecorded) {
  const std::string called = book("2026-12-01T09:00:00+03:00");
  const std::string absent = book("2026-12-01T09:15:00+03:00");
  set_clock("2026-12-01T05:55:00Z");
  ASSERT_EQ(checkin(called).status, 200);
  set_clock("2026-12-01T06:00:00Z");
  ASSERT_EQ(desk("call-next").status, 200);
  ASSERT_EQ(desk("recall").status, 200);
  ASSERT_EQ(desk("recall").status, 200);
  ASSERT_EQ(desk("no-show").status, 200);
  EXPECT_EQ(history_kinds(called), (std::vector<std::string>{"booked", "checked_in", "no_show"}));
  EXPECT_EQ(cancel(called).json()["error"]["code"], "booking_closed");

  // The other one never came: still a live booking that evening, a no-show from midnight.
  set_clock("2026-12-01T20:59:59Z");  // 23:59:59 in Moscow
  EXPECT_EQ(history_kinds(absent), (std::vector<std::string>{"booked"}));
  set_clock("2026-12-01T21:00:00Z");  // midnight
  auto history = client.get("/api/v1/bookings/" + absent + "/history").json()["events"];
  ASSERT_EQ(history.size(), 2u) << history.dump();
  EXPECT_EQ(history[1]["kind"], "no_show");
  EXPECT_EQ(history[1]["at"], "2026-12-02T00:00:00+03:00");
  EXPECT_EQ(history[1]["details"]["checked_in"], false);
  auto late_cancel = cancel(absent);
  EXPECT_EQ(late_cancel.status, 409) << late_cancel.body;
  EXPECT_EQ(late_cancel.json()["error"]["code"], "booking_closed");
}

TEST_F(DayRules, R_VISIT_6_BeforeTheVisitCancelAndRescheduleStillWork) {
  const std::string code = book("2026-12-01T09:00:00+03:00");
  auto moved = reschedule(code, "2026-12-02T10:00:00+03:00");
  EXPECT_EQ(moved.status, 200) << moved.body;
  auto gone = cancel(code);
  EXPECT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(cancel(code).status, 200);  // twice: as it is
}

// --- Item 10 ------------------------------------------------------------------------------------

TEST_F(DayRules, R_VISIT_3_BookedThreeHoursAheadOnlyTheTwoHourReminderIsListedAndAlarmed) {
  // Now 09:00; the visit at 12:00: the 24 h reminder cannot be sent.
  auto r = client.post("/api/v1/bookings", booking_body("2026-11-30T12:00:00+03:00").dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["reminders"], json({"2h"}));
  const std::string code = r.json()["code"];
  EXPECT_EQ(client.get("/api/v1/bookings/" + code).json()["reminders"], json({"2h"}));
  auto ics = client.get("/api/v1/bookings/" + code + "/calendar.ics");
  ASSERT_EQ(ics.status, 200);
  EXPECT_TRUE(okno::testing::itip_problems(ics.body).empty()) << ics.body;
  EXPECT_EQ(okno::testing::alarm_triggers(ics.body), std::vector<std::string>{"-PT2H"}) << ics.body;
  // Booked the day before, both; moved to three hours after the move, only the 2 h one again.
  const std::string early = book("2026-12-01T12:00:00+03:00");
  EXPECT_EQ(
      okno::testing::alarm_triggers(client.get("/api/v1/bookings/" + early + "/calendar.ics").body),
      (std::vector<std::string>{"-PT24H", "-PT2H"}));
  auto moved = reschedule(early, "2026-11-30T12:15:00+03:00");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["reminders"], json({"2h"}));
  EXPECT_EQ(
      okno::testing::alarm_triggers(client.get("/api/v1/bookings/" + early + "/calendar.ics").body),
      std::vector<std::string>{"-PT2H"});
}

TEST_F(DayRules, R_CHAN_3_BookingOnAHolidayASundayOrAtNightSaysWhy) {
  set_clock("2026-10-20T06:00:00Z");
  auto holiday =
      client.post("/api/v1/bookings?lang=en", booking_body("2026-11-04T10:00:00+03:00").dump());
  EXPECT_EQ(holiday.status, 422) << holiday.body;
  EXPECT_EQ(holiday.json()["error"]["code"], "slot_not_offered");
  EXPECT_EQ(message(holiday),
            "The office is closed on November 4, a public holiday. This time cannot be booked. "
            "Please choose one of the free times.");
  auto ru =
      client.post("/api/v1/bookings?lang=ru", booking_body("2026-11-04T10:00:00+03:00").dump());
  EXPECT_EQ(message(ru).rfind("4 ноября офис закрыт — это нерабочий праздничный день.", 0), 0u)
      << ru.body;
  auto sunday =
      client.post("/api/v1/bookings?lang=en", booking_body("2026-11-01T10:00:00+03:00").dump());
  EXPECT_EQ(message(sunday).rfind("The office is closed on November 1: it is a day off.", 0), 0u)
      << sunday.body;
  auto night =
      client.post("/api/v1/bookings?lang=en", booking_body("2026-10-29T07:00:00+03:00").dump());
  EXPECT_EQ(message(night).rfind("On October 29 the office works from 09:00 to 18:00.", 0), 0u)
      << night.body;
  // A time inside the hours that is simply not a slot keeps the plain message.
  auto odd =
      client.post("/api/v1/bookings?lang=en", booking_body("2026-10-29T10:07:00+03:00").dump());
  EXPECT_EQ(message(odd), "This time cannot be booked. Please choose one of the free times.");
}

TEST_F(DayRules, R_CHAN_3_ARangeOverTheLimitSaysSoAndNamesTheLimit) {
  auto over = client.get(
      "/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2027-02-01&lang=en");
  EXPECT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(over.json()["error"]["code"], "range_too_long");
  EXPECT_EQ(message(over),
            "You can choose at most 62 days at a time. The period is too long. Please choose a "
            "shorter period.");
  auto ru = client.get(
      "/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2027-02-01&lang=ru");
  EXPECT_NE(message(ru).find("не больше 62 дней"), std::string::npos) << ru.body;
  auto backwards = client.get(
      "/api/v1/offices/demo/slots?service=passport&from=2026-12-05&to=2026-12-01&lang=en");
  EXPECT_EQ(backwards.json()["error"]["code"], "invalid_range");
}

}  // namespace
