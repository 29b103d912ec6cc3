// The queue policy without storage (core/queue.hpp): who is called next, the state machine,
// numbering per local office day, the check-in window, statistics.
#include <gtest/gtest.h>

#include "okno/queue.hpp"
#include "okno/queue_stats.hpp"
#include "okno/slots.hpp"

namespace okno::queue {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

Seconds at(std::string_view iso) {
  auto t = parse_iso_instant(iso);
  EXPECT_TRUE(t) << iso;
  return t.value_or(Seconds{});
}

Office office_in(const char* zone) {
  Office o;
  o.id = "o";
  o.time_zone_name = zone;
  o.zone = date::locate_zone(zone);
  o.desks = {Desk{"1", {}, 1, {"passport"}}, Desk{"2", {}, 1, {"passport", "consultation"}}};
  return o;
}

struct Queue {
  Queue() { tickets.reserve(256); }  // references returned by add() stay valid
  std::vector<Ticket> tickets;
  std::int64_t next_id = 1;
  Ticket& add(Seconds queued, std::string priority = {}, std::string service = "passport") {
    Ticket t;
    t.id = next_id++;
    t.service = t.origin_service = std::move(service);
    t.number = static_cast<int>(t.id);
    t.priority = std::move(priority);
    t.issued_at = t.queued_at = queued;
    tickets.push_back(t);
    return tickets.back();
  }
  Ticket& booked(Seconds arrived, Seconds start) {
    Ticket& t = add(arrived);
    t.kind = TicketKind::booked;
    t.booked_start = start;
    return t;
  }
  // A booked visitor who came after the check-in window: a walk-in ticket marked late.
  Ticket& late(Seconds arrived, Seconds start) {
    Ticket& t = booked(arrived, start);
    t.late = true;
    t.kind = TicketKind::walk_in;
    return t;
  }
  // Calls next at `desk` and returns the called ticket's id (0: nobody waits).
  std::int64_t call(const Desk& desk, Seconds now, const QueuePolicy& p) {
    auto i = pick_next(tickets, desk, now, p);
    if (!i) return 0;
    tickets[*i].state = TicketState::called;
    return tickets[*i].id;
  }
};

const Desk kDesk{"1", {}, 1, {"passport"}};
const Seconds kNine = at("2026-11-30T06:00:00Z");  // 09:00 Moscow

TEST(QueuePolicy, EqualTicketsAreCalledFirstComeFirstServedBySequence) {
  QueuePolicy p;
  Queue q;
  // Same arrival second, same everything: the monotonic sequence decides, never the number.
  auto& a = q.add(kNine);
  auto& b = q.add(kNine);
  auto& c = q.add(kNine);
  a.number = 999;
  b.number = 1;  // numbers wrap: they must not order anything
  c.number = 500;
  const Seconds now = kNine + 1min;
  EXPECT_EQ(q.call(kDesk, now, p), 1);
  EXPECT_EQ(q.call(kDesk, now, p), 2);
  EXPECT_EQ(q.call(kDesk, now, p), 3);
  EXPECT_EQ(q.call(kDesk, now, p), 0);
}

TEST(QueuePolicy, CallKeyIsAStrictWeakOrderingThatNeverCallsTwoTicketsEqual) {
  QueuePolicy p;
  Queue q;
  for (int i = 0; i < 30; ++i) q.add(kNine + seconds{i % 3}, i % 4 == 0 ? "elderly" : "");
  const Seconds now = kNine + 5min;
  for (const auto& x : q.tickets) {
    EXPECT_FALSE(call_key(x, now, p) < call_key(x, now, p));  // irreflexive
    for (const auto& y : q.tickets) {
      if (x.id != y.id) {
        EXPECT_NE(call_key(x, now, p) < call_key(y, now, p),
                  call_key(y, now, p) < call_key(x, now, p));
      }
    }
  }
}

TEST(QueuePolicy, BookedVisitWhoseTimeHasComeGoesBeforePriorityAndLongerWaits) {
  QueuePolicy p;
  Queue q;
  q.add(kNine, "");                       // 1: walk-in, waited longest
  q.add(kNine + 1min, "disability");      // 2: priority
  q.booked(kNine + 2min, kNine + 10min);  // 3: booked at 09:10
  // 09:05: the booking is not due yet, so priority first, then the long wait.
  EXPECT_EQ(q.call(kDesk, kNine + 5min, p), 2);
  // 09:10: the booked visitor's time has come.
  EXPECT_EQ(q.call(kDesk, kNine + 10min, p), 3);
  EXPECT_EQ(q.call(kDesk, kNine + 10min, p), 1);
}

TEST(QueuePolicy, PriorityGroupsGoByRankThenArrival) {
  QueuePolicy p;
  Queue q;
  q.add(kNine, "");
  q.add(kNine + 1min, "elderly");
  q.add(kNine + 2min, "disability");
  q.add(kNine + 3min, "pregnant");
  const Seconds now = kNine + 4min;
  EXPECT_EQ(q.call(kDesk, now, p), 3);  // rank 1
  EXPECT_EQ(q.call(kDesk, now, p), 2);  // rank 2, earlier
  EXPECT_EQ(q.call(kDesk, now, p), 4);  // rank 2, later
  EXPECT_EQ(q.call(kDesk, now, p), 1);
}

// Issue 16 item 8: the deadline order (docs/queue.md "Who is called next"), with the shipped
// numbers: a walk-in's deadline is 15 minutes after arrival and it joins the order 3 minutes
// before; a booked visitor joins at the later of the booked time and the arrival, deadline 2
// minutes later (inside the regional 5); a walk-in past 15 minutes yields until it waited 35.

TEST(QueuePolicy, ShippedDeadlineNumbers) {
  const QueuePolicy p;
  EXPECT_EQ(p.wait_target, 15min);
  EXPECT_EQ(p.booked_deadline, 2min);
  EXPECT_EQ(p.walk_in_lead, 3min);
  EXPECT_TRUE(p.missed_yields);
  EXPECT_EQ(p.max_wait, 35min);
}

TEST(QueuePolicy, BookedOnTimeGoesBeforeAWalkInWhoCanStillBeCalledInTime) {
  QueuePolicy p;
  Queue q;
  q.add(kNine);                                   // 1: walk-in, deadline 09:15
  q.add(kNine + 1min);                            // 2: walk-in, deadline 09:16
  q.booked(kNine + 8min, kNine + 10min);          // 3: booked 09:10, came 09:08
  EXPECT_EQ(q.call(kDesk, kNine + 9min, p), 1);   // 3 is not due yet: first come first served
  EXPECT_EQ(q.call(kDesk, kNine + 10min, p), 3);  // due: before 2, who waited 9 minutes
  q.booked(kNine + 11min + 30s, kNine + 10min);   // 4: booked 09:10, came 09:11:30
  // 4's deadline is 09:13:30, 2's 09:16: at 09:13 (2 waited 12 minutes and is in the deadline
  // order too) 4 still goes first, and 2 can still be called within 15 minutes after it.
  EXPECT_EQ(q.call(kDesk, kNine + 13min, p), 4);
  EXPECT_EQ(q.call(kDesk, kNine + 13min, p), 2);
}

TEST(QueuePolicy, WalkInNearFifteenMinutesGoesFirstWhenTheBookedVisitorCanStillBeCalledInTime) {
  QueuePolicy p;
  Queue q;
  q.add(kNine);                            // 1: walk-in, deadline 09:15
  q.booked(kNine + 10min, kNine + 14min);  // 2: booked 09:14, deadline 09:16
  const Seconds now = kNine + 14min;       // the walk-in waited 14 minutes
  EXPECT_EQ(q.call(kDesk, now, p), 1);
  EXPECT_EQ(q.call(kDesk, now + 1min, p), 2);  // and the booked visitor within 1 minute of 09:14
  // A walk-in who waited less (deadline 09:17) does not go before the due booked visitor.
  Queue r;
  r.add(kNine + 2min);
  r.booked(kNine + 10min, kNine + 14min);
  EXPECT_EQ(r.call(kDesk, now, p), 2);
}

TEST(QueuePolicy, PriorityGroupsGoFirstUntilAWalkInNearsFifteenMinutes) {
  QueuePolicy p;
  Queue q;
  q.add(kNine, "");  // the plain ticket: deadline 09:15, in the deadline order from 09:12
  for (int i = 1; i <= 10; ++i) q.add(kNine + minutes{i}, "disability");
  // Before 09:12 every priority ticket goes first...
  EXPECT_EQ(q.call(kDesk, kNine + 11min, p), 2);
  // ...from 09:12 the plain ticket's deadline comes before theirs (theirs are 15 minutes too).
  EXPECT_EQ(q.call(kDesk, kNine + 12min, p), 1);
  EXPECT_EQ(q.call(kDesk, kNine + 12min, p), 3);
  // A due booked visitor goes before priority groups, as before.
  Queue r;
  r.add(kNine, "disability");
  r.booked(kNine, kNine + 5min);
  EXPECT_EQ(r.call(kDesk, kNine + 4min, p), 1);
  r.tickets[0].state = TicketState::waiting;
  EXPECT_EQ(r.call(kDesk, kNine + 5min, p), 2);
}

TEST(QueuePolicy, EarlyBookedVisitorWaitsAsAWalkInUntilTheirTime) {
  QueuePolicy p;
  Queue q;
  q.booked(kNine, kNine + 15min);  // 1: came 15 minutes early (the check-in window's start)
  q.add(kNine + 1min, "elderly");  // 2: priority
  q.add(kNine + 2min);             // 3: plain, came after the booked visitor
  EXPECT_EQ(q.call(kDesk, kNine + 5min, p), 2);  // before its time: priority first...
  EXPECT_EQ(q.call(kDesk, kNine + 5min, p), 1);  // ...then by arrival, so earlier than booked
  Queue r;
  r.booked(kNine, kNine + 15min);
  r.add(kNine + 4min, "elderly");
  r.add(kNine + 4min, "elderly");  // in the deadline order from 09:16
  EXPECT_EQ(r.call(kDesk, kNine + 5min, p), 2);
  EXPECT_EQ(r.call(kDesk, kNine + 15min, p), 1);  // its time has come: before priority
}

TEST(QueuePolicy, LateBookedVisitorCountsFromArrivalLikeAWalkIn) {
  QueuePolicy p;
  Queue q;
  q.late(kNine, kNine - 30min);  // booked 08:30, came 09:00: a walk-in ticket
  q.add(kNine + 1min, "disability");
  // Not due at 08:30 + 2 min: its deadline is 09:15, so the priority ticket goes first at 09:05
  // and it goes first from 09:12.
  EXPECT_EQ(q.call(kDesk, kNine + 5min, p), 2);
  q.tickets[1].state = TicketState::waiting;
  EXPECT_EQ(q.call(kDesk, kNine + 12min, p), 1);
}

TEST(QueuePolicy, WalkInPastItsDeadlineYieldsUntilTheMaximumWait) {
  QueuePolicy p;
  Queue q;
  q.add(kNine);                        // 1: deadline 09:15, late from 09:15:01, lifted at 09:35
  q.add(kNine + 6min);                 // 2: deadline 09:21
  q.add(kNine + 10min, "disability");  // 3: priority, deadline 09:25
  // 09:20: 1 has missed 15 minutes, 2 can still make it: 2 first, then 1 before the priority
  // ticket that is not in the deadline order (yielding is to the deadline order only).
  EXPECT_EQ(q.call(kDesk, kNine + 20min, p), 2);
  EXPECT_EQ(q.call(kDesk, kNine + 20min, p), 1);
  Queue r;
  r.add(kNine);
  r.add(kNine + 21min);  // deadline 09:36, in the deadline order from 09:33
  EXPECT_EQ(r.call(kDesk, kNine + 34min, p), 2);  // 1 still yields at 09:34...
  r.tickets[1].state = TicketState::waiting;
  EXPECT_EQ(r.call(kDesk, kNine + 35min, p), 1);  // ...and goes first from 35 minutes
  // Without missed_yields a late walk-in keeps its deadline: the earliest, so first.
  QueuePolicy strict = p;
  strict.missed_yields = false;
  r.tickets[0].state = TicketState::waiting;
  EXPECT_EQ(r.call(kDesk, kNine + 34min, strict), 1);
}

TEST(QueuePolicy, BookedVisitorPastItsDeadlineNeverYields) {
  QueuePolicy p;
  Queue q;
  q.booked(kNine, kNine);  // due 09:00, deadline 09:02
  q.add(kNine - 4min);     // deadline 09:11
  EXPECT_EQ(q.call(kDesk, kNine + 10min, p), 1);
}

TEST(QueuePolicy, TodaysOrderIsTheDeadlineRuleWithDeadlinesAtUrgency) {
  // The order before issue 16 (okno-queue-sim's "today"): booked visits urgent at their time,
  // other tickets after 20 minutes, by when each became urgent; nobody yields.
  QueuePolicy p;
  p.wait_target = 20min;
  p.booked_deadline = 0min;
  p.walk_in_lead = 0min;
  p.missed_yields = false;
  Queue q;
  q.add(kNine);  // the plain ticket
  for (int i = 1; i <= 10; ++i) q.add(kNine + minutes{i}, "disability");
  EXPECT_EQ(q.call(kDesk, kNine + 19min, p), 2);
  EXPECT_EQ(q.call(kDesk, kNine + 20min, p), 1);
  EXPECT_EQ(q.call(kDesk, kNine + 20min, p), 3);
  Queue r;
  r.add(kNine);                            // urgent from 09:20
  r.booked(kNine + 10min, kNine + 15min);  // urgent from 09:15
  EXPECT_EQ(r.call(kDesk, kNine + 25min, p), 2);
  EXPECT_EQ(r.call(kDesk, kNine + 25min, p), 1);
}

TEST(QueuePolicy, LateBookedVisitorIsAnOrdinaryWalkIn) {  // first come first served
  QueuePolicy p;
  Queue q;
  q.add(kNine);
  q.late(kNine + 1min, kNine - 30min);
  EXPECT_EQ(q.call(kDesk, kNine + 2min, p), 1);
  EXPECT_EQ(q.call(kDesk, kNine + 2min, p), 2);
}

TEST(QueuePolicy, DeskCallsOnlyItsServicesAndTicketsTransferredToIt) {
  QueuePolicy p;
  Queue q;
  q.add(kNine, "", "consultation");
  auto& to_two = q.add(kNine + 1min);
  to_two.target_desk = "2";
  q.add(kNine + 2min);
  const Desk desk2{"2", {}, 1, {"passport", "consultation"}};
  EXPECT_EQ(q.call(kDesk, kNine + 3min, p), 3);  // desk 1: no consultation, not desk 2's ticket
  EXPECT_EQ(q.call(kDesk, kNine + 3min, p), 0);
  EXPECT_EQ(q.call(desk2, kNine + 3min, p), 1);
  EXPECT_EQ(q.call(desk2, kNine + 3min, p), 2);
}

TEST(QueuePolicy, OnHoldTicketsAreNeverCalledByCallNext) {
  QueuePolicy p;
  Queue q;
  q.add(kNine).state = TicketState::on_hold;
  EXPECT_EQ(q.call(kDesk, kNine + 1h, p), 0);
}

TEST(QueueStateMachine, LegalMovesFollowTheOneTable) {
  using S = TicketState;
  const std::tuple<S, Action, S> legal[] = {
      {S::waiting, Action::call, S::called},     {S::called, Action::recall, S::called},
      {S::called, Action::start, S::serving},    {S::serving, Action::finish, S::finished},
      {S::called, Action::no_show, S::no_show},  {S::serving, Action::transfer, S::waiting},
      {S::called, Action::transfer, S::waiting}, {S::waiting, Action::hold, S::on_hold},
      {S::called, Action::hold, S::on_hold},     {S::on_hold, Action::unhold, S::waiting},
      {S::on_hold, Action::call, S::called},     {S::waiting, Action::cancel, S::cancelled},
  };
  for (const auto& [from, action, to] : legal) {
    auto r = next_state(from, action);
    ASSERT_TRUE(r) << to_string(action) << " from " << to_string(from);
    EXPECT_EQ(*r, to);
  }
}

TEST(QueueStateMachine, IllegalMovesAreRefused) {
  using S = TicketState;
  const std::pair<S, Action> illegal[] = {
      {S::waiting, Action::start},  {S::waiting, Action::finish},    {S::waiting, Action::no_show},
      {S::called, Action::finish},  {S::serving, Action::call},      {S::serving, Action::no_show},
      {S::serving, Action::recall}, {S::finished, Action::call},     {S::finished, Action::cancel},
      {S::no_show, Action::call},   {S::cancelled, Action::call},    {S::on_hold, Action::start},
      {S::waiting, Action::recall}, {S::finished, Action::transfer},
  };
  for (const auto& [from, action] : illegal) {
    auto r = next_state(from, action);
    ASSERT_FALSE(r) << to_string(action) << " from " << to_string(from);
    EXPECT_EQ(r.error().code, ErrorCode::illegal_transition);
  }
  // Final states accept nothing at all.
  for (S s : {S::finished, S::no_show, S::cancelled}) {
    EXPECT_TRUE(is_final(s));
    for (Action a : {Action::call, Action::recall, Action::start, Action::finish, Action::no_show,
                     Action::transfer, Action::hold, Action::unhold, Action::cancel}) {
      EXPECT_FALSE(next_state(s, a));
    }
  }
}

TEST(QueueStateMachine, NoShowOnlyAfterTheConfiguredRecalls) {
  QueuePolicy p;
  p.recalls_before_no_show = 2;
  Ticket t;
  t.state = TicketState::called;
  EXPECT_EQ(check_action(t, Action::no_show, p).error().code, ErrorCode::recall_first);
  t.recalls = 1;
  EXPECT_EQ(check_action(t, Action::no_show, p).error().code, ErrorCode::recall_first);
  t.recalls = 2;
  EXPECT_EQ(check_action(t, Action::no_show, p).value(), TicketState::no_show);
}

TEST(QueueStateMachine, AtMostTwoTransfersPerTicket) {
  QueuePolicy p;
  Ticket t;
  t.state = TicketState::serving;
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(check_action(t, Action::transfer, p)) << i;
    ++t.transfers;
  }
  auto third = check_action(t, Action::transfer, p);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::transfer_limit);
}

