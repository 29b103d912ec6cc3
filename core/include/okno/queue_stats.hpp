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
  // How many tickets each figure is over: a share or an average over none is "no data", never
  // 100% or 0 (issue 16 item 5). decided_15: tickets whose 15 minutes are decided; timed_waits:
  // called tickets (avg_wait_min); timed_services: finished ones (avg_service_min).
  int decided_15 = 0;
  int timed_waits = 0;
  int timed_services = 0;
};

// Adds tickets one by one into one group's figures: day_stats() and the period reports
// (okno/reports.hpp) share it.
class GroupAccumulator {
 public:
  void add(const Ticket& t, Seconds now);
  // The figures so far; `open_minutes` is desk load's denominator (0: no load).
  GroupStats result(std::string key, double open_minutes) const;

 private:
  GroupStats g_;
  double wait_sum_ = 0;
  double service_sum_ = 0;
  int within_ = 0;
  int booked_within_ = 0;
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
