// Free-slot generation in the office's own time zone (R-VISIT-2): the day's hours from the
// production calendar and the office's exceptions, minus breaks, past, lead time, horizon, full.
#include "okno/slots.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdio>
#include <set>
#include <sstream>

namespace okno {
namespace {

using namespace std::chrono;

date::local_seconds to_local_midnight(Date d) {
  return date::local_seconds{date::days{sys_days{d}.time_since_epoch().count()}};
}

// Local wall time -> UTC, or nothing for a wall time that does not exist (a DST gap; Russia has
// had none since 2014, but a zone's rules are data and may change).
std::optional<Seconds> local_to_utc(const date::time_zone* zone, date::local_seconds local) {
  auto info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Seconds{local.time_since_epoch() - info.first.offset};
    case date::local_info::ambiguous:  // the earlier of the two instants, as most calendars do
      return Seconds{local.time_since_epoch() - info.first.offset};
    default:
      return std::nullopt;
  }
}

void slots_of_day(const Office& office, const Service& service, Date day, const DayHours& hours,
                  std::vector<Slot>& out) {
  if (!hours.open) return;
  const auto midnight = to_local_midnight(day);
  // One offset for the whole local day in almost every zone and day: look it up once (the
  // zone lookup was the largest cost of a booking's slot check). A day with a change of
  // offset takes the careful path, slot by slot.
  std::optional<std::chrono::seconds> day_offset;
  if (auto info = office.zone->get_info(midnight); info.result == date::local_info::unique) {
    const auto day_start_utc = midnight.time_since_epoch() - info.first.offset;
    const auto day_end_utc = day_start_utc + days{1};
    if (info.first.begin.time_since_epoch() <= day_start_utc &&
        info.first.end.time_since_epoch() >= day_end_utc) {
      day_offset = info.first.offset;
    }
  }
  auto to_utc = [&](date::local_seconds local) -> std::optional<Seconds> {
    if (day_offset) return Seconds{local.time_since_epoch() - *day_offset};
    return local_to_utc(office.zone, local);
  };
  Minutes t = hours.open->begin;
  while (t + service.duration <= hours.open->end) {
    const Minutes end = t + service.duration;
    // A slot that would overlap a break starts again when the break ends.
    auto clash = std::find_if(hours.breaks.begin(), hours.breaks.end(),
                              [&](const TimeRange& b) { return t < b.end && end > b.begin; });
    if (clash != hours.breaks.end()) {
      t = clash->end;
      continue;
    }
    auto start_utc = to_utc(midnight + t);
    auto end_utc = to_utc(midnight + end);
    if (start_utc && end_utc) {
      out.push_back(Slot{*start_utc, *end_utc, service.places_per_slot, 0});
    }
    t = end;
  }
}

}  // namespace

Date local_date(const Office& office, Seconds t) {
  auto local = office.zone->to_local(t);
  auto days_since = date::floor<date::days>(local).time_since_epoch().count();
  return Date{sys_days{days{days_since}}};
}

std::vector<Slot> all_slots(const SlotQuery& q, const ProductionCalendar& calendar) {
  assert(q.office && q.service && "all_slots needs an office and a service");
  std::vector<Slot> out;
  for (sys_days d{q.from}; d <= sys_days{q.to}; d += days{1}) {
    const Date day{d};
    slots_of_day(*q.office, *q.service, day, q.office->hours_on(day, calendar), out);
  }
  return out;
}

// The last local day a client may book now (the horizon).
static sys_days last_bookable_day(const Office& office, const Service& service, Seconds now) {
  return sys_days{local_date(office, now)} + days{service.horizon_days};
}

static SlotCheck check_time(const Office& office, const Service& service, Seconds now,
                            sys_days last_day, Seconds start) {
  if (start <= now) return SlotCheck::in_past;
  if (start < now + service.min_lead_time) return SlotCheck::too_soon;
  if (sys_days{local_date(office, start)} > last_day) return SlotCheck::too_far;
  return SlotCheck::ok;
}

std::vector<Slot> free_slots(const SlotQuery& q, const ProductionCalendar& calendar, Seconds now,
                             const Occupancy& occupancy) {
  std::vector<Slot> slots = all_slots(q, calendar);
  const sys_days last_day = last_bookable_day(*q.office, *q.service, now);  // once, not per slot
  std::erase_if(slots, [&](Slot& s) {
    if (check_time(*q.office, *q.service, now, last_day, s.start) != SlotCheck::ok) return true;
    if (auto it = occupancy.find(s.start); it != occupancy.end()) s.taken = it->second;
    return s.free() <= 0;
  });
  return slots;
}

SlotCheck check_slot(const Office& office, const Service& service,
                     const ProductionCalendar& calendar, Seconds now, Seconds start,
                     Slot* slot_out) {
  const Date day = local_date(office, start);
  const auto slots = all_slots(SlotQuery{&office, &service, day, day}, calendar);
  auto it =
      std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.start == start; });
  if (it == slots.end()) return SlotCheck::not_offered;
  if (auto c = check_time(office, service, now, last_bookable_day(office, service, now), start);
      c != SlotCheck::ok) {
    return c;
  }
  if (slot_out) *slot_out = *it;
  return SlotCheck::ok;
}