TEST(QueueNumbers, RangeWrapsAndDisplayNeverCutsDigits) {
  QueuePolicy p;
  p.number_first = 1;
  p.number_last = 999;
  EXPECT_EQ(ticket_number(1, p), 1);
  EXPECT_EQ(ticket_number(999, p), 999);
  EXPECT_EQ(ticket_number(1000, p), 1);
  EXPECT_EQ(number_round(999, p), 0);
  EXPECT_EQ(number_round(1000, p), 1);
  Ticket t;
  t.letter = 'A';
  t.number = 15;
  EXPECT_EQ(t.display(), "A015");
  t.number = 1000;  // a range up to 9999: never "A000"
  EXPECT_EQ(t.display(), "A1000");
}

TEST(QueueNumbers, OfficeDayIsLocalMidnightInEachZone) {
  // 23:59 and 00:00 local are different office days in Moscow (UTC+3) and Vladivostok (UTC+10),
  // while UTC's date says something else in both.
  const Office moscow = office_in("Europe/Moscow");
  const Office vladivostok = office_in("Asia/Vladivostok");
  EXPECT_EQ(format_iso_date(local_date(moscow, at("2026-11-30T20:59:59Z"))), "2026-11-30");
  EXPECT_EQ(format_iso_date(local_date(moscow, at("2026-11-30T21:00:00Z"))), "2026-12-01");
  EXPECT_EQ(format_iso_date(local_date(vladivostok, at("2026-11-30T13:59:59Z"))), "2026-11-30");
  EXPECT_EQ(format_iso_date(local_date(vladivostok, at("2026-11-30T14:00:00Z"))), "2026-12-01");
  // The same UTC instant is 1 December in Vladivostok and still 30 November in Moscow.
  const Seconds t = at("2026-11-30T15:00:00Z");
  EXPECT_NE(format_iso_date(local_date(moscow, t)), format_iso_date(local_date(vladivostok, t)));
}

