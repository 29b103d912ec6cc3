// Tests of the production calendar data (assets/calendar) and its loader: the published 2025 and
// 2026 calendars, the 2027 one of decree No. 1187, working-day arithmetic (R-TIME-1) and load
// errors.
#include "okno/calendar.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>
#include "okno/source_root.hpp"

namespace {

using okno::Date;
using okno::DayKind;
using okno::ErrorCode;
using okno::ProductionCalendar;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr Date d(int y, unsigned m, unsigned day) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

std::vector<Date> range(Date first, Date last) {
  std::vector<Date> out;
  for (auto day = std::chrono::sys_days{first}; day <= std::chrono::sys_days{last};
       day += std::chrono::days{1}) {
    out.emplace_back(day);
  }
  return out;
}

// The real asset folder, loaded once: every data test below reads the shipped files.
const ProductionCalendar& real() {
  static const ProductionCalendar calendar = [] {
    auto loaded = ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
    if (!loaded) {
      ADD_FAILURE() << "load_directory failed: " << loaded.error().detail;
      return ProductionCalendar{};
    }
    return *std::move(loaded);
  }();
  return calendar;
}

// gtest prints year_month_day poorly with GCC 12's library; name the date in failure messages.
std::string text(Date day) {
  auto two = [](unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(static_cast<int>(day.year())) + "-" +
         two(static_cast<unsigned>(day.month())) + "-" + two(static_cast<unsigned>(day.day()));
}

// add_working_days as ISO text, so a failure shows the date rather than raw bytes.
std::string add(Date from, int n) {
  return text(real().add_working_days(from, n));
}

void expect_day_off(const ProductionCalendar& cal, Date day) {
  EXPECT_EQ(cal.kind(day), DayKind::day_off) << text(day);
  EXPECT_FALSE(cal.is_working_day(day)) << text(day);
}

void expect_shortened(const ProductionCalendar& cal, Date day) {
  EXPECT_EQ(cal.kind(day), DayKind::shortened) << text(day);
  EXPECT_TRUE(cal.is_working_day(day)) << text(day);
  EXPECT_EQ(cal.shortened_by_minutes(day), 60) << text(day);
}

void expect_working(const ProductionCalendar& cal, Date day) {
  EXPECT_EQ(cal.kind(day), DayKind::working) << text(day);
  EXPECT_TRUE(cal.is_working_day(day)) << text(day);
  EXPECT_EQ(cal.shortened_by_minutes(day), 0) << text(day);
}

void expect_moved(const ProductionCalendar& cal, Date day, Date from) {
  const auto* exception = cal.exception(day);
  ASSERT_NE(exception, nullptr) << text(day);
  EXPECT_EQ(exception->kind, DayKind::day_off) << text(day);
  ASSERT_TRUE(exception->moved_from.has_value()) << text(day);
  EXPECT_EQ(text(*exception->moved_from), text(from)) << text(day);
}

// --- the shipped data -------------------------------------------------------------------------

TEST(ProductionCalendar, R_TIME_1_LoadsTheRealAssetFolder) {
  auto loaded = ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_TRUE(loaded->covers(std::chrono::year{2025}));
  EXPECT_TRUE(loaded->covers(std::chrono::year{2026}));
  EXPECT_TRUE(loaded->covers(std::chrono::year{2027}));
  EXPECT_FALSE(loaded->covers(std::chrono::year{2024}));
}

TEST(ProductionCalendar, R_TIME_1_NoShippedYearIsProvisional) {
  // 2027 was a provisional guess until decree No. 1187 of 17.09.2026 was written in.
  for (int y : {2025, 2026, 2027}) EXPECT_FALSE(real().provisional(std::chrono::year{y})) << y;
}

TEST(ProductionCalendar, R_TIME_1_2026DaysOffOfDecree1466) {
  const std::vector<std::pair<Date, Date>> ranges = {
      {d(2026, 1, 1), d(2026, 1, 11)},  {d(2026, 2, 21), d(2026, 2, 23)},
      {d(2026, 3, 7), d(2026, 3, 9)},   {d(2026, 5, 1), d(2026, 5, 3)},
      {d(2026, 5, 9), d(2026, 5, 11)},  {d(2026, 6, 12), d(2026, 6, 14)},
      {d(2026, 11, 4), d(2026, 11, 4)}, {d(2026, 12, 31), d(2026, 12, 31)}};
  for (const auto& [first, last] : ranges) {
    for (Date day : range(first, last)) expect_day_off(real(), day);
  }
}

TEST(ProductionCalendar, R_TIME_1_2026PreHolidayDaysAreOneHourShorter) {
  for (Date day : {d(2026, 4, 30), d(2026, 5, 8), d(2026, 6, 11), d(2026, 11, 3)}) {
    expect_shortened(real(), day);
  }
}

TEST(ProductionCalendar, R_TIME_1_2026OrdinaryWeekdaysAroundHolidaysAreWorking) {
  for (Date day : {d(2026, 1, 12), d(2026, 2, 20), d(2026, 2, 24), d(2026, 3, 6), d(2026, 3, 10),
                   d(2026, 4, 29), d(2026, 5, 4), d(2026, 5, 7), d(2026, 5, 12), d(2026, 6, 10),
                   d(2026, 6, 15), d(2026, 11, 2), d(2026, 11, 5), d(2026, 12, 30)}) {
    expect_working(real(), day);
  }
}

TEST(ProductionCalendar, R_TIME_1_2026TransfersRecordWhereTheDayOffCameFrom) {
  expect_moved(real(), d(2026, 1, 9), d(2026, 1, 3));
  expect_moved(real(), d(2026, 12, 31), d(2026, 1, 4));
  expect_moved(real(), d(2026, 3, 9), d(2026, 3, 8));
  expect_moved(real(), d(2026, 5, 11), d(2026, 5, 9));
  EXPECT_EQ(real().exception(d(2026, 1, 12)), nullptr);
}

// Published totals of both decrees: 247 working days (118 days off) in 2025 and in 2026.
TEST(ProductionCalendar, R_TIME_1_WorkingDaysPerYearMatchThePublishedTotals) {
  EXPECT_EQ(real().working_days_between(d(2024, 12, 31), d(2025, 12, 31)), 247);
  EXPECT_EQ(real().working_days_between(d(2025, 12, 31), d(2026, 12, 31)), 247);
}

TEST(ProductionCalendar, R_TIME_1_2025SpotChecksOfDecree1335) {
  for (Date day : range(d(2025, 1, 1), d(2025, 1, 8))) expect_day_off(real(), day);
  expect_working(real(), d(2025, 1, 9));
  for (Date day : range(d(2025, 5, 1), d(2025, 5, 4))) expect_day_off(real(), day);
  for (Date day : range(d(2025, 5, 5), d(2025, 5, 7))) expect_working(real(), day);
  for (Date day : range(d(2025, 5, 8), d(2025, 5, 11))) expect_day_off(real(), day);
  for (Date day : range(d(2025, 6, 12), d(2025, 6, 15))) expect_day_off(real(), day);
  for (Date day : range(d(2025, 11, 2), d(2025, 11, 4))) expect_day_off(real(), day);
  expect_day_off(real(), d(2025, 12, 31));
  for (Date day : {d(2025, 3, 7), d(2025, 4, 30), d(2025, 6, 11)}) expect_shortened(real(), day);
  // Feb 23 (Sun) and Mar 8 (Sat) were moved to May 8 and Jun 13, not to the next Monday.
  expect_working(real(), d(2025, 2, 24));
  expect_working(real(), d(2025, 3, 10));
  expect_working(real(), d(2025, 12, 30));
  expect_moved(real(), d(2025, 5, 2), d(2025, 1, 4));
  expect_moved(real(), d(2025, 5, 8), d(2025, 2, 23));
  expect_moved(real(), d(2025, 6, 13), d(2025, 3, 8));
  expect_moved(real(), d(2025, 12, 31), d(2025, 1, 5));
}

TEST(ProductionCalendar, R_TIME_1_Saturday1November2025IsWorkingAndShortened) {
  const Date saturday = d(2025, 11, 1);
  ASSERT_EQ(std::chrono::weekday{std::chrono::sys_days{saturday}}, std::chrono::Saturday);
  EXPECT_TRUE(real().is_working_day(saturday));
  EXPECT_EQ(real().shortened_by_minutes(saturday), 60);
  expect_moved(real(), d(2025, 11, 3), saturday);
}

// Decree No. 1187 of 17.09.2026: Jan 2 (Sat) -> Nov 5, Jan 3 (Sun) -> Dec 31, Feb 20 (Sat) ->
// Feb 22; art. 112 moves May 1 (Sat) -> May 3, May 9 (Sun) -> May 10, Jun 12 (Sat) -> Jun 14.
TEST(ProductionCalendar, R_TIME_1_2027DaysOffOfDecree1187) {
  const std::vector<std::pair<Date, Date>> ranges = {
      {d(2027, 1, 1), d(2027, 1, 10)},  {d(2027, 2, 21), d(2027, 2, 23)},
      {d(2027, 3, 6), d(2027, 3, 8)},   {d(2027, 5, 1), d(2027, 5, 3)},
      {d(2027, 5, 8), d(2027, 5, 10)},  {d(2027, 6, 12), d(2027, 6, 14)},
      {d(2027, 11, 4), d(2027, 11, 7)}, {d(2027, 12, 31), d(2027, 12, 31)}};
  for (const auto& [first, last] : ranges) {
    for (Date day : range(first, last)) expect_day_off(real(), day);
  }
  expect_moved(real(), d(2027, 11, 5), d(2027, 1, 2));
  expect_moved(real(), d(2027, 12, 31), d(2027, 1, 3));
  expect_moved(real(), d(2027, 2, 22), d(2027, 2, 20));
  expect_moved(real(), d(2027, 5, 3), d(2027, 5, 1));
  expect_moved(real(), d(2027, 5, 10), d(2027, 5, 9));
  expect_moved(real(), d(2027, 6, 14), d(2027, 6, 12));
  EXPECT_EQ(real().day_off_moved_from(d(2027, 2, 20)), d(2027, 2, 22));
}

TEST(ProductionCalendar, R_TIME_1_2027Saturday20FebruaryIsWorkingAndShortened) {
  const Date saturday = d(2027, 2, 20);
  ASSERT_EQ(std::chrono::weekday{std::chrono::sys_days{saturday}}, std::chrono::Saturday);
  expect_shortened(real(), saturday);
  for (Date day : {d(2027, 4, 30), d(2027, 6, 11), d(2027, 11, 3)}) expect_shortened(real(), day);
  // Not shortened: followed by an ordinary weekend (Mar 5, May 7) or by a moved day off (Dec 30).
  for (Date day :
       {d(2027, 1, 11), d(2027, 2, 19), d(2027, 2, 24), d(2027, 3, 5), d(2027, 3, 9), d(2027, 5, 4),
        d(2027, 5, 7), d(2027, 5, 11), d(2027, 6, 15), d(2027, 11, 8), d(2027, 12, 30)}) {
    expect_working(real(), day);
  }
  // 261 weekdays - 9 holidays on weekdays - 6 moved days off + 1 working Saturday.
  EXPECT_EQ(real().working_days_between(d(2026, 12, 31), d(2027, 12, 31)), 247);
}

TEST(ProductionCalendar, R_TIME_1_UncoveredYearFallsBackToWeekendsOnly) {
  EXPECT_FALSE(real().covers(std::chrono::year{2030}));
  expect_working(real(), d(2030, 1, 1));  // a Tuesday: no holiday data for 2030
  expect_day_off(real(), d(2030, 1, 5));  // a Saturday
  EXPECT_EQ(real().exception(d(2030, 1, 1)), nullptr);
}

// --- working-day arithmetic -------------------------------------------------------------------

TEST(ProductionCalendar, R_TIME_1_AddWorkingDaysSkipsNewYearHolidays) {
  // Dec 31 2025 and Jan 1-11 2026 are off: the next working day after Dec 30 is Jan 12.
  EXPECT_EQ(add(d(2025, 12, 30), 1), "2026-01-12");
  EXPECT_EQ(add(d(2025, 12, 29), 2), "2026-01-12");
  EXPECT_EQ(add(d(2025, 12, 26), 5), "2026-01-14");
  EXPECT_EQ(add(d(2026, 12, 30), 1), "2027-01-11");
}

TEST(ProductionCalendar, R_TIME_1_AddWorkingDaysSkipsMayHolidays) {
  EXPECT_EQ(add(d(2026, 4, 30), 1), "2026-05-04");
  // May 8 2026 is shortened but still a working day, so it counts.
  EXPECT_EQ(add(d(2026, 5, 7), 1), "2026-05-08");
  EXPECT_EQ(add(d(2026, 5, 7), 2), "2026-05-12");
  EXPECT_EQ(add(d(2025, 4, 30), 1), "2025-05-05");
  EXPECT_EQ(add(d(2025, 5, 7), 1), "2025-05-12");
}

TEST(ProductionCalendar, R_TIME_1_AddWorkingDaysZeroAndBackwards) {
  EXPECT_EQ(add(d(2026, 1, 3), 0), "2026-01-03");
  EXPECT_EQ(add(d(2026, 1, 12), -1), "2025-12-30");
  EXPECT_EQ(add(d(2025, 11, 3), -1), "2025-11-01");  // the working Saturday
}

TEST(ProductionCalendar, R_TIME_1_WorkingDaysBetweenCountsAfterFromUpToTo) {
  EXPECT_EQ(real().working_days_between(d(2025, 12, 30), d(2026, 1, 12)), 1);
  EXPECT_EQ(real().working_days_between(d(2026, 1, 12), d(2026, 1, 12)), 0);
  // May 4, 5, 6, 7, 8 (shortened) and 12.
  EXPECT_EQ(real().working_days_between(d(2026, 4, 30), d(2026, 5, 12)), 6);
  EXPECT_EQ(real().working_days_between(d(2026, 5, 12), d(2026, 4, 30)), -6);
  // Oct 31 2025 (Fri) to Nov 5: the working Saturday Nov 1 and Wednesday Nov 5.
  EXPECT_EQ(real().working_days_between(d(2025, 10, 31), d(2025, 11, 5)), 2);
}

TEST(ProductionCalendar, R_TIME_1_DayKindNames) {
  EXPECT_EQ(okno::to_string(DayKind::working), "working");
  EXPECT_EQ(okno::to_string(DayKind::day_off), "day_off");
  EXPECT_EQ(okno::to_string(DayKind::shortened), "shortened");
  EXPECT_EQ(okno::to_string(DayKind::working_weekend), "working_weekend");
}

// --- loading and its errors -------------------------------------------------------------------

// A minimal valid header (lines 1-3), then whatever the test appends from line 4 on.
std::string year_file(int year, const std::string& days) {
  return "year = " + std::to_string(year) +
         "\n"
         "provisional = false\n"
         "source = \"test\"\n" +
         days;
}

TEST(ProductionCalendar, R_TIME_1_AddYearTomlAcceptsAllTypes) {
  ProductionCalendar cal;
  auto added = cal.add_year_toml(year_file(2031, R"(
[[day]]
date = 2031-01-01
type = "day_off"
note = "Новый год"

[[day]]
date = 2031-01-02
type = "shortened"

[[day]]
date = 2031-01-04
type = "working_weekend"

[[day]]
date = 2031-01-06
type = "day_off"
moved_from = 2031-01-04
)"),
                                 "inline");
  ASSERT_TRUE(added.has_value()) << added.error().detail;
  EXPECT_TRUE(cal.covers(std::chrono::year{2031}));
  EXPECT_FALSE(cal.provisional(std::chrono::year{2031}));
  EXPECT_EQ(cal.kind(d(2031, 1, 1)), DayKind::day_off);
  EXPECT_EQ(cal.exception(d(2031, 1, 1))->note, "Новый год");
  EXPECT_EQ(cal.kind(d(2031, 1, 2)), DayKind::shortened);
  EXPECT_EQ(cal.kind(d(2031, 1, 4)), DayKind::working_weekend);  // a Saturday
  EXPECT_TRUE(cal.is_working_day(d(2031, 1, 4)));
  EXPECT_EQ(cal.shortened_by_minutes(d(2031, 1, 4)), 0);
  expect_moved(cal, d(2031, 1, 6), d(2031, 1, 4));
}

// Loads `toml` into a fresh calendar and expects an invalid_value naming `where` and `what`.
void expect_load_error(const std::string& toml, const std::string& where, const std::string& what) {
  ProductionCalendar cal;
  auto added = cal.add_year_toml(toml, "ru-test.toml");
  ASSERT_FALSE(added.has_value()) << "accepted: " << toml;
  EXPECT_EQ(added.error().code, ErrorCode::invalid_value);
  EXPECT_THAT(added.error().detail, AllOf(HasSubstr("ru-test.toml: " + where), HasSubstr(what)));
  // A rejected file leaves nothing behind.
  for (int y : {2025, 2026, 2031}) EXPECT_FALSE(cal.covers(std::chrono::year{y}));
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsBadDate) {
  expect_load_error(year_file(2026, "[[day]]\ndate = 2026-02-30\ntype = \"day_off\"\n"), "line 5",
                    "");
  expect_load_error(year_file(2026, "[[day]]\ndate = \"2026-02-01\"\ntype = \"day_off\"\n"),
                    "line 5", "local date");
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsUnknownType) {
  expect_load_error(year_file(2026, "[[day]]\ndate = 2026-02-02\ntype = \"holiday\"\n"), "line 6",
                    "unknown type \"holiday\"");
  expect_load_error(year_file(2026, "[[day]]\ndate = 2026-02-02\ntype = \"working\"\n"), "line 6",
                    "unknown type");
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsDateOfAnotherYear) {
  expect_load_error(year_file(2026, "[[day]]\ndate = 2025-12-31\ntype = \"day_off\"\n"), "line 5",
                    "outside year 2026");
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsDuplicateDate) {
  expect_load_error(year_file(2026,
                              "[[day]]\ndate = 2026-01-01\ntype = \"day_off\"\n"
                              "[[day]]\ndate = 2026-01-01\ntype = \"shortened\"\n"),
                    "line 7", "duplicate date 2026-01-01");
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsMalformedFiles) {
  // TOML syntax error: toml++ throws, the loader must turn it into a value.
  expect_load_error(year_file(2026, "[[day]]\ndate = 2026-01-01\ntype = \"day_off\n"), "line 6",
                    "");
  expect_load_error("provisional = false\nsource = \"x\"\n", "line 1", "missing year");
  expect_load_error("year = 2026\nsource = \"x\"\n", "line 1", "missing provisional");
  expect_load_error("year = 2026\nprovisional = false\n", "line 1", "missing source");
  expect_load_error(year_file(2026, "decree = 1466\n"), "line 4", "unknown key \"decree\"");
  expect_load_error(
      year_file(2026, "[[day]]\ndate = 2026-01-01\ntype = \"day_off\"\nmoved_form = 2026-01-03\n"),
      "line 7", "unknown key \"moved_form\"");
  expect_load_error(year_file(2026, "[[day]]\ndate = 2026-01-05\ntype = \"working_weekend\"\n"),
                    "line 6", "not a Saturday or Sunday");
  expect_load_error(
      year_file(2026,
                "[[day]]\ndate = 2026-04-30\ntype = \"shortened\"\nmoved_from = 2026-01-03\n"),
      "line 7", "only allowed on a day_off");
}

TEST(ProductionCalendar, R_TIME_1_LoadRejectsYearTwiceAndNameMismatch) {
  ProductionCalendar cal;
  ASSERT_TRUE(cal.add_year_toml(year_file(2026, ""), "a").has_value());
  auto again = cal.add_year_toml(year_file(2026, ""), "b");
  ASSERT_FALSE(again.has_value());
  EXPECT_THAT(again.error().detail, HasSubstr("b: line 1: year 2026 is already loaded"));

  auto mismatch = cal.add_year_toml(year_file(2025, ""), "assets/calendar/ru-2027.toml");
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_THAT(mismatch.error().detail, HasSubstr("does not match the file name"));
}

// A scratch folder removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             (name + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
  }
};

