// The Russian production calendar (R-TIME-1): loads assets/calendar/ru-YYYY.toml (format in
// assets/calendar/README.md) and answers "is this a working day" and working-day arithmetic.
#include "okno/calendar.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace okno {

namespace {

namespace fs = std::filesystem;
using std::chrono::sys_days;

std::string date_text(Date d) {
  // GCC 12's library has neither std::format nor operator<< for chrono dates: format by hand.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// Every load error reads "<source>: line N: <what>" so that whoever edits the data finds the spot.
std::unexpected<Error> fail_at(std::string_view source, std::uint32_t line, std::string_view what) {
  std::string detail{source};
  detail += ": line ";
  detail += std::to_string(line);
  detail += ": ";
  detail += what;
  return fail(ErrorCode::invalid_value, std::move(detail));
}

std::unexpected<Error> fail_at(std::string_view source, const toml::node& node,
                               std::string_view what) {
  return fail_at(source, node.source().begin.line, what);
}

std::optional<Date> to_date(const toml::date& d) {
  // toml++ already checks the day against the month, chrono checks again (and leap years).
  const Date ymd{std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<DayKind> kind_from_type(std::string_view type) {
  // "working" is deliberately not accepted: a working weekday is the default and needs no record.
  if (type == "day_off") return DayKind::day_off;
  if (type == "shortened") return DayKind::shortened;
  if (type == "working_weekend") return DayKind::working_weekend;
  return std::nullopt;
}

bool is_weekend(sys_days day) {
  const std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// "ru-2026.toml" -> 2026; anything else -> nullopt.
std::optional<int> year_from_file_name(std::string_view name) {
  constexpr std::string_view prefix = "ru-";
  constexpr std::string_view suffix = ".toml";
  if (name.size() != prefix.size() + 4 + suffix.size() || !name.starts_with(prefix) ||
      !name.ends_with(suffix)) {
    return std::nullopt;
  }
  int year = 0;
  for (char c : name.substr(prefix.size(), 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

// The last path component of a source name, so "…/assets/calendar/ru-2026.toml" and
// "ru-2026.toml" are checked alike.
std::string_view base_name(std::string_view source) {
  const auto slash = source.find_last_of("/\\");
  return slash == std::string_view::npos ? source : source.substr(slash + 1);
}

struct ParsedDay {
  sys_days date;
  CalendarException exception;
};

Result<ParsedDay> parse_day(const toml::node& node, int year, std::string_view source) {
  const toml::table* record = node.as_table();
  if (record == nullptr) return fail_at(source, node, "each [[day]] entry must be a table");

  for (const auto& [key, value] : *record) {
    const std::string_view k = key.str();
    if (k != "date" && k != "type" && k != "note" && k != "moved_from") {
      return fail_at(source, value, "unknown key \"" + std::string{k} + "\" in [[day]]");
    }
  }

  const toml::node* date_node = record->get("date");
  if (date_node == nullptr) return fail_at(source, node, "[[day]] without date");
  const auto* date_value = date_node->as_date();
  if (date_value == nullptr) {
    return fail_at(source, *date_node, "date must be a TOML local date such as 2026-01-09");
  }
  const auto date = to_date(date_value->get());
  if (!date) return fail_at(source, *date_node, "date is not a valid calendar date");
  if (static_cast<int>(date->year()) != year) {
    return fail_at(source, *date_node,
                   "date " + date_text(*date) + " is outside year " + std::to_string(year));
  }

  const toml::node* type_node = record->get("type");
  if (type_node == nullptr) return fail_at(source, node, "[[day]] without type");
  const auto* type_value = type_node->as_string();
  if (type_value == nullptr) return fail_at(source, *type_node, "type must be a string");
  const auto kind = kind_from_type(type_value->get());
  if (!kind) {
    return fail_at(source, *type_node,
                   "unknown type \"" + type_value->get() +
                       "\" (expected day_off, shortened or working_weekend)");
  }

  const sys_days day{*date};
  if (*kind == DayKind::working_weekend && !is_weekend(day)) {
    return fail_at(
        source, *type_node,
        "working_weekend on " + date_text(*date) + ", which is not a Saturday or Sunday");
  }

  ParsedDay parsed{day, CalendarException{*kind, {}, std::nullopt}};

  if (const toml::node* note_node = record->get("note")) {
    const auto* note_value = note_node->as_string();
    if (note_value == nullptr) return fail_at(source, *note_node, "note must be a string");
    parsed.exception.note = note_value->get();
  }

  if (const toml::node* moved_node = record->get("moved_from")) {
    if (*kind != DayKind::day_off) {
      return fail_at(source, *moved_node, "moved_from is only allowed on a day_off");
    }
    const auto* moved_value = moved_node->as_date();
    if (moved_value == nullptr) return fail_at(source, *moved_node, "moved_from must be a date");
    const auto moved = to_date(moved_value->get());
    if (!moved) return fail_at(source, *moved_node, "moved_from is not a valid calendar date");
    if (*moved == *date) return fail_at(source, *moved_node, "moved_from equals the date itself");
    parsed.exception.moved_from = *moved;
  }
  return parsed;
}

}  // namespace

std::string_view to_string(DayKind kind) {
  // The same words as the TOML "type" values (plus "working", which is never written there).
  switch (kind) {
    case DayKind::working:
      return "working";
    case DayKind::day_off:
      return "day_off";
    case DayKind::shortened:
      return "shortened";
    case DayKind::working_weekend:
      return "working_weekend";
  }
  return "unknown";
}

Result<ProductionCalendar> ProductionCalendar::load_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path& path = it->path();
    if (year_from_file_name(path.filename().string()) && it->is_regular_file(ec)) {
      files.push_back(path);
    }
  }
  if (ec) {
    return fail(ErrorCode::invalid_value,
                dir.string() + ": cannot read the calendar folder: " + ec.message());
  }
  // An empty folder would silently leave every year on the weekends-only fallback: refuse it.
  if (files.empty()) {
    return fail(ErrorCode::invalid_value, dir.string() + ": no ru-YYYY.toml calendar files");
  }
  std::ranges::sort(files);  // deterministic order, so the same broken file is always reported

  ProductionCalendar calendar;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    std::ifstream in(path, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in && !in.eof()) {
      return fail(ErrorCode::invalid_value, name + ": cannot read the file");
    }
    if (auto added = calendar.add_year_toml(text, name); !added) {
      return std::unexpected(std::move(added.error()));
    }
  }
  return calendar;
}

Result<void> ProductionCalendar::add_year_toml(std::string_view toml_text,
                                               std::string_view source_name) {
  // toml++ reports syntax errors by throwing; they are expected input errors, so they become
  // values here and never leave this function.
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    return fail_at(source_name, e.source().begin.line, e.description());
  }

  for (const auto& [key, value] : doc) {
    const std::string_view k = key.str();
    if (k != "year" && k != "provisional" && k != "source" && k != "day") {
      return fail_at(source_name, value, "unknown key \"" + std::string{k} + "\"");
    }
  }

  const toml::node* year_node = doc.get("year");
  if (year_node == nullptr) return fail_at(source_name, 1, "missing year");
  const auto* year_value = year_node->as_integer();
  if (year_value == nullptr) return fail_at(source_name, *year_node, "year must be an integer");
  const std::int64_t year_wide = year_value->get();
  if (year_wide < 1992 || year_wide > 9999) {
    // The Labour Code's holiday list starts with the Russian Federation; earlier is a typo.
    return fail_at(source_name, *year_node, "year " + std::to_string(year_wide) + " out of range");
  }
  const int year = static_cast<int>(year_wide);
  if (const auto named = year_from_file_name(base_name(source_name)); named && *named != year) {
    return fail_at(source_name, *year_node,
                   "year " + std::to_string(year) + " does not match the file name");
  }
  if (years_.contains(year)) {
    return fail_at(source_name, *year_node, "year " + std::to_string(year) + " is already loaded");
  }

  const toml::node* provisional_node = doc.get("provisional");
  if (provisional_node == nullptr) return fail_at(source_name, 1, "missing provisional");
  const auto* provisional_value = provisional_node->as_boolean();
  if (provisional_value == nullptr) {
    return fail_at(source_name, *provisional_node, "provisional must be true or false");
  }

  // The decree (or the note that there is none) is required so every year's data is traceable.
  const toml::node* source_node = doc.get("source");
  if (source_node == nullptr) return fail_at(source_name, 1, "missing source");
  const auto* source_value = source_node->as_string();
  if (source_value == nullptr || source_value->get().empty()) {
    return fail_at(source_name, *source_node, "source must be a non-empty string");
  }

  // Parse everything first and commit only at the end, so a broken file changes nothing.
  std::map<sys_days, CalendarException> days;
  if (const toml::node* day_node = doc.get("day")) {
    const toml::array* records = day_node->as_array();
    if (records == nullptr) {
      return fail_at(source_name, *day_node, "day must be an array of tables ([[day]])");
    }
    for (const toml::node& record : *records) {
      auto parsed = parse_day(record, year, source_name);
      if (!parsed) return std::unexpected(std::move(parsed.error()));
      if (const auto& moved = parsed->exception.moved_from;
          moved && std::ranges::any_of(
                       days, [&](const auto& entry) { return entry.second.moved_from == moved; })) {
        return fail_at(source_name, record,
                       "two days off moved from " + date_text(*moved) + " in this file");
      }
      if (!days.emplace(parsed->date, std::move(parsed->exception)).second) {
        return fail_at(source_name, record,
                       "duplicate date " + date_text(Date{parsed->date}) + " in this file");
      }
    }
  }

  for (const auto& [day, exception] : days) {
    if (exception.moved_from) moved_to_[sys_days{*exception.moved_from}] = day;
  }
  exceptions_.merge(days);  // cannot collide: dates are inside `year`, which was not loaded
  years_.insert(year);
  if (provisional_value->get()) provisional_years_.insert(year);
  return {};
}

DayKind ProductionCalendar::kind(Date day) const {
  const sys_days d{day};
  if (const auto it = exceptions_.find(d); it != exceptions_.end()) return it->second.kind;
  // Not listed: Saturday and Sunday are days off, other days working. This is also the fallback
  // for a year with no file (covers() is false): weekends only, no holidays at all. That is wrong
  // by up to ~14 days a year, but never blocks the office; callers that must know check covers().
  return is_weekend(d) ? DayKind::day_off : DayKind::working;
}

Date ProductionCalendar::add_working_days(Date from, int n) const {
  // Steps one day at a time: deadlines are days or weeks away, and exceptions make any shortcut
  // arithmetic more error-prone than it is worth. Negative n counts backwards.
  sys_days d{from};
  const std::chrono::days step{n < 0 ? -1 : 1};
  long long left = n < 0 ? -static_cast<long long>(n) : n;
  while (left > 0) {
    d += step;
    if (is_working_day(Date{d})) --left;
  }
  return Date{d};
}

int ProductionCalendar::working_days_between(Date from, Date to) const {
  const sys_days first{from};
  const sys_days last{to};
  // Reversed range: the negated count of the forward one, rather than a silent 0.
  if (last < first) return -working_days_between(to, from);
  int count = 0;
  for (sys_days d = first + std::chrono::days{1}; d <= last; d += std::chrono::days{1}) {
    if (is_working_day(Date{d})) ++count;
  }
  return count;
}

const CalendarException* ProductionCalendar::exception(Date day) const {
  const auto it = exceptions_.find(sys_days{day});
  return it == exceptions_.end() ? nullptr : &it->second;
}

std::optional<Date> ProductionCalendar::day_off_moved_from(Date from) const {
  const auto it = moved_to_.find(sys_days{from});
  if (it == moved_to_.end()) return std::nullopt;
  return Date{it->second};
}

}  // namespace okno