LocalIsoWriter::LocalIsoWriter(const Office& office) : zone_(office.zone) {
  assert(zone_ && "an office's zone is resolved when it is loaded");
}

void LocalIsoWriter::append(std::string& out, Seconds t) {
  if (!looked_up_ || t < info_.begin || t >= info_.end) {
    info_ = zone_->get_info(t);
    looked_up_ = true;
    // The offset in whole minutes, truncated toward zero (a zone's historical LMT has seconds).
    const long off_min = static_cast<long>(duration_cast<minutes>(info_.offset).count());
    const unsigned a = static_cast<unsigned>(off_min < 0 ? -off_min : off_min);
    offset_[0] = off_min < 0 ? '-' : '+';
    offset_[1] = static_cast<char>('0' + a / 60 / 10 % 10);
    offset_[2] = static_cast<char>('0' + a / 60 % 10);
    offset_[3] = ':';
    offset_[4] = static_cast<char>('0' + a % 60 / 10);
    offset_[5] = static_cast<char>('0' + a % 60 % 10);
  }
  const auto local = t.time_since_epoch() + info_.offset;
  const auto day = floor<days>(local);
  if (!day_written_ || day.count() != day_) {
    day_ = day.count();
    day_written_ = true;
    const year_month_day ymd{sys_days{day}};
    // As date::format's %Y: at least four digits, a minus sign before a year before 0.
    const int y = static_cast<int>(ymd.year());
    char* p = date_;
    if (y < 0) *p++ = '-';
    const unsigned ay = static_cast<unsigned>(y < 0 ? -y : y);
    for (unsigned scale = 1000; scale > 1 && ay < scale; scale /= 10) *p++ = '0';
    const auto [end, ec] = std::to_chars(p, date_ + sizeof date_, ay);
    assert(ec == std::errc{});
    p = end;
    const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    for (char c : {'-', static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                   static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), 'T'}) {
      *p++ = c;
    }
    date_size_ = static_cast<std::size_t>(p - date_);
  }
  const auto secs = static_cast<unsigned>((local - day).count());  // [0, 86400)
  const unsigned h = secs / 3600, min = secs / 60 % 60, sec = secs % 60;
  const char time[14] = {static_cast<char>('0' + h / 10),
                         static_cast<char>('0' + h % 10),
                         ':',
                         static_cast<char>('0' + min / 10),
                         static_cast<char>('0' + min % 10),
                         ':',
                         static_cast<char>('0' + sec / 10),
                         static_cast<char>('0' + sec % 10),
                         offset_[0],
                         offset_[1],
                         offset_[2],
                         offset_[3],
                         offset_[4],
                         offset_[5]};
  out.append(date_, date_size_);
  out.append(time, sizeof time);
}

std::vector<int> uncovered_calendar_years(const OfficeDirectory& offices,
                                          const ProductionCalendar& calendar, Seconds now) {
  std::set<int> missing;
  for (const auto& office : offices.offices) {
    const sys_days today{local_date(office, now)};
    for (const auto& service : office.services) {
      const int first = static_cast<int>(Date{today}.year());
      const int last = static_cast<int>(Date{today + days{service.horizon_days}}.year());
      for (int y = first; y <= last; ++y) {
        if (!calendar.covers(year{y})) missing.insert(y);
      }
    }
  }
  return {missing.begin(), missing.end()};
}

std::string format_local_iso(const Office& office, Seconds t) {
  std::string out;
  out.reserve(25);
  LocalIsoWriter(office).append(out, t);
  return out;
}

std::optional<Seconds> parse_iso_instant(std::string_view text) {
  // Exactly YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM; anything else is refused rather than
  // guessed, since a misread time would book the wrong slot.
  if (text.size() != 20 && text.size() != 25) return std::nullopt;
  std::string s(text);
  if (s.size() == 20) {
    if (s[19] != 'Z' && s[19] != 'z') return std::nullopt;
    s.replace(19, 1, "+00:00");
  }
  if (s[10] != 'T' && s[10] != 't') return std::nullopt;
  s[10] = 'T';
  if (s[19] != '+' && s[19] != '-') return std::nullopt;
  // date::parse reads "+03:60" as +04:00 and takes "+99:99": check the offset by hand.
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (!digit(20) || !digit(21) || s[22] != ':' || !digit(23) || !digit(24)) return std::nullopt;
  if ((s[20] - '0') * 10 + (s[21] - '0') > 23 || (s[23] - '0') * 10 + (s[24] - '0') > 59) {
    return std::nullopt;
  }
  std::istringstream in(s);
  date::sys_seconds t;
  in >> date::parse("%FT%T%Ez", t);
  if (in.fail()) return std::nullopt;
  in.peek();
  if (!in.eof()) return std::nullopt;
  // date::parse accepts some out-of-range fields quietly; insist on a round trip of the date.
  auto ymd = std::string_view(s).substr(0, 10);
  if (!parse_iso_date(ymd)) return std::nullopt;
  return Seconds{t.time_since_epoch()};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  Date d{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
         day{static_cast<unsigned>(num(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string format_iso_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace okno