TEST(ProductionCalendar, R_TIME_1_LoadDirectoryNamesTheBrokenFileAndLine) {
  TempDir dir("okno-calendar-test");
  dir.write("ru-2030.toml", year_file(2030, ""));
  dir.write("ru-2031.toml", year_file(2031, "[[day]]\ndate = 2031-13-01\ntype = \"day_off\"\n"));
  dir.write("README.md", "not a calendar file");
  auto loaded = ProductionCalendar::load_directory(dir.path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::invalid_value);
  EXPECT_THAT(loaded.error().detail, HasSubstr("ru-2031.toml: line 5"));
}

TEST(ProductionCalendar, R_TIME_1_LoadDirectoryIgnoresOtherFilesAndFailsWhenEmpty) {
  TempDir dir("okno-calendar-test-empty");
  dir.write("README.md", "not a calendar file");
  auto empty = ProductionCalendar::load_directory(dir.path);
  ASSERT_FALSE(empty.has_value());
  EXPECT_THAT(empty.error().detail, HasSubstr("no ru-YYYY.toml"));

  dir.write("ru-2030.toml", year_file(2030, ""));
  auto loaded = ProductionCalendar::load_directory(dir.path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_TRUE(loaded->covers(std::chrono::year{2030}));

  auto missing = ProductionCalendar::load_directory(dir.path / "no-such-folder");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::invalid_value);
}

}  // namespace
