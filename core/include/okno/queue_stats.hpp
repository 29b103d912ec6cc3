// Queue statistics for an office day (issue 4): per service and per desk the averages, the
// share called within the MFC standard's 15 minutes, booked visitors called within 5 minutes of
// the later of their booked time and arrival, no-shows and desk load; CSV export. Reports sort
// by time, never by ticket number, because numbers wrap.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "okno/office.hpp"
#include "okno/queue.hpp"

namespace okno::queue {

inline constexpr std::chrono::minutes kWaitStandard{15};       // Decree 1376, p. 18
inline constexpr std::chrono::minutes kBookedWaitStandard{5};  // regional regulations

struct GroupStats {
  std::string key;  // service id or desk id; "" for the whole office
  int tickets = 0;
  int served = 0;  // finished
  int no_shows = 0;
  int cancelled = 0;
  int waiting = 0;             // still waiting or on hold
  double avg_wait_min = 0;     // over called tickets
  double avg_service_min = 0;  // over finished tickets
  // Of the tickets whose 15 minutes have been decided (called, or waiting/left after 15 min),
  // the share called within 15 minutes; 1 when none is decided yet.
  double share_called_within_15 = 1;
  int booked_decided = 0;
  double share_booked_within_5 = 1;  // same, booked visitors, from max(booked time, arrival)
  double busy_min = 0;               // desks: call to finish of the tickets it served
  double load = 0;                   // desks: busy time / the office's open time that day
};

struct DayStats {
  Date day;
  GroupStats office;
  std::vector<GroupStats> by_service;  // sorted by service id
  std::vector<GroupStats> by_desk;     // sorted by desk id
};

// `open_minutes`: the office's opening time that day without breaks (desk load's denominator).
DayStats day_stats(const std::vector<Ticket>& tickets, Date day, Seconds now, double open_minutes);

// Opening minutes of a day, breaks excluded.
double open_minutes(const Office& office, Date day, const ProductionCalendar& calendar);

// One line per ticket, by issue time then sequence: number, service, kind, state, desk, times in
// the office's zone and the four durations in seconds. No personal data.
std::string tickets_csv(std::vector<Ticket> tickets, const Office& office);

}  // namespace okno::queue
