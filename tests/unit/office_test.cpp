// Reading the administrator's office configuration (TOML): the demo file, hours on special
// days (R-TIME-1, R-VISIT-7), and clear errors for broken configuration.
#include "okno/office.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "okno/source_root.hpp"

#include <cstdio>
#include <string>

namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

constexpr okno::Date d(int y, unsigned m, unsigned day) {
  return okno::Date{year{y}, month{m}, std::chrono::day{day}};
}

TEST(Offices, DemoConfigurationLoadsInAllSixLanguages) {
  auto dir = okno::load_offices_file(OKNO_SOURCE_ROOT "/assets/offices/demo.toml");
  ASSERT_TRUE(dir.has_value()) << dir.error().detail;
  const auto* demo = dir->find("demo");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(demo->time_zone_name, "Europe/Moscow");
  EXPECT_EQ(demo->email, "tverskaya@okno.example");
  EXPECT_EQ(demo->services.size(), 2u);
  EXPECT_EQ(demo->desks.size(), 3u);
  EXPECT_TRUE(demo->federal_survey);  // R-VISIT-13: the demo shows the federal five
  for (auto lang : okno::kAllLanguages) {
    // R-VISIT-11: every text exists in every language, not only through the Russian fallback.
    for (const auto* text :
         {&demo->name, &demo->short_name, &demo->address, &demo->directions.transit,
          &demo->directions.entrance, &demo->directions.floor, &demo->services[0].name}) {
      EXPECT_FALSE(text->by_language[static_cast<size_t>(lang)].empty()) << okno::to_string(lang);
    }
  }
  const auto& passport = *demo->find_service("passport");
  EXPECT_EQ(passport.places_per_slot, 2);
  EXPECT_EQ(passport.duration, minutes{15});
  EXPECT_EQ(passport.ticket_letter, 'A');
  EXPECT_EQ(demo->find_service("nothing"), nullptr);
}

TEST(Offices, R_TIME_1_HoursOnSpecialDays) {
  auto dir = okno::load_offices_file(OKNO_SOURCE_ROOT "/assets/offices/demo.toml");
  ASSERT_TRUE(dir.has_value());
  auto cal = okno::ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
  ASSERT_TRUE(cal.has_value());
  const auto& demo = *dir->find("demo");
  // Ordinary Tuesday: 09:00-18:00 with the common break.
  auto tue = demo.hours_on(d(2026, 12, 1), *cal);
  ASSERT_TRUE(tue.open.has_value());
  EXPECT_EQ(tue.open->end, hours{18});
  ASSERT_EQ(tue.breaks.size(), 1u);
  // 30 April 2026, Thursday before 1 May: one hour shorter.
  auto apr30 = demo.hours_on(d(2026, 4, 30), *cal);
  ASSERT_TRUE(apr30.open.has_value());
  EXPECT_EQ(apr30.open->end, hours{17});
  // 1 May and 9 January are days off.
  EXPECT_FALSE(demo.hours_on(d(2026, 5, 1), *cal).open.has_value());
  EXPECT_FALSE(demo.hours_on(d(2026, 1, 9), *cal).open.has_value());
  // Saturday 1 November 2025 was a decreed working Saturday, worked instead of Monday
  // 3 November (the day off moved there from it), and shortened: Monday's hours minus 1 h.
  auto nov1 = demo.hours_on(d(2025, 11, 1), *cal);
  ASSERT_TRUE(nov1.open.has_value());
  EXPECT_EQ(nov1.open->begin, hours{9});
  EXPECT_EQ(nov1.open->end, hours{17});
  // An ordinary Saturday follows the demo office's own Saturday hours, 10:00-14:00; Sunday,
  // which it does not open, stays closed.
  auto sat = demo.hours_on(d(2026, 12, 5), *cal);
  ASSERT_TRUE(sat.open.has_value());
  EXPECT_EQ(sat.open->begin, hours{10});
  EXPECT_EQ(sat.open->end, hours{14});
  EXPECT_FALSE(demo.hours_on(d(2026, 12, 6), *cal).open.has_value());
  // A public holiday on a Saturday closes it whatever the hours say: 12 June 2027.
  EXPECT_FALSE(demo.hours_on(d(2027, 6, 12), *cal).open.has_value());
  // The deadline counting is untouched: an ordinary Saturday is no working day (R-TIME-1).
  EXPECT_FALSE(cal->is_working_day(d(2026, 12, 5)));
}

// One year of calendar exceptions for the combination tests below (2031 is not shipped).
// March 2031: Sat 1 ordinary; Fri 7 shortened; Sat 8 holiday, its day off moved to Mon 10;
// Sat 15 decreed working day instead of Mon 17 (day off moved there from it); Sat 22 shortened
// and working instead of Mon 24; Sun 23 a holiday.
okno::ProductionCalendar combination_calendar() {
  okno::ProductionCalendar cal;
  auto added = cal.add_year_toml(R"(year = 2031
provisional = false
source = "test"

[[day]]
date = 2031-03-07
type = "shortened"

[[day]]
date = 2031-03-08
type = "day_off"
note = "Международный женский день"

[[day]]
date = 2031-03-10
type = "day_off"
moved_from = 2031-03-08

[[day]]
date = 2031-03-15
type = "working_weekend"

[[day]]
date = 2031-03-17
type = "day_off"
moved_from = 2031-03-15

[[day]]
date = 2031-03-22
type = "shortened"

[[day]]
date = 2031-03-23
type = "day_off"

[[day]]
date = 2031-03-24
type = "day_off"
moved_from = 2031-03-22
)",
                                 "ru-2031.toml");
  EXPECT_TRUE(added.has_value()) << added.error().detail;
  return cal;
}

