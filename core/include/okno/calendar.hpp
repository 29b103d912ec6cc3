// The Russian production calendar as data (assets/calendar/): days off, the government's day
// transfers, working weekend days and pre-holiday days one hour shorter. R-TIME-1.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "okno/error.hpp"

namespace okno {

using Date = std::chrono::year_month_day;

enum class DayKind {
  working,          // an ordinary working day
  day_off,          // weekend or non-working holiday (or a day off moved here by decree); for
                    // an office, only a listed one closes it (Office::hours_on)
  shortened,        // working, one hour shorter (the day before a holiday)
  working_weekend,  // a Saturday or Sunday made working by decree
};

std::string_view to_string(DayKind kind);

struct CalendarException {
  DayKind kind;
  std::string note;  // e.g. "Новогодние каникулы", "перенос с 2026-01-03"
  std::optional<Date> moved_from;  // for a day off that a decree moved from another date
};

class ProductionCalendar {
 public:
  // Loads every ru-YYYY.toml in the folder. Fails with a detail naming the file and line.
  static Result<ProductionCalendar> load_directory(const std::filesystem::path& dir);

  // Adds one year's exceptions parsed from TOML text (used by load_directory and tests).
  Result<void> add_year_toml(std::string_view toml_text, std::string_view source_name);

  DayKind kind(Date day) const;
  bool is_working_day(Date day) const {
    auto k = kind(day);
    return k != DayKind::day_off;
  }
  // Minutes to take off the day's closing time (60 on a shortened day, else 0).
  int shortened_by_minutes(Date day) const { return kind(day) == DayKind::shortened ? 60 : 0; }

  bool covers(std::chrono::year y) const { return years_.contains(static_cast<int>(y)); }
  bool provisional(std::chrono::year y) const {
    return provisional_years_.contains(static_cast<int>(y));
  }

  // The date `n` working days after `from` (R-TIME-1: weekends and holidays do not count).
  Date add_working_days(Date from, int n) const;
  // Working days strictly after `from` up to and including `to`.
  int working_days_between(Date from, Date to) const;

  // The listed exception for the day, or nullptr for a day that follows the default (an ordinary
  // weekday, or an ordinary Saturday or Sunday).
  const CalendarException* exception(Date day) const;

  // The day off that a decree moved away from `from` (the record whose moved_from is `from`):
  // for a decreed working weekend day, the weekday it is worked instead of. nullopt if none.
  std::optional<Date> day_off_moved_from(Date from) const;

 private:
  std::map<std::chrono::sys_days, CalendarException> exceptions_;
  std::map<std::chrono::sys_days, std::chrono::sys_days> moved_to_;  // moved_from -> day off
  std::set<int> years_;
  std::set<int> provisional_years_;
};

}  // namespace okno
