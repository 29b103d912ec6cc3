// okno-queue-sim (issue 16 item 8, docs/queue.md "Who is called next"): a realistic office day
// played through the real queue code — QueuePolicy, checkin_verdict(), WaitingIndex (the order the
// server keeps) checked against pick_next() (the definition) on every call, and day_stats() for the
// shares — once with today's order and once with the booked-deadline order, on the same random
// seeds, so both see exactly the same visitors, bookings and service times.
//
// The day: 09:00–18:00 Moscow, 4 desks serving both services, each desk away 30 minutes over
// lunch (staggered 12:00–14:00); walk-ins arrive as a Poisson stream whose rate has a morning and
// a lunch peak and an after-work rise, until 17:30; 1 in 10 walk-ins is in a priority group;
// bookings at 20-minute slots (2 places each, 85 % booked, 12 % no-shows) arrive around their
// slot (normal, 4 minutes early on average, sd 6: some too early, some late past the check-in
// window); service times are log-normal (passport mean 12 min, benefits 8 min), 30 s to walk to
// the desk.
//
//   okno-queue-sim [--seeds 1-20] [--load 1.0] [--quiet]   (docs/queue.md has the numbers)
// --lead, --booked-deadline, --max-wait, --no-yield change the new rule's numbers, for a sweep.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <queue>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "okno/queue.hpp"
#include "okno/queue_index.hpp"
#include "okno/queue_stats.hpp"
#include "okno/slots.hpp"

namespace {

using namespace okno;
using namespace okno::queue;
using namespace std::chrono;
using namespace std::chrono_literals;

const Seconds kOpen = parse_iso_instant("2026-12-01T06:00:00Z").value();  // 09:00 Moscow
constexpr int kDesks = 4;

struct ServiceKind {
  std::string id;
  double share;         // of visitors
  double mean_minutes;  // service time
};
const std::vector<ServiceKind> kServices = {{"passport", 0.6, 12.0}, {"benefits", 0.4, 8.0}};

// Walk-ins per hour (the whole office) by time of day, minutes after 09:00.
double walk_in_rate(double minute) {
  if (minute < 30) return 9;    // 09:00 opening
  if (minute < 150) return 16;  // 09:30–11:30 morning peak
  if (minute < 210) return 10;
  if (minute < 300) return 15;  // 12:30–14:00 lunch peak
  if (minute < 450) return 9;
  if (minute < 510) return 12;  // 16:30–17:30 after work
  return 0;                     // no walk-ins in the last half hour
}

// One visitor as the seed makes them: the same for every rule.
struct Visitor {
  Seconds arrival;
  std::string service;
  std::string priority;
  std::optional<Seconds> booked_start;
  seconds service_time;
};

std::vector<Visitor> make_day(unsigned seed, double load) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto service = [&] {
    const double x = u(rng);
    double acc = 0;
    for (const auto& s : kServices) {
      acc += s.share;
      if (x < acc) return s;
    }
    return kServices.back();
  };
  auto service_time = [&](const ServiceKind& s) {
    // Log-normal with the service's mean and sigma 0.45 (a long right tail).
    const double sigma = 0.45;
    std::lognormal_distribution<double> d(std::log(s.mean_minutes) - sigma * sigma / 2, sigma);
    return seconds{static_cast<long>(std::clamp(d(rng), 2.0, 60.0) * 60)};
  };
  std::vector<Visitor> out;
  // Walk-ins: thinning of a Poisson stream at the peak rate.
  const double peak = 16.0 * load;
  std::exponential_distribution<double> gap(peak / 60.0);  // per minute
  for (double m = gap(rng); m < 540; m += gap(rng)) {
    if (u(rng) * peak > walk_in_rate(m) * load) continue;
    Visitor v;
    v.arrival = kOpen + seconds{static_cast<long>(m * 60)};
    const auto s = service();
    v.service = s.id;
    const double p = u(rng);
    v.priority = p < 0.03   ? "disability"
                 : p < 0.08 ? "elderly"
                 : p < 0.09 ? "pregnant"
                 : p < 0.10 ? "small_children"
                            : "";
    v.service_time = service_time(s);
    out.push_back(v);
  }
  // Bookings: 2 places every 20 minutes from 09:00 to 17:20.
  std::normal_distribution<double> offset(-4.0, 6.0);  // minutes relative to the slot
  for (int slot = 0; slot < 26; ++slot) {
    for (int place = 0; place < 2; ++place) {
      if (u(rng) > 0.85) continue;  // not booked
      const bool no_show = u(rng) < 0.12;
      const double off = offset(rng);
      const auto s = service();
      const auto st = service_time(s);
      if (no_show) continue;
      Visitor v;
      v.booked_start = kOpen + minutes{20 * slot};
      v.arrival = *v.booked_start + seconds{static_cast<long>(off * 60)};
      v.service = s.id;
      v.service_time = st;
      out.push_back(v);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Visitor& a, const Visitor& b) { return a.arrival < b.arrival; });
  return out;
}

