// Period reports (core/reports.hpp, issue 16 item 5): periods, exact figures per desk and per
// employee, the feedback summary (R-FB-1, federal five), "no data" for an empty period, and the
// CSV bytes of both dialects.
#include "okno/reports.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

#include "okno/slots.hpp"

using namespace okno;
using namespace okno::reports;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return Date{year{y}, month{m}, day{d}};
}

Office moscow() {
  Office o;
  o.id = "demo";
  o.time_zone_name = "Europe/Moscow";
  o.zone = date::locate_zone("Europe/Moscow");
  Desk one;
  one.id = "1";
  one.name.set(Language::ru, "Окно 1");
  Desk two;
  two.id = "2";
  two.name.set(Language::ru, "Окно 2");
  o.desks = {one, two};
  return o;
}

// 2026-11-30 is a Monday; 07:00Z is 10:00 in Moscow.
const Seconds monday = sys_days{ymd(2026, 11, 30)} + hours{7};

queue::Ticket served(std::int64_t id, Date d, Seconds queued, minutes wait, minutes service,
                     std::string desk) {
  queue::Ticket t;
  t.id = id;
  t.day = d;
  t.number = static_cast<int>(id);
  t.service = t.origin_service = "passport";
  t.state = queue::TicketState::finished;
  t.issued_at = t.queued_at = queued;
  t.first_called_at = t.called_at = queued + wait;
  t.started_at = queued + wait;
  t.finished_at = queued + wait + service;
  t.desk = std::move(desk);
  return t;
}

}  // namespace

TEST(ReportPeriod, DayWeekMonthAndChosenDates) {
  const Date wed = ymd(2026, 12, 2);
  auto d = period_of("day", wed, {}, {});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->from, wed);
  EXPECT_EQ(d->to, wed);
  auto w = period_of("week", wed, {}, {});
  ASSERT_TRUE(w);
  EXPECT_EQ(w->from, ymd(2026, 11, 30));  // Monday
  EXPECT_EQ(w->to, ymd(2026, 12, 6));     // Sunday
  auto m = period_of("month", ymd(2027, 2, 14), {}, {});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->from, ymd(2027, 2, 1));
  EXPECT_EQ(m->to, ymd(2027, 2, 28));
  EXPECT_EQ(days_of(*m).size(), 28u);
  auto c = period_of("custom", wed, ymd(2026, 11, 1), ymd(2026, 11, 3));
  ASSERT_TRUE(c);
  EXPECT_EQ(days_of(*c).size(), 3u);
  EXPECT_EQ(period_of("custom", wed, ymd(2026, 11, 3), ymd(2026, 11, 1)).error().code,
            ErrorCode::invalid_range);
  EXPECT_EQ(period_of("custom", wed, ymd(2025, 1, 1), ymd(2026, 6, 1)).error().code,
            ErrorCode::invalid_range);
  EXPECT_EQ(period_of("custom", wed, ymd(2026, 11, 3), {}).error().code, ErrorCode::missing_field);
  EXPECT_EQ(period_of("year", wed, {}, {}).error().code, ErrorCode::invalid_value);
}

