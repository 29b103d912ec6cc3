// Offices (visit points) and their services as configured by an administrator (TOML).
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <date/tz.h>

#include "okno/calendar.hpp"
#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno {

using Minutes = std::chrono::minutes;  // minutes since local midnight, or a duration

struct TimeRange {
  Minutes begin{};
  Minutes end{};
};

// One day's opening hours in the office's local time; closed when `open` is empty.
struct DayHours {
  std::optional<TimeRange> open;
  std::vector<TimeRange> breaks;  // no slot may overlap a break
};

// How to get to the office (R-VISIT-5), per language, ready to show or read aloud.
struct Directions {
  LocalizedText transit;
  LocalizedText entrance;
  LocalizedText floor;
};

struct Desk {
  std::string id;      // "1", "2" ... as on the sign above the desk
  LocalizedText name;  // "Окно 1"
  int floor = 1;
  std::vector<std::string> services;  // service ids this desk serves
};

struct Service {
  std::string id;  // "passport"
  LocalizedText name;
  Minutes duration{15};
  int places_per_slot = 1;    // how many desks serve it at once
  int horizon_days = 30;      // how far ahead one may book
  Minutes min_lead_time{60};  // how soon before the start booking closes
  char ticket_letter = 'A';
};

struct Office {
  std::string id;  // "demo"
  LocalizedText name;
  LocalizedText short_name;
  LocalizedText address;
  std::string email;           // the office's address, ORGANIZER of its calendar files (RFC 5546)
  std::string time_zone_name;  // IANA, e.g. "Europe/Moscow"
  const date::time_zone* zone = nullptr;  // resolved from time_zone_name at load
  std::array<DayHours, 7> weekly;         // index: 0 = Monday ... 6 = Sunday
  Directions directions;
  std::vector<Desk> desks;
  std::vector<Service> services;
  std::map<std::chrono::sys_days, DayHours> extra_days;  // office-specific openings (override)
  std::set<std::chrono::sys_days> closures;              // office-specific closed days
  // R-VISIT-13: the web survey asks the federal five criteria (Decree 1284) after R-FB-1's two.
  bool federal_survey = false;

  const Service* find_service(std::string_view service_id) const;

  // The hours that apply on a local date (R-VISIT-7): closures, then extra days, then the days
  // the production calendar lists (holiday or decreed day off: closed, also on a weekend;
  // decreed working weekend: the hours of the weekday it replaces; shortened: closes an hour
  // earlier). Every other day, ordinary weekends included, has the office's weekly hours.
  // Deadlines do not use this: they count the calendar's working days (R-TIME-1).
  DayHours hours_on(Date day, const ProductionCalendar& calendar) const;
};

// The agency's consultation line (R-LINE-1), from the offices file's [hotline] table: texts
// name it as {hotline} and {hotline_hours} (Catalog::set_constants), never spell it out.
struct Hotline {
  std::string phone;  // "+7 111 111 1111", as it is read out and dialled
  std::string hours;  // "8:00–18:00": when it answers on working days
};

// {hotline} and {hotline_hours} for Catalog::set_constants: the configured ones.
std::map<std::string, std::string, std::less<>> hotline_constants(const Hotline& hotline);

struct OfficeDirectory {
  std::vector<Office> offices;
  Hotline hotline;
  const Office* find(std::string_view office_id) const;
};

// Parses offices from TOML text; every problem is an error naming the office and key.
Result<OfficeDirectory> parse_offices_toml(std::string_view toml_text,
                                           std::string_view source_name);
Result<OfficeDirectory> load_offices_file(const std::filesystem::path& file);

// "09:00" -> minutes since midnight, 00:00 to 24:00 (an end of the day); nothing for anything else.
std::optional<Minutes> parse_hhmm(std::string_view text);

}  // namespace okno