struct Outcome {
  double booked_within_5 = 0, walk_in_within_15 = 0;
  double booked_mean = 0, booked_p90 = 0, walk_in_mean = 0, walk_in_p90 = 0;
  double priority_mean = 0, priority_p90 = 0, walk_in_max = 0;
  double desk_load = 0;  // call to finish over 9 open hours, mean of the desks
  int booked = 0, walk_ins = 0, priority = 0, late = 0;
};

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}
double p90(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(v.size()))) - 1];
}

Outcome play(const std::vector<Visitor>& visitors, const QueuePolicy& policy) {
  Office office;
  office.id = "sim";
  office.time_zone_name = "Europe/Moscow";
  office.zone = date::locate_zone(office.time_zone_name);
  std::vector<Desk> desks;
  for (int i = 1; i <= kDesks; ++i)
    desks.push_back(Desk{std::to_string(i), {}, 1, {"passport", "benefits"}});

  std::vector<Ticket> tickets;
  tickets.reserve(visitors.size());
  std::vector<seconds> service_time;
  WaitingIndex index(policy);

  // Events: an arrival (a visitor at the kiosk) or a desk becoming free, in time order.
  struct Event {
    Seconds at;
    int order;  // arrivals before desks at the same second, then by number
    int what;   // >= 0: visitor index; < 0: desk -(i+1) free
    bool operator>(const Event& o) const {
      return std::tie(at, order, what) > std::tie(o.at, o.order, o.what);
    }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  for (std::size_t i = 0; i < visitors.size(); ++i)
    events.push({visitors[i].arrival, 0, static_cast<int>(i)});
  std::vector<bool> idle(kDesks, true);
  std::vector<bool> had_break(kDesks, false);
  std::vector<Seconds> break_at;
  for (int i = 0; i < kDesks; ++i) break_at.push_back(kOpen + 3h + minutes{30 * i});
  constexpr int kLunch = 1000;  // what = -(kLunch + i): desk i's lunch time has come
  for (int i = 0; i < kDesks; ++i) events.push({break_at[i], 1, -(kLunch + i)});

  // A free desk calls next, or goes to lunch when its time has come, or waits.
  auto desk_free = [&](int d, Seconds now) {
    if (!had_break[d] && now >= break_at[d]) {
      had_break[d] = true;
      idle[d] = false;
      events.push({now + 30min, 1, -(d + 1)});
      return;
    }
    auto got = index.pick(desks[d], now);
    auto want = pick_next(tickets, desks[d], now, policy);
    if (got.has_value() != want.has_value() || (got && tickets[*want].id != *got)) {
      std::fprintf(stderr, "WaitingIndex disagrees with pick_next at desk %d\n", d + 1);
      std::exit(2);
    }
    if (!want) {
      idle[d] = true;
      return;
    }
    Ticket& t = tickets[*want];
    t.state = TicketState::called;
    t.desk = desks[d].id;
    t.first_called_at = t.called_at = now;
    t.started_at = now + 30s;
    t.finished_at = *t.started_at + service_time[*want];
    t.state = TicketState::finished;
    index.put(t);
    idle[d] = false;
    events.push({*t.finished_at, 1, -(d + 1)});
  };

  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    if (e.what <= -kLunch) {  // an idle desk goes now, a busy one after its visitor
      if (idle[-e.what - kLunch]) desk_free(-e.what - kLunch, e.at);
      continue;
    }
    if (e.what < 0) {
      desk_free(-e.what - 1, e.at);
      continue;
    }
    const Visitor& v = visitors[static_cast<std::size_t>(e.what)];
    Ticket t;
    t.id = static_cast<std::int64_t>(tickets.size()) + 1;
    t.office = office.id;
    t.service = t.origin_service = v.service;
    t.priority = v.priority;
    t.day = local_date(office, e.at);
    t.issued_at = t.queued_at = e.at;
    if (v.booked_start) {
      switch (checkin_verdict(office, *v.booked_start, e.at, policy)) {
        case CheckinVerdict::too_early:  // the kiosk says "come back at …": they do
          events.push({*v.booked_start - policy.checkin_early, 0, e.what});
          continue;
        case CheckinVerdict::on_time:
          t.kind = TicketKind::booked;
          t.booked_start = v.booked_start;
          break;
        case CheckinVerdict::late_walk_in:
          t.late = true;
          t.booked_start = v.booked_start;
          break;
        case CheckinVerdict::too_late:
          continue;
      }
    }
    tickets.push_back(t);
    service_time.push_back(v.service_time);
    index.put(tickets.back());
    for (int d = 0; d < kDesks; ++d) {
      if (idle[d]) {
        desk_free(d, e.at);
        break;
      }
    }
  }

  Outcome r;
  std::vector<Ticket> walk_ins;
  std::vector<double> booked_w, walk_w, prio_w;
  for (const auto& t : tickets) {
    const double called = static_cast<double>(t.first_called_at->time_since_epoch().count());
    if (t.kind == TicketKind::booked) {
      const auto due = std::max(*t.booked_start, t.queued_at);
      booked_w.push_back(
          std::max(0.0, (called - static_cast<double>(due.time_since_epoch().count())) / 60));
    } else {
      walk_ins.push_back(t);
      const double w = (called - static_cast<double>(t.queued_at.time_since_epoch().count())) / 60;
      walk_w.push_back(w);
      if (!t.priority.empty()) prio_w.push_back(w);
      if (t.late) ++r.late;
    }
  }
  const Date day = local_date(office, kOpen);
  const Seconds end = kOpen + 24h;
  const DayStats all = day_stats(tickets, day, end, 540);
  r.booked_within_5 = all.office.share_booked_within_5;
  for (const auto& d : all.by_desk) r.desk_load += d.load / kDesks;
  r.walk_in_within_15 = day_stats(walk_ins, day, end, 540).office.share_called_within_15;
  r.booked = static_cast<int>(booked_w.size());
  r.walk_ins = static_cast<int>(walk_w.size());
  r.priority = static_cast<int>(prio_w.size());
  r.booked_mean = mean(booked_w);
  r.booked_p90 = p90(booked_w);
  r.walk_in_mean = mean(walk_w);
  r.walk_in_p90 = p90(walk_w);
  r.priority_mean = mean(prio_w);
  r.priority_p90 = p90(prio_w);
  r.walk_in_max = walk_w.empty() ? 0 : *std::max_element(walk_w.begin(), walk_w.end());
  return r;
}