TEST(PeriodReport, ExactFiguresPerDayDeskAndEmployee) {
  const Office office = moscow();
  const Date mon = ymd(2026, 11, 30), tue = ymd(2026, 12, 1), next_mon = ymd(2026, 12, 7);
  ReportInput in;
  // Desk 1, anna: waits 4 and 20 minutes, services 10 and 20. Desk 2, boris: wait 10, service 6.
  in.tickets.push_back(served(1, mon, monday, minutes{4}, minutes{10}, "1"));
  in.tickets.push_back(served(2, mon, monday + hours{1}, minutes{20}, minutes{20}, "1"));
  in.tickets.push_back(served(3, tue, monday + days{1}, minutes{10}, minutes{6}, "2"));
  auto gone = served(4, tue, monday + days{1} + hours{2}, minutes{0}, minutes{0}, "2");
  gone.state = queue::TicketState::no_show;
  gone.started_at.reset();
  gone.first_called_at = gone.called_at = gone.queued_at + minutes{3};
  in.tickets.push_back(gone);
  // Outside the week: ignored.
  in.tickets.push_back(served(5, next_mon, monday + days{7}, minutes{1}, minutes{1}, "1"));
  in.employee_of = {{1, "anna"}, {2, "anna"}, {3, "boris"}, {4, "boris"}};
  in.employee_names = {{"anna", "Анна"}, {"boris", "Борис"}};
  in.open_minutes = 600;
  auto period = period_of("week", mon, {}, {});
  ASSERT_TRUE(period);
  const PeriodReport r = period_report(in, office, *period, Language::ru, monday + days{3});

  EXPECT_EQ(r.office.stats.tickets, 4);
  EXPECT_EQ(r.office.stats.served, 3);
  EXPECT_EQ(r.office.stats.no_shows, 1);
  EXPECT_DOUBLE_EQ(*r.office.avg_wait_min(), (4 + 20 + 10 + 3) / 4.0);
  EXPECT_DOUBLE_EQ(*r.office.avg_service_min(), 12.0);        // (10 + 20 + 6) / 3
  EXPECT_DOUBLE_EQ(*r.office.share_within_15(), 0.75);        // 20 minutes missed the standard
  EXPECT_EQ(r.office.share_booked_within_5(), std::nullopt);  // no booked visitor: no data

  ASSERT_EQ(r.by_day.size(), 7u);
  EXPECT_EQ(r.by_day[0].stats.key, "2026-11-30");
  EXPECT_EQ(r.by_day[0].stats.served, 2);
  EXPECT_EQ(r.by_day[1].stats.tickets, 2);
  EXPECT_EQ(r.by_day[2].stats.tickets, 0);
  EXPECT_EQ(r.by_day[2].share_within_15(), std::nullopt);
  EXPECT_EQ(r.by_day[2].avg_wait_min(), std::nullopt);

  ASSERT_EQ(r.by_desk.size(), 2u);
  EXPECT_EQ(r.by_desk[0].stats.key, "1");
  EXPECT_EQ(r.by_desk[0].name, "Окно 1");
  EXPECT_EQ(r.by_desk[0].stats.served, 2);
  EXPECT_DOUBLE_EQ(*r.by_desk[0].load(), 30.0 / 600);  // 10 + 20 minutes busy of 600 open
  EXPECT_DOUBLE_EQ(*r.by_desk[0].share_within_15(), 0.5);

  ASSERT_EQ(r.by_employee.size(), 2u);
  EXPECT_EQ(r.by_employee[0].stats.key, "anna");
  EXPECT_EQ(r.by_employee[0].name, "Анна");
  EXPECT_EQ(r.by_employee[0].stats.served, 2);
  EXPECT_EQ(r.by_employee[1].stats.key, "boris");
  EXPECT_EQ(r.by_employee[1].stats.served, 1);
  EXPECT_EQ(r.by_employee[1].stats.no_shows, 1);
  EXPECT_DOUBLE_EQ(*r.by_employee[1].avg_service_min(), 6.0);
}

TEST(PeriodReport, EmptyPeriodIsNoDataNeverHundredPercent) {
  const Office office = moscow();
  auto period = period_of("day", ymd(2026, 12, 2), {}, {});
  ASSERT_TRUE(period);
  const PeriodReport r = period_report({}, office, *period, Language::ru, monday);
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.office.share_within_15(), std::nullopt);
  EXPECT_EQ(r.office.share_booked_within_5(), std::nullopt);
  EXPECT_EQ(r.office.avg_wait_min(), std::nullopt);
  EXPECT_EQ(r.feedback.share_satisfied(), std::nullopt);
  EXPECT_EQ(r.feedback.share_got_answer(), std::nullopt);
  for (const auto& c : r.feedback.federal) EXPECT_EQ(c.average(), std::nullopt) << c.id;
  // In the CSV "no data" is an empty cell, not 100.
  const std::string csv = report_csv(r, office, plain_csv());
  EXPECT_NE(csv.find("office,,,0,0,0,0,0,,,,,\r\n"), std::string::npos) << csv;
}