TEST(QueueCheckin, WindowIsFifteenEarlyToTenLateThenWalkInSameDayOnly) {
  QueuePolicy p;
  const Office o = office_in("Europe/Moscow");
  const Seconds start = at("2026-11-30T07:00:00Z");  // 10:00 Moscow
  EXPECT_EQ(checkin_verdict(o, start, start - 16min, p), CheckinVerdict::too_early);
  EXPECT_EQ(checkin_verdict(o, start, start - 15min, p), CheckinVerdict::on_time);
  EXPECT_EQ(checkin_verdict(o, start, start + 10min, p), CheckinVerdict::on_time);
  EXPECT_EQ(checkin_verdict(o, start, start + 11min, p), CheckinVerdict::late_walk_in);
  EXPECT_EQ(checkin_verdict(o, start, at("2026-11-30T20:59:00Z"), p),
            CheckinVerdict::late_walk_in);  // 23:59 the same local day
  EXPECT_EQ(checkin_verdict(o, start, at("2026-11-30T21:00:00Z"), p),
            CheckinVerdict::too_late);  // 00:00 the next local day
  p.checkin_early = 30min;              // configurable
  EXPECT_EQ(checkin_verdict(o, start, start - 30min, p), CheckinVerdict::on_time);
}

TEST(QueueStats, TicketTimesAndDayStatsSortedByTimeNotNumber) {
  const Office o = office_in("Europe/Moscow");
  Queue q;
  auto& a = q.add(kNine);
  a.day = local_date(o, kNine);
  a.state = TicketState::finished;
  a.desk = "1";
  a.first_called_at = a.called_at = kNine + 10min;
  a.started_at = kNine + 11min;
  a.finished_at = kNine + 21min;
  auto& b = q.add(kNine + 1min);  // waits 20 minutes: outside the standard
  b.day = a.day;
  b.number = 1;  // wrapped number, issued later
  a.number = 999;
  b.state = TicketState::no_show;
  b.desk = "1";
  b.first_called_at = b.called_at = kNine + 21min;
  b.finished_at = kNine + 30min;
  b.recalls = 2;
  auto& c = q.booked(kNine + 2min, kNine + 5min);  // called 6 min after its time: outside 5
  c.day = a.day;
  c.state = TicketState::called;
  c.desk = "2";
  c.first_called_at = c.called_at = kNine + 11min;

  const TicketTimes ta = ticket_times(a);
  EXPECT_EQ(ta.wait, 10min);
  EXPECT_EQ(ta.walk, 1min);
  EXPECT_EQ(ta.service, 10min);
  EXPECT_EQ(ta.total, 21min);

  const DayStats s = day_stats(q.tickets, a.day, kNine + 1h, 480);
  EXPECT_EQ(s.office.tickets, 3);
  EXPECT_EQ(s.office.served, 1);
  EXPECT_EQ(s.office.no_shows, 1);
  EXPECT_NEAR(s.office.share_called_within_15, 2.0 / 3.0, 1e-9);
  EXPECT_EQ(s.office.booked_decided, 1);
  EXPECT_DOUBLE_EQ(s.office.share_booked_within_5, 0.0);
  ASSERT_EQ(s.by_desk.size(), 2u);
  EXPECT_EQ(s.by_desk[0].key, "1");
  EXPECT_NEAR(s.by_desk[0].busy_min, 11.0, 1e-9);
  EXPECT_NEAR(s.by_desk[0].load, 11.0 / 480.0, 1e-9);

  const std::string csv = tickets_csv(q.tickets, o);
  EXPECT_LT(csv.find("A999"), csv.find("A001")) << csv;  // by time: 999 came first
  EXPECT_NE(csv.find(",600,60,600,1260\r\n"), std::string::npos) << csv;
}

