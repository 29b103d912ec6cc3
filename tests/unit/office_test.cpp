// Reading the administrator's office configuration (TOML): the demo file, hours on special
// days (R-TIME-1, R-VISIT-7), and clear errors for broken configuration.
#include "okno/office.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "okno/source_root.hpp"

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
  // Saturday 1 November 2025 was a working Saturday, and shortened: Saturday hours minus 1 h.
  auto nov1 = demo.hours_on(d(2025, 11, 1), *cal);
  ASSERT_TRUE(nov1.open.has_value());
  EXPECT_EQ(nov1.open->end, hours{13});
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