TEST(PeriodReport, FeedbackTwoQuestionsFederalFiveAndComments) {
  const Office office = moscow();
  ReportInput in;
  auto fb = [&](Seconds at, std::optional<bool> answer, std::string sat,
                std::map<std::string, int> federal, std::string comment) {
    FeedbackEntry e;
    e.at = at;
    e.channel = "kiosk";
    e.ticket = "A001";
    e.got_answer = answer;
    e.satisfaction = std::move(sat);
    e.federal = std::move(federal);
    e.comment = std::move(comment);
    in.feedback.push_back(e);
  };
  fb(monday + hours{2}, false, "not_satisfied", {{"waiting", 1}}, "Долго ждал; очень");
  fb(monday + hours{1}, true, "satisfied", {{"waiting", 5}, {"staff", 5}}, "");
  fb(monday, true, "partly", {{"waiting", 3}}, "Всё \"хорошо\"");
  // 21:30 UTC on Monday is already Tuesday in Moscow: outside a Monday report.
  fb(sys_days{ymd(2026, 11, 30)} + hours{21} + minutes{30}, true, "satisfied", {}, "завтра");
  auto period = period_of("day", ymd(2026, 11, 30), {}, {});
  ASSERT_TRUE(period);
  const PeriodReport r = period_report(in, office, *period, Language::ru, monday + days{1});
  const FeedbackSummary& s = r.feedback;
  EXPECT_EQ(s.responses, 3);
  EXPECT_EQ(s.got_answer_yes, 2);
  EXPECT_EQ(s.got_answer_no, 1);
  EXPECT_DOUBLE_EQ(*s.share_got_answer(), 2.0 / 3);
  EXPECT_EQ(s.satisfied, 1);
  EXPECT_EQ(s.partly, 1);
  EXPECT_EQ(s.not_satisfied, 1);
  ASSERT_EQ(s.federal.size(), 5u);
  EXPECT_EQ(s.federal[1].id, "waiting");
  EXPECT_EQ(s.federal[1].count, 3);
  EXPECT_DOUBLE_EQ(*s.federal[1].average(), 3.0);
  EXPECT_DOUBLE_EQ(*s.federal[2].average(), 5.0);   // staff
  EXPECT_EQ(s.federal[0].average(), std::nullopt);  // time: nobody answered
  ASSERT_EQ(s.comments.size(), 2u);
  EXPECT_EQ(s.comments[0].comment, "Всё \"хорошо\"");  // by time
  EXPECT_EQ(s.comments[1].comment, "Долго ждал; очень");
}

TEST(ReportCsv, FieldsQuotedForTheirDialect) {
  const CsvDialect plain = plain_csv(), excel = excel_csv();
  EXPECT_EQ(csv_field("plain", plain), "plain");
  EXPECT_EQ(csv_field("a;b", plain), "a;b");
  EXPECT_EQ(csv_field("a;b", excel), "\"a;b\"");
  EXPECT_EQ(csv_field("a,b", plain), "\"a,b\"");
  EXPECT_EQ(csv_field("a,b", excel), "a,b");
  EXPECT_EQ(csv_field("say \"hi\"", plain), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\r\nlines", plain), "\"two\r\nlines\"");
  EXPECT_EQ(csv_field("=HYPERLINK(1)", excel), "'=HYPERLINK(1)");
  EXPECT_EQ(csv_field("=HYPERLINK(1)", plain), "=HYPERLINK(1)");
  EXPECT_EQ(csv_number(12.26, plain, 1), "12.3");
  EXPECT_EQ(csv_number(12.25, excel, 2), "12,25");
  EXPECT_EQ(csv_number(75.0, excel, 1), "75");
  EXPECT_EQ(csv_number(std::nullopt, excel, 1), "");
}

TEST(ReportCsv, ExcelFileStartsWithBomAndUsesSemicolons) {
  const Office office = moscow();
  ReportInput in;
  in.tickets.push_back(served(1, ymd(2026, 11, 30), monday, minutes{4}, minutes{10}, "1"));
  FeedbackEntry e;
  e.at = monday;
  e.channel = "kiosk";
  e.satisfaction = "partly";
  e.comment = "Долго; \"очень\"";
  in.feedback.push_back(e);
  auto period = period_of("day", ymd(2026, 11, 30), {}, {});
  ASSERT_TRUE(period);
  const PeriodReport r = period_report(in, office, *period, Language::ru, monday + hours{1});
  const std::string excel = report_csv(r, office, excel_csv());
  ASSERT_GE(excel.size(), 3u);
  EXPECT_EQ(excel.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(excel.substr(3, 20), "section;key;name;tic");
  EXPECT_NE(excel.find("office;;;1;1;0;0;0;4;10;100;;\r\n"), std::string::npos) << excel;
  EXPECT_NE(excel.find("2026-11-30T10:00:00+03:00;kiosk;;;partly;ru;\"Долго; \"\"очень\"\"\"\r\n"),
            std::string::npos)
      << excel;
  const std::string plain = report_csv(r, office, plain_csv());
  EXPECT_EQ(plain.substr(0, 8), "section,");
  EXPECT_NE(plain.find("satisfaction,partly,1,100,\r\n"), std::string::npos) << plain;
}

TEST(ReportPeriod, UtcBoundsAreTheOfficesLocalMidnights) {
  const Office office = moscow();
  auto [begin, end] = utc_bounds(office, Period{ymd(2026, 11, 30), ymd(2026, 12, 1)});
  EXPECT_EQ(format_local_iso(office, begin), "2026-11-30T00:00:00+03:00");
  EXPECT_EQ(end - begin, hours{48});
}