TEST(QueueConfig, ParsesPolicyAndRefusesUnknownKeys) {
  auto p = parse_queue_policy_toml(R"(
[queue]
max_wait_min = 30
number_last = 99
[[queue.priority]]
id = "veteran"
rank = 1
[queue.daily_cap]
"demo/passport" = 5
)",
                                   "test.toml");
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->max_wait, 30min);
  EXPECT_EQ(p->wait_target, 15min);  // defaults for what is not given
  EXPECT_EQ(p->booked_deadline, 2min);
  EXPECT_EQ(p->number_last, 99);
  EXPECT_EQ(p->priority_rank("veteran"), 1);
  EXPECT_FALSE(p->priority_rank("elderly"));
  EXPECT_EQ(p->cap_for("demo", "passport"), 5);
  EXPECT_FALSE(parse_queue_policy_toml("[queue]\nmax_wiat_min = 3\n", "t"));
  EXPECT_FALSE(parse_queue_policy_toml("[queue]\nnumber_first = 10\nnumber_last = 5\n", "t"));
  auto order = parse_queue_policy_toml(
      "[queue]\nwait_target_min = 20\nbooked_deadline_min = 0\nwalk_in_lead_min = 0\n"
      "missed_yields = false\n",
      "t");
  ASSERT_TRUE(order) << order.error().detail;
  EXPECT_EQ(order->wait_target, 20min);
  EXPECT_EQ(order->booked_deadline, 0min);
  EXPECT_EQ(order->walk_in_lead, 0min);
  EXPECT_FALSE(order->missed_yields);
  auto lead = parse_queue_policy_toml("[queue]\nwait_target_min = 5\nwalk_in_lead_min = 6\n", "t");
  ASSERT_FALSE(lead);
  EXPECT_NE(lead.error().detail.find("walk_in_lead_min"), std::string::npos);
  auto yields = parse_queue_policy_toml("[queue]\nmissed_yields = 1\n", "t");
  ASSERT_FALSE(yields);
  EXPECT_NE(yields.error().detail.find("missed_yields"), std::string::npos);
}

}  // namespace
}  // namespace okno::queue
