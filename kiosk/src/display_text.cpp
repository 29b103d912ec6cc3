// Texts the kiosk computes from office data (display_text.hpp): the opening hours and the
// server's times as a visitor reads them. No drawing here.
#include "display_text.hpp"

#include <cstdio>

#include <date/date.h>
#include <date/tz.h>

namespace okno::kiosk {
namespace {

std::string hhmm(Minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

}  // namespace

std::string display_time(std::string_view iso) {
  // YYYY-MM-DDTHH:MM...
  if (iso.size() < 16) return std::string(iso);
  std::string out;
  out += iso.substr(8, 2);
  out += '.';
  out += iso.substr(5, 2);
  out += '.';
  out += iso.substr(0, 4);
  out += ' ';
  out += iso.substr(11, 5);
  return out;
}

std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang) {
  using namespace std::chrono;
  std::vector<std::string> lines;
  const auto local = office.zone->to_local(now);
  const auto local_day = date::floor<date::days>(local);
  const Date today{sys_days{days{local_day.time_since_epoch().count()}}};
  const Minutes minute_of_day = duration_cast<Minutes>(local - local_day);
  const DayHours h = office.hours_on(today, calendar);
  if (h.open) {
    std::string line = catalog.text(lang, "kiosk.hours.today",
                                    {{"open", hhmm(h.open->begin)}, {"close", hhmm(h.open->end)}});
    for (const auto& b : h.breaks) {
      line += "; " + catalog.text(lang, "kiosk.hours.break",
                                  {{"from", hhmm(b.begin)}, {"to", hhmm(b.end)}});
    }
    lines.push_back(line);
  } else {
    lines.push_back(catalog.text(lang, "kiosk.hours.today_closed"));
  }
  // The next change: closing, the end of a break, or the next opening.
  if (h.open && minute_of_day < h.open->begin) {
    lines.push_back(catalog.text(lang, "kiosk.hours.opens_today", {{"time", hhmm(h.open->begin)}}));
    return lines;
  }
  if (h.open && minute_of_day < h.open->end) {
    for (const auto& b : h.breaks) {
      if (minute_of_day >= b.begin && minute_of_day < b.end) {
        lines.push_back(catalog.text(lang, "kiosk.hours.break_until", {{"time", hhmm(b.end)}}));
        return lines;
      }
    }
    lines.push_back(catalog.text(lang, "kiosk.hours.closes_at", {{"time", hhmm(h.open->end)}}));
    return lines;
  }
  static constexpr const char* kDays[] = {
      "kiosk.weekday.mon", "kiosk.weekday.tue", "kiosk.weekday.wed", "kiosk.weekday.thu",
      "kiosk.weekday.fri", "kiosk.weekday.sat", "kiosk.weekday.sun"};
  for (int ahead = 1; ahead <= 14; ++ahead) {
    const sys_days day = sys_days{today} + days{ahead};
    const DayHours next = office.hours_on(Date{day}, calendar);
    if (!next.open) continue;
    const std::string day_name = ahead == 1
                                     ? catalog.text(lang, "kiosk.weekday.tomorrow")
                                     : catalog.text(lang, kDays[weekday{day}.iso_encoding() - 1]);
    lines.push_back(catalog.text(lang, "kiosk.hours.opens_on",
                                 {{"day", day_name}, {"time", hhmm(next.open->begin)}}));
    break;
  }
  return lines;
}

}  // namespace okno::kiosk
