// The incremental call order (core/queue_index.hpp) against the full computation it replaces
// (issue 10, must-show 1; issue 16 item 8 for the deadline order): over seeded random days of
// walk-ins, booked visits (on time, early, late), priority groups, transfers to a service or a
// named desk, holds and unholds, calls, finishes and cancellations, with time moving forward (and
// now and then back, never before a ticket's arrival), after every step the index's call-next
// choice for every desk equals pick_next() and every waiting ticket's place equals its position in
// waiting_in_order(). R-VISIT-9 (who is next, how long they waited), R-VISIT-12.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "okno/queue.hpp"
#include "okno/queue_index.hpp"
#include "okno/slots.hpp"

namespace okno::queue {
namespace {

using namespace std::chrono_literals;

const Seconds kStart = parse_iso_instant("2026-11-30T06:00:00Z").value();

struct Day {
  QueuePolicy policy;
  std::vector<Desk> desks = {Desk{"1", {}, 1, {"passport"}},
                             Desk{"2", {}, 1, {"passport", "consultation"}},
                             Desk{"3", {}, 1, {"consultation", "pension"}},
                             Desk{"4", {}, 1, {"pension", "passport", "consultation"}}};
  std::vector<std::string> services = {"passport", "consultation", "pension"};
  std::vector<std::string> priorities = {"", "", "", "disability", "elderly", "pregnant", "x"};
  std::vector<Ticket> tickets;
  Seconds now = kStart;
  Seconds latest_arrival = kStart;
};

// Every check of one moment: each desk's next ticket, each waiting ticket's place, the counts.
void expect_same(Day& d, WaitingIndex& index, int step) {
  for (const auto& desk : d.desks) {
    auto want = pick_next(d.tickets, desk, d.now, d.policy);
    auto got = index.pick(desk, d.now);
    ASSERT_EQ(want.has_value(), got.has_value()) << "step " << step << " desk " << desk.id;
    if (want) {
      ASSERT_EQ(d.tickets[*want].id, *got) << "step " << step << " desk " << desk.id;
    }
  }
  std::map<std::string, int> counts;
  for (const auto& s : d.services) {
    // The full computation once per service: every waiting ticket's place is its position.
    const auto order = waiting_in_order(d.tickets, s, d.now, d.policy);
    if (!order.empty()) counts[s] = static_cast<int>(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      ASSERT_EQ(static_cast<int>(i), index.ahead(order[i]->id, d.now))
          << "step " << step << " ticket " << order[i]->id;
    }
  }
  ASSERT_EQ(counts, index.waiting_counts()) << "step " << step;
  for (const auto& s : d.services) {
    ASSERT_EQ(counts.contains(s) ? counts.at(s) : 0, index.waiting(s));
  }
}

void random_day(unsigned seed, int steps, const QueuePolicy& policy) {
  std::mt19937 rng(seed);
  auto roll = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Day d;
  d.policy = policy;
  d.tickets.reserve(static_cast<std::size_t>(steps) + 1);
  WaitingIndex index(d.policy);
  // Half the time the index is built from the tickets at some step, as the server rebuilds it
  // from the database; otherwise it follows every change from the start.
  std::optional<WaitingIndex> rebuilt;
  const int rebuild_at = roll(2) == 0 ? roll(steps) : -1;
  auto put = [&](const Ticket& t) {  // every change goes to both, once the second exists
    index.put(t);
    if (rebuilt) rebuilt->put(t);
  };
  for (int step = 0; step < steps; ++step) {
    const int what = roll(100);
    if (what < 35) {  // a walk-in or a checked-in booked visitor arrives
      Ticket t;
      t.id = static_cast<std::int64_t>(d.tickets.size()) + 1;
      t.service = t.origin_service = d.services[static_cast<std::size_t>(roll(3))];
      t.priority = d.priorities[static_cast<std::size_t>(roll(7))];
      t.issued_at = t.queued_at = d.now;
      if (roll(4) == 0) {
        t.kind = TicketKind::booked;
        t.booked_start = d.now + std::chrono::seconds{roll(3600) - 900};
        t.late = roll(5) == 0;
        if (t.late) t.kind = TicketKind::walk_in;
      }
      d.latest_arrival = std::max(d.latest_arrival, d.now);
      d.tickets.push_back(t);
      put(d.tickets.back());
    } else if (what < 55) {  // a desk calls next: the reference decides, the index must agree
      const Desk& desk = d.desks[static_cast<std::size_t>(roll(4))];
      if (auto i = pick_next(d.tickets, desk, d.now, d.policy)) {
        Ticket& t = d.tickets[*i];
        t.state = TicketState::called;
        t.desk = desk.id;
        t.target_desk.clear();
        put(t);
      }
    } else if (!d.tickets.empty() && what < 80) {  // something happens to a ticket
      Ticket& t = d.tickets[static_cast<std::size_t>(roll(static_cast<int>(d.tickets.size())))];
      const int move = roll(6);
      if (move == 0 && (t.state == TicketState::called || t.state == TicketState::serving)) {
        // Transfer: another service, sometimes to a named desk serving it; arrival kept.
        t.state = TicketState::waiting;
        t.service = d.services[static_cast<std::size_t>(roll(3))];
        t.target_desk.clear();
        if (roll(2) == 0) {
          for (const auto& desk : d.desks) {
            if (std::find(desk.services.begin(), desk.services.end(), t.service) !=
                    desk.services.end() &&
                roll(2) == 0)
              t.target_desk = desk.id;
          }
        }
        ++t.transfers;
      } else if (move == 1 && (t.state == TicketState::waiting || t.state == TicketState::called)) {
        t.state = TicketState::on_hold;  // never called by call-next
      } else if (move == 2 && t.state == TicketState::on_hold) {
        t.state = TicketState::waiting;  // unhold: back in line with its arrival
      } else if (move == 3 && t.state == TicketState::called) {
        t.state = TicketState::serving;
      } else if (move == 4 && t.state == TicketState::serving) {
        t.state = TicketState::finished;
      } else if (move == 5 &&
                 (t.state == TicketState::waiting || t.state == TicketState::on_hold)) {
        t.state = TicketState::cancelled;
      }
      put(t);
    } else if (what < 97) {  // time goes on: seconds, minutes, now and then most of an hour
      d.now += std::chrono::seconds{roll(10) == 0 ? roll(3000) : roll(120)};
    } else {  // the clock is set back a little, never before the latest arrival
      d.now = std::max(d.latest_arrival, d.now - std::chrono::seconds{roll(1800)});
    }
    if (step == rebuild_at) {
      rebuilt.emplace(d.policy);
      for (const auto& t : d.tickets) rebuilt->put(t);
    }
    ASSERT_NO_FATAL_FAILURE(expect_same(d, index, step)) << "seed " << seed;
    if (rebuilt) {
      ASSERT_NO_FATAL_FAILURE(expect_same(d, *rebuilt, step)) << "rebuilt, seed " << seed;
    }
  }
}

TEST(QueueIndex, EqualsTheFullComputationOverRandomDays) {
  // The shipped deadline order (issue 16 item 8): calm, due, late and lifted tickets.
  for (unsigned seed = 1; seed <= 12; ++seed) {
    ASSERT_NO_FATAL_FAILURE(random_day(seed, 3000, QueuePolicy{}));
  }
}

TEST(QueueIndex, EqualsTheFullComputationWithShortDeadlines) {
  // Minutes instead of a quarter of an hour: most tickets pass every phase within a few steps,
  // so all the trees are busy and the clock set back moves tickets back through them.
  QueuePolicy p;
  p.wait_target = std::chrono::minutes{2};
  p.walk_in_lead = std::chrono::minutes{1};
  p.booked_deadline = std::chrono::minutes{1};
  p.max_wait = std::chrono::minutes{3};
  for (unsigned seed = 100; seed <= 105; ++seed) {
    ASSERT_NO_FATAL_FAILURE(random_day(seed, 3000, p));
  }
  // A maximum wait shorter than the target: lifted the second it is late; no lead, no margin.
  p.wait_target = std::chrono::minutes{3};
  p.walk_in_lead = std::chrono::minutes{0};
  p.booked_deadline = std::chrono::minutes{0};
  p.max_wait = std::chrono::minutes{1};
  for (unsigned seed = 200; seed <= 202; ++seed) {
    ASSERT_NO_FATAL_FAILURE(random_day(seed, 3000, p));
  }
}

TEST(QueueIndex, EqualsTheFullComputationWithTodaysOrder) {
  // The order before issue 16 (okno-queue-sim's "today"), and a one-minute version of it.
  QueuePolicy p;
  p.wait_target = std::chrono::minutes{20};
  p.booked_deadline = std::chrono::minutes{0};
  p.walk_in_lead = std::chrono::minutes{0};
  p.missed_yields = false;
  for (unsigned seed = 300; seed <= 302; ++seed) {
    ASSERT_NO_FATAL_FAILURE(random_day(seed, 3000, p));
  }
  p.wait_target = std::chrono::minutes{1};
  for (unsigned seed = 310; seed <= 312; ++seed) {
    ASSERT_NO_FATAL_FAILURE(random_day(seed, 3000, p));
  }
}

TEST(QueueIndex, KnownOrderAndCounts) {
  // A small day by hand: a walk-in 3 minutes from its 15 (in the deadline order) beats a priority
  // ticket, which beats a plain one; a ticket sent to desk 2 is not desk 1's; a held ticket is
  // nobody's.
  QueuePolicy policy;
  WaitingIndex index(policy);
  auto ticket = [&](std::int64_t id, Seconds queued, std::string priority,
                    std::string target = {}) {
    Ticket t;
    t.id = id;
    t.service = t.origin_service = "passport";
    t.priority = std::move(priority);
    t.target_desk = std::move(target);
    t.issued_at = t.queued_at = queued;
    return t;
  };
  index.put(ticket(1, kStart, ""));
  index.put(ticket(2, kStart + 10min, "disability"));
  index.put(ticket(3, kStart + 11min, "", "2"));
  Ticket held = ticket(4, kStart + 1min, "disability");
  held.state = TicketState::on_hold;
  index.put(held);
  const Desk one{"1", {}, 1, {"passport"}};
  const Desk two{"2", {}, 1, {"passport"}};
  EXPECT_EQ(index.pick(one, kStart + 11min), 2);  // priority first while nobody is due
  EXPECT_EQ(index.ahead(1, kStart + 11min), 1);
  EXPECT_EQ(index.ahead(3, kStart + 11min), 2);
  EXPECT_EQ(index.pick(one, kStart + 12min), 1);  // ticket 1 waited 12 minutes: deadline order
  EXPECT_EQ(index.ahead(2, kStart + 12min), 1);
  EXPECT_EQ(index.pick(two, kStart + 11min), 2);
  EXPECT_EQ(index.waiting("passport"), 3);
  index.erase(2);
  EXPECT_EQ(index.pick(one, kStart + 11min), 1);
  EXPECT_EQ(index.pick(two, kStart + 11min), 1);  // 1 and 3 are plain: first come first
  EXPECT_EQ(index.waiting("passport"), 2);
  EXPECT_FALSE(index.pick(Desk{"9", {}, 1, {"pension"}}, kStart).has_value());
}

}  // namespace
}  // namespace okno::queue
