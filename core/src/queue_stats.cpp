// Day statistics of the queue and the CSV export (see queue_stats.hpp for the definitions).
#include "okno/queue_stats.hpp"

#include <algorithm>
#include <cstdio>

#include "okno/slots.hpp"

namespace okno::queue {

using namespace std::chrono;

namespace {

double minutes_of(seconds s) {
  return static_cast<double>(s.count()) / 60.0;
}

std::string local_time(const Office& office, std::optional<Seconds> t) {
  return t ? format_local_iso(office, *t) : std::string();
}

std::string secs(std::optional<seconds> s) {
  return s ? std::to_string(s->count()) : std::string();
}

}  // namespace

void GroupAccumulator::add(const Ticket& t, Seconds now) {
  GroupStats& g = g_;
  ++g.tickets;
  if (t.state == TicketState::finished) ++g.served;
  if (t.state == TicketState::no_show) ++g.no_shows;
  if (t.state == TicketState::cancelled) ++g.cancelled;
  if (t.state == TicketState::waiting || t.state == TicketState::on_hold) ++g.waiting;
  const TicketTimes times = ticket_times(t);
  if (times.wait) {
    wait_sum_ += minutes_of(*times.wait);
    ++g.timed_waits;
  }
  if (times.service) {
    service_sum_ += minutes_of(*times.service);
    ++g.timed_services;
  }
  // The 15-minute standard is decided once the ticket is called, or once 15 minutes passed
  // without a call (still waiting, or gone uncalled).
  const Seconds end_of_wait = t.first_called_at ? *t.first_called_at
                              : t.finished_at   ? *t.finished_at
                                                : now;
  if (t.first_called_at || end_of_wait - t.queued_at > kWaitStandard) {
    ++g.decided_15;
    if (t.first_called_at && *t.first_called_at - t.queued_at <= kWaitStandard) ++within_;
  }
  if (t.kind == TicketKind::booked && !t.late && t.booked_start) {
    const Seconds due = std::max(*t.booked_start, t.queued_at);
    if (t.first_called_at || end_of_wait - due > kBookedWaitStandard) {
      ++g.booked_decided;
      if (t.first_called_at && *t.first_called_at - due <= kBookedWaitStandard) ++booked_within_;
    }
  }
  if (t.state == TicketState::finished && t.called_at && t.finished_at) {
    g.busy_min += minutes_of(*t.finished_at - *t.called_at);
  }
}

GroupStats GroupAccumulator::result(std::string key, double open) const {
  GroupStats g = g_;
  g.key = std::move(key);
  g.avg_wait_min = g.timed_waits ? wait_sum_ / g.timed_waits : 0;
  g.avg_service_min = g.timed_services ? service_sum_ / g.timed_services : 0;
  g.share_called_within_15 = g.decided_15 ? static_cast<double>(within_) / g.decided_15 : 1;
  g.share_booked_within_5 =
      g.booked_decided ? static_cast<double>(booked_within_) / g.booked_decided : 1;
  g.load = open > 0 ? std::min(1.0, g.busy_min / open) : 0;
  return g;
}

DayStats day_stats(const std::vector<Ticket>& tickets, Date day, Seconds now,
                   double open_minutes_of_day) {
  GroupAccumulator office;
  std::map<std::string, GroupAccumulator> services, desks;
  for (const auto& t : tickets) {
    if (sys_days{t.day} != sys_days{day}) continue;
    office.add(t, now);
    services[t.origin_service].add(t, now);
    if (!t.desk.empty()) desks[t.desk].add(t, now);
  }
  DayStats out;
  out.day = day;
  out.office = office.result("", 0);
  for (auto& [id, acc] : services) out.by_service.push_back(acc.result(id, 0));
  for (auto& [id, acc] : desks) out.by_desk.push_back(acc.result(id, open_minutes_of_day));
  return out;
}

double open_minutes(const Office& office, Date day, const ProductionCalendar& calendar) {
  const DayHours h = office.hours_on(day, calendar);
  if (!h.open) return 0;
  auto total = h.open->end - h.open->begin;
  for (const auto& b : h.breaks) {
    const auto begin = std::max(b.begin, h.open->begin);
    const auto end = std::min(b.end, h.open->end);
    if (end > begin) total -= end - begin;
  }
  return static_cast<double>(total.count());
}

std::string tickets_csv(std::vector<Ticket> tickets, const Office& office) {
  // By issue time, then sequence: numbers wrap, so they never order a report.
  std::sort(tickets.begin(), tickets.end(), [](const Ticket& a, const Ticket& b) {
    return std::tie(a.issued_at, a.id) < std::tie(b.issued_at, b.id);
  });
  std::string out =
      "day,number,service,origin_service,kind,priority,state,desk,transfers,recalls,issued_at,"
      "first_called_at,started_at,finished_at,wait_s,walk_s,service_s,total_s\r\n";
  for (const auto& t : tickets) {
    const TicketTimes times = ticket_times(t);
    // Every field is an id, a number or a time: nothing needs quoting, nothing is personal.
    out += format_iso_date(t.day) + "," + t.display() + "," + t.service + "," + t.origin_service +
           "," + std::string(to_string(t.kind)) + "," + t.priority + "," +
           std::string(to_string(t.state)) + "," + t.desk + "," + std::to_string(t.transfers) +
           "," + std::to_string(t.recalls) + "," + format_local_iso(office, t.issued_at) + "," +
           local_time(office, t.first_called_at) + "," + local_time(office, t.started_at) + "," +
           local_time(office, t.finished_at) + "," + secs(times.wait) + "," + secs(times.walk) +
           "," + secs(times.service) + "," + secs(times.total) + "\r\n";
  }
  return out;
}

}  // namespace okno::queue
