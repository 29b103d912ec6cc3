// Free slots (R-VISIT-2): what a client may choose from, computed in the office's time zone.
#pragma once

#include <chrono>
#include <map>
#include <vector>

#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/office.hpp"

namespace okno {

struct Slot {
  Seconds start;  // UTC
  Seconds end;    // UTC
  int capacity = 0;
  int taken = 0;
  int free() const { return capacity - taken; }
};

// Booked places per slot start (UTC), as the storage reports them.
using Occupancy = std::map<Seconds, int>;

// Why a start time is not bookable; mirrors the error codes the API answers with.
enum class SlotCheck { ok, not_offered, in_past, too_soon, too_far, full };

struct SlotQuery {
  const Office* office = nullptr;
  const Service* service = nullptr;
  Date from;  // local dates in the office's zone, inclusive
  Date to;
};

// Every slot of the service on the local days [from, to], full ones included, none filtered
// by time. The building block for free_slots and check_slot.
std::vector<Slot> all_slots(const SlotQuery& q, const ProductionCalendar& calendar);

// The slots a client is offered: no day off, no break, not in the past, not inside the lead
// time, not beyond the horizon, not full.
std::vector<Slot> free_slots(const SlotQuery& q, const ProductionCalendar& calendar, Seconds now,
                             const Occupancy& occupancy);

// Whether `start` is a slot that would be offered now, ignoring occupancy (the storage checks
// that atomically). On ok, `slot_out` gets the slot's end and capacity.
SlotCheck check_slot(const Office& office, const Service& service,
                     const ProductionCalendar& calendar, Seconds now, Seconds start,
                     Slot* slot_out);

// Years that some service's booking horizon reaches into now (from each office's local today
// to today + horizon_days) but the production calendar has no file for: slots there would know
// no holiday or transfer (R-TIME-1). Sorted, each year once; empty when all is covered.
std::vector<int> uncovered_calendar_years(const OfficeDirectory& offices,
                                          const ProductionCalendar& calendar, Seconds now);

// Local calendar date of an instant in the office's zone.
Date local_date(const Office& office, Seconds t);

// ISO 8601 with the office's offset: "2026-12-01T09:00:00+03:00".
std::string format_local_iso(const Office& office, Seconds t);

// format_local_iso for many instants of one office (a list of slots): the zone's offset is
// looked up again only when an instant leaves the period of the previous lookup (months or
// years in most zones), the date's text only when the local day changes, and the digits are
// written without a stream (date::format builds an ostringstream per call, the largest cost of
// rendering a month of slots).
class LocalIsoWriter {
 public:
  explicit LocalIsoWriter(const Office& office);
  // Appends exactly what format_local_iso(office, t) returns (25 characters for years 0-9999).
  void append(std::string& out, Seconds t);

 private:
  const date::time_zone* zone_;
  date::sys_info info_{};
  bool looked_up_ = false;
  char offset_[8] = {};  // "+03:00" of info_
  long long day_ = 0;    // the local day (days since 1970-01-01) written in date_
  bool day_written_ = false;
  char date_[24] = {};  // "2026-12-01T" of day_
  std::size_t date_size_ = 0;
};

// Parses ISO 8601 with an offset or Z ("2026-12-01T09:00:00+03:00", "...Z").
std::optional<Seconds> parse_iso_instant(std::string_view text);
// Parses "YYYY-MM-DD".
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(Date d);

}  // namespace okno