// An office in Moscow named `id` with the given [office.hours] lines.
std::string office_toml(const std::string& id, const std::string& hours) {
  return "[[office]]\nid = \"" + id +
         "\"\nname = {ru = \"a\"}\nshort_name = {ru = \"a\"}\naddress = {ru = \"a\"}\n"
         "email = \"office@okno.example\"\n"
         "time_zone = \"Europe/Moscow\"\n[office.hours]\n" +
         hours;
}

// Two offices alike on weekdays (Mon 08:00-17:00, Tue-Thu 09:00-18:00, Fri 09:00-16:00, break
// 13:00-14:00); "sat" also opens Saturdays 10:00-15:00 and Sundays 11:00-13:00.
okno::OfficeDirectory combination_offices() {
  const std::string weekdays =
      "mon = \"08:00-17:00\"\ntue = \"09:00-18:00\"\nwed = \"09:00-18:00\"\n"
      "thu = \"09:00-18:00\"\nfri = \"09:00-16:00\"\n";
  const std::string breaks = "breaks = [\"13:00-14:00\"]\n";
  auto dir = okno::parse_offices_toml(
      office_toml("weekdays", weekdays + breaks) +
          office_toml("sat", weekdays + "sat = \"10:00-15:00\"\nsun = \"11:00-13:00\"\n" + breaks),
      "offices.toml");
  EXPECT_TRUE(dir.has_value()) << dir.error().detail;
  return dir ? *std::move(dir) : okno::OfficeDirectory{};
}

// "HH:MM-HH:MM" of a day's hours, "closed" when closed: failures read like the office file.
std::string shown(const okno::DayHours& h) {
  if (!h.open) return "closed";
  auto hhmm = [](minutes m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                  static_cast<int>(m.count() % 60));
    return std::string(buf);
  };
  std::string out = hhmm(h.open->begin) + "-" + hhmm(h.open->end);
  for (const auto& b : h.breaks) out += " break " + hhmm(b.begin) + "-" + hhmm(b.end);
  return out;
}

