// Open or closed at an instant, and the words of a refusal (opening.hpp). R-VISIT-7, R-CHAN-3.
#include "okno/opening.hpp"

#include <cassert>
#include <cstdio>

#include <date/tz.h>

#include "okno/notifications.hpp"

namespace okno {
namespace {

using namespace std::chrono;

struct LocalMoment {
  Date day;
  Minutes minute;  // since local midnight
};

LocalMoment local_moment(const Office& office, Seconds t) {
  assert(office.zone && "an office's zone is resolved when it is loaded");
  const auto local = office.zone->to_local(t);
  const auto midnight = date::floor<date::days>(local);
  return {Date{sys_days{days{midnight.time_since_epoch().count()}}},
          duration_cast<Minutes>(local - midnight)};
}

// The UTC instant of a local wall-clock time (the earlier one in a DST overlap, the moment
// after a gap).
Seconds at_local(const Office& office, Date day, Minutes minute) {
  const date::local_seconds local{sys_days{day}.time_since_epoch() + minute};
  return office.zone->to_sys(local, date::choose::earliest);
}

std::string hhmm(Minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

constexpr const char* kWeekdays[] = {"kiosk.weekday.mon", "kiosk.weekday.tue", "kiosk.weekday.wed",
                                     "kiosk.weekday.thu", "kiosk.weekday.fri", "kiosk.weekday.sat",
                                     "kiosk.weekday.sun"};

ClosedReason day_reason(const Office& office, const ProductionCalendar& calendar, Date day) {
  if (office.closures.contains(sys_days{day})) return ClosedReason::closure;
  if (!office.extra_days.contains(sys_days{day})) {
    const CalendarException* listed = calendar.exception(day);
    // A day off the calendar lists for its own sake is a public holiday; one a decree moved
    // here from another date is a day off.
    if (listed && listed->kind == DayKind::day_off && !listed->moved_from)
      return ClosedReason::holiday;
  }
  return ClosedReason::day_off;
}

}  // namespace

std::optional<Seconds> next_opening(const Office& office, const ProductionCalendar& calendar,
                                    Seconds t) {
  const LocalMoment now = local_moment(office, t);
  for (int ahead = 0; ahead <= kOpeningLookaheadDays; ++ahead) {
    const Date day{sys_days{now.day} + days{ahead}};
    const DayHours h = office.hours_on(day, calendar);
    if (!h.open) continue;
    if (ahead == 0 && now.minute > h.open->begin) continue;  // today's opening has passed
    return at_local(office, day, h.open->begin);
  }
  return std::nullopt;
}

std::optional<ClosedNotice> closed_at(const Office& office, const ProductionCalendar& calendar,
                                      Seconds t) {
  const LocalMoment now = local_moment(office, t);
  const DayHours h = office.hours_on(now.day, calendar);
  ClosedNotice notice;
  notice.day = now.day;
  if (h.open) {
    if (now.minute >= h.open->begin && now.minute < h.open->end) return std::nullopt;
    notice.reason =
        now.minute < h.open->begin ? ClosedReason::before_opening : ClosedReason::after_closing;
    notice.hours = h.open;
  } else {
    notice.reason = day_reason(office, calendar, now.day);
  }
  notice.next_opening = next_opening(office, calendar, t);
  return notice;
}

std::string closed_reason_text(const ClosedNotice& notice, const Catalog& catalog, Language lang) {
  const std::string date = format_day(notice.day, lang, false);
  switch (notice.reason) {
    case ClosedReason::before_opening:
    case ClosedReason::after_closing:
      return catalog.text(lang, "closed.hours",
                          {{"date", date},
                           {"open", hhmm(notice.hours->begin)},
                           {"close", hhmm(notice.hours->end)}});
    case ClosedReason::holiday:
      return catalog.text(lang, "closed.holiday", {{"date", date}});
    case ClosedReason::day_off:
      return catalog.text(lang, "closed.day_off", {{"date", date}});
    case ClosedReason::closure:
      return catalog.text(lang, "closed.closure", {{"date", date}});
  }
  return catalog.text(lang, "closed.closure", {{"date", date}});
}

std::string opens_text(const Office& office, const ClosedNotice& notice, const Catalog& catalog,
                       Language lang, Seconds now) {
  if (!notice.next_opening) return {};
  const LocalMoment from = local_moment(office, now);
  const LocalMoment opens = local_moment(office, *notice.next_opening);
  const auto ahead = (sys_days{opens.day} - sys_days{from.day}).count();
  const std::string time = hhmm(opens.minute);
  if (ahead == 0) return catalog.text(lang, "closed.opens_today", {{"time", time}});
  if (ahead == 1)
    return catalog.text(lang, "closed.opens_tomorrow",
                        {{"date", format_day(opens.day, lang, false)}, {"time", time}});
  return catalog.text(lang, "closed.opens_on",
                      {{"date", format_day(opens.day, lang, true)}, {"time", time}});
}

std::string closed_now_text(const Office& office, const ClosedNotice& notice,
                            const Catalog& catalog, Language lang, Seconds now) {
  const bool hours_day =
      notice.reason == ClosedReason::before_opening || notice.reason == ClosedReason::after_closing;
  std::string out = hours_day ? catalog.error_message(lang, ErrorCode::office_closed)
                              : closed_reason_text(notice, catalog, lang);
  if (auto opens = opens_text(office, notice, catalog, lang, now); !opens.empty())
    out += " " + opens;
  return out;
}

std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang) {
  std::vector<std::string> lines;
  const LocalMoment moment = local_moment(office, now);
  const Date today = moment.day;
  const Minutes minute_of_day = moment.minute;
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
  for (int ahead = 1; ahead <= 14; ++ahead) {
    const sys_days day = sys_days{today} + days{ahead};
    const DayHours next = office.hours_on(Date{day}, calendar);
    if (!next.open) continue;
    const std::string day_name =
        ahead == 1 ? catalog.text(lang, "kiosk.weekday.tomorrow")
                   : catalog.text(lang, kWeekdays[weekday{day}.iso_encoding() - 1]);
    lines.push_back(catalog.text(lang, "kiosk.hours.opens_on",
                                 {{"day", day_name}, {"time", hhmm(next.open->begin)}}));
    break;
  }
  return lines;
}

}  // namespace okno