void print_row(const char* rule, const std::string& seed, const Outcome& r) {
  std::printf(
      "| %-5s | %4s | %3d | %3d | %5.1f %% | %5.1f %% | %4.1f / %4.1f | %4.1f / %4.1f | %4.1f / "
      "%4.1f | %4.1f |\n",
      rule, seed.c_str(), r.booked, r.walk_ins, 100 * r.booked_within_5, 100 * r.walk_in_within_15,
      r.booked_mean, r.booked_p90, r.walk_in_mean, r.walk_in_p90, r.priority_mean, r.priority_p90,
      r.walk_in_max);
}

Outcome average(const std::vector<Outcome>& rs) {
  auto avg = [&](auto Outcome::*f) {
    double s = 0;
    for (const auto& r : rs) s += static_cast<double>(r.*f);
    return s / static_cast<double>(rs.size());
  };
  Outcome m;
  m.booked_within_5 = avg(&Outcome::booked_within_5);
  m.walk_in_within_15 = avg(&Outcome::walk_in_within_15);
  m.booked_mean = avg(&Outcome::booked_mean);
  m.booked_p90 = avg(&Outcome::booked_p90);
  m.walk_in_mean = avg(&Outcome::walk_in_mean);
  m.walk_in_p90 = avg(&Outcome::walk_in_p90);
  m.priority_mean = avg(&Outcome::priority_mean);
  m.priority_p90 = avg(&Outcome::priority_p90);
  m.walk_in_max = avg(&Outcome::walk_in_max);
  m.desk_load = avg(&Outcome::desk_load);
  m.booked = static_cast<int>(std::lround(avg(&Outcome::booked)));
  m.walk_ins = static_cast<int>(std::lround(avg(&Outcome::walk_ins)));
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned first = 1, last = 20;
  double load = 1.0;
  bool quiet = false;
  QueuePolicy fresh;  // the shipped defaults (assets/queue.toml), or as the flags say
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      const bool has_value = i + 1 < argc;
      if (a == "--seeds" && has_value) {
        const std::string v = argv[++i];
        const auto dash = v.find('-');
        first = static_cast<unsigned>(std::stoul(v.substr(0, dash)));
        last = dash == std::string::npos ? first
                                         : static_cast<unsigned>(std::stoul(v.substr(dash + 1)));
        if (last < first) throw std::invalid_argument("seeds");
      } else if (a == "--load" && has_value) {
        load = std::stod(argv[++i]);
        if (!(load > 0 && load < 5)) throw std::invalid_argument("load");
      } else if (a == "--lead" && has_value) {
        fresh.walk_in_lead = minutes{std::stoi(argv[++i])};
      } else if (a == "--booked-deadline" && has_value) {
        fresh.booked_deadline = minutes{std::stoi(argv[++i])};
      } else if (a == "--max-wait" && has_value) {
        fresh.max_wait = minutes{std::stoi(argv[++i])};
      } else if (a == "--no-yield") {
        fresh.missed_yields = false;
      } else if (a == "--quiet") {
        quiet = true;
      } else {
        throw std::invalid_argument(a);
      }
    }
  } catch (const std::exception&) {
    std::fprintf(stderr,
                 "usage: okno-queue-sim [--seeds 1-20] [--load 1.0] [--lead MIN] "
                 "[--booked-deadline MIN] [--max-wait MIN] [--no-yield] [--quiet]\n");
    return 1;
  }
  // Today's order (main before issue 16 item 8): booked visits urgent at their time, other
  // tickets after 20 minutes, by the instant each became urgent — the deadline rule with the
  // deadlines at those instants and nobody yielding (queue_policy_test checks it).
  QueuePolicy today;
  today.wait_target = 20min;
  today.booked_deadline = 0min;
  today.walk_in_lead = 0min;
  today.missed_yields = false;

  std::printf(
      "load %.2f, seeds %u-%u; new: walk_in_lead %lld, booked_deadline %lld, "
      "max_wait %lld, missed_yields %s\n\n",
      load, first, last, static_cast<long long>(fresh.walk_in_lead.count()),
      static_cast<long long>(fresh.booked_deadline.count()),
      static_cast<long long>(fresh.max_wait.count()), fresh.missed_yields ? "on" : "off");
  std::printf(
      "| rule  | seed | bkd | wlk | bkd ≤5  | wlk ≤15 | bkd mean/p90 | wlk mean/p90 | prio "
      "mean/p90 | wlk max |\n");
  std::printf(
      "|-------|------|-----|-----|---------|---------|--------------|--------------|-----------"
      "----|---------|\n");
  std::vector<Outcome> before, after;
  int booked_better = 0, walk_in_better = 0;
  for (unsigned seed = first; seed <= last; ++seed) {
    const auto day = make_day(seed, load);  // the same visitors for both rules
    before.push_back(play(day, today));
    after.push_back(play(day, fresh));
    if (!quiet) {
      print_row("today", std::to_string(seed), before.back());
      print_row("new", std::to_string(seed), after.back());
    }
    booked_better += after.back().booked_within_5 >= before.back().booked_within_5;
    walk_in_better += after.back().walk_in_within_15 >= before.back().walk_in_within_15;
  }
  print_row("today", "mean", average(before));
  print_row("new", "mean", average(after));
  const unsigned n = last - first + 1;
  std::printf("\ndesks busy (call to finish) %.0f %% of the 9 open hours, lunch included\n",
              100 * average(before).desk_load);
  std::printf(
      "\nnew at least as good as today: booked ≤5 on %d of %u days, walk-ins ≤15 on %d of "
      "%u days\n",
      booked_better, n, walk_in_better, n);
  return 0;
}