TEST(Offices, R_VISIT_7_HoursForEveryCombinationOfWeekendHoursAndCalendarDay) {
  const auto cal = combination_calendar();
  const auto dir = combination_offices();
  ASSERT_EQ(dir.offices.size(), 2u);
  const auto& weekdays = *dir.find("weekdays");
  const auto& sat = *dir.find("sat");
  struct Case {
    okno::Date day;
    const char* what;
    const char* weekdays_office;
    const char* sat_office;
  };
  const Case cases[] = {
      {d(2031, 3, 1), "ordinary Saturday", "closed", "10:00-15:00 break 13:00-14:00"},
      {d(2031, 3, 2), "ordinary Sunday", "closed", "11:00-13:00"},
      {d(2031, 3, 8), "public holiday on a Saturday", "closed", "closed"},
      {d(2031, 3, 23), "public holiday on a Sunday", "closed", "closed"},
      {d(2031, 3, 10), "weekday off moved from the holiday (art. 112)", "closed", "closed"},
      {d(2031, 3, 17), "weekday off moved by decree", "closed", "closed"},
      {d(2031, 3, 15), "decreed working Saturday, instead of Monday 17",
       "08:00-17:00 break 13:00-14:00", "08:00-17:00 break 13:00-14:00"},
      {d(2031, 3, 22), "shortened working Saturday, instead of Monday 24",
       "08:00-16:00 break 13:00-14:00", "08:00-16:00 break 13:00-14:00"},
      {d(2031, 3, 7), "shortened Friday", "09:00-15:00 break 13:00-14:00",
       "09:00-15:00 break 13:00-14:00"},
      {d(2031, 3, 4), "ordinary Tuesday", "09:00-18:00 break 13:00-14:00",
       "09:00-18:00 break 13:00-14:00"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(shown(weekdays.hours_on(c.day, cal)), c.weekdays_office) << c.what;
    EXPECT_EQ(shown(sat.hours_on(c.day, cal)), c.sat_office) << c.what;
  }
  // Deadlines count production-calendar working days only (R-TIME-1): the Saturday the
  // office opens is not one, the decreed working Saturday is, the moved days off are not.
  EXPECT_FALSE(cal.is_working_day(d(2031, 3, 1)));
  EXPECT_TRUE(cal.is_working_day(d(2031, 3, 15)));
  EXPECT_TRUE(cal.is_working_day(d(2031, 3, 22)));
  EXPECT_FALSE(cal.is_working_day(d(2031, 3, 17)));
  // Fri 28 Feb + 1 working day is Mon 3 Mar, not the Saturday the "sat" office opens.
  EXPECT_EQ(cal.add_working_days(d(2031, 2, 28), 1), d(2031, 3, 3));
}

TEST(Offices, R_VISIT_7_DecreedWorkingWeekendKeepsOwnHoursWhenClosedOnTheReplacedWeekday) {
  // An office closed on Mondays: the decree moving Monday's work to Saturday changes nothing
  // for it, its Saturday stays its own; without any Saturday hours it stays closed.
  auto dir = okno::parse_offices_toml(
      office_toml("tue-sat", "tue = \"09:00-18:00\"\nsat = \"10:00-15:00\"\n") +
          office_toml("tue-only", "tue = \"09:00-18:00\"\n"),
      "offices.toml");
  ASSERT_TRUE(dir.has_value()) << dir.error().detail;
  const auto cal = combination_calendar();
  EXPECT_EQ(shown(dir->find("tue-sat")->hours_on(d(2031, 3, 15), cal)), "10:00-15:00");
  EXPECT_EQ(shown(dir->find("tue-sat")->hours_on(d(2031, 3, 22), cal)), "10:00-14:00");
  EXPECT_EQ(shown(dir->find("tue-only")->hours_on(d(2031, 3, 15), cal)), "closed");
}

TEST(Offices, R_VISIT_7_DecreedWorkingWeekendWithoutAMovedDayGetsFridayHours) {
  okno::ProductionCalendar cal;
  ASSERT_TRUE(cal.add_year_toml("year = 2031\nprovisional = false\nsource = \"t\"\n[[day]]\n"
                                "date = 2031-03-15\ntype = \"working_weekend\"\n",
                                "ru-2031.toml")
                  .has_value());
  const auto dir = combination_offices();
  EXPECT_EQ(shown(dir.find("sat")->hours_on(d(2031, 3, 15), cal)), "09:00-16:00 break 13:00-14:00");
}

TEST(Offices, BrokenConfigurationIsAClearError) {
  struct Case {
    const char* toml;
    const char* expect;
  };
  const Case cases[] = {
      {"[[office]]\nid = \"x\"\n", "name is missing"},
      {"[[office]]\nid = \"x\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\naddress = {ru=\"a\"}\n"
       "time_zone = \"Mars/Olympus\"\n[office.hours]\nmon = \"09:00-18:00\"\n",
       "unknown time zone"},
      {"[[office]]\nid = \"x\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\naddress = {ru=\"a\"}\n"
       "time_zone = \"Europe/Moscow\"\n[office.hours]\nmon = \"18:00-09:00\"\n",
       "not like 09:00-18:00"},
      {"[[office]]\nid = \"x\"\nname = {ru=\"a\", de=\"b\"}\n", "unknown language"},
      {"[[office]]\nid = \"x\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\naddress = {ru=\"a\"}\n"
       "time_zone = \"Europe/Moscow\"\n[office.hours]\nmon = \"09:00-18:00\"\n"
       "[[office.service]]\nid = \"s\"\nname = {ru=\"a\"}\nplaces = 0\n",
       "places must be"},
      // The office's e-mail is the ORGANIZER of its calendar files (RFC 5546): required, ASCII.
      {"[[office]]\nid = \"x\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\naddress = {ru=\"a\"}\n"
       "time_zone = \"Europe/Moscow\"\n[office.hours]\nmon = \"09:00-18:00\"\n",
       "email is missing"},
      {"[[office]]\nid = \"x\"\nemail = \"офис@почта.рф\"\nname = {ru=\"a\"}\nshort_name = "
       "{ru=\"a\"}\n"
       "address = {ru=\"a\"}\ntime_zone = \"Europe/Moscow\"\n[office.hours]\nmon = "
       "\"09:00-18:00\"\n",
       "not an ASCII e-mail address"},
      {"[[office]]\nid = \"x\"\nemail = \"office\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\n"
       "address = {ru=\"a\"}\ntime_zone = \"Europe/Moscow\"\n[office.hours]\nmon = "
       "\"09:00-18:00\"\n",
       "not an ASCII e-mail address"},
      {"[[office]]\nid = \"x\"\nemail = \"o@x.ru\"\nname = {ru=\"a\"}\nshort_name = {ru=\"a\"}\n"
       "address = {ru=\"a\"}\ntime_zone = \"Europe/Moscow\"\nfederal_survey = \"yes\"\n"
       "[office.hours]\nmon = \"09:00-18:00\"\n",
       "federal_survey must be true or false"},
      {"this is = not toml [", "line 1"},
      {"", "no [[office]]"},
  };
  for (const auto& c : cases) {
    auto r = okno::parse_offices_toml(c.toml, "offices.toml");
    ASSERT_FALSE(r.has_value()) << c.toml;
    EXPECT_EQ(r.error().code, okno::ErrorCode::invalid_value);
    EXPECT_THAT(r.error().detail, HasSubstr(c.expect)) << c.toml;
    EXPECT_THAT(r.error().detail, HasSubstr("offices.toml"));
  }
}

}  // namespace
