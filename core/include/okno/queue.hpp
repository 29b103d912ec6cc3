// The electronic queue's policy (issue 4), with no HTTP and no SQL: tickets and their one state
// machine, who is called next, ticket numbers per office day, the check-in window, and the
// per-ticket times. The server stores tickets; every decision about them is made here, so the
// order is the same whatever stores them.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "okno/booking.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/language.hpp"
#include "okno/office.hpp"

namespace okno::queue {

// waiting -> called -> serving -> finished; called -> no_show; on_hold is never auto-called.
enum class TicketState { waiting, called, serving, finished, no_show, on_hold, cancelled };
enum class TicketKind { walk_in, booked };
// Everything that moves a ticket. `call` is both "call next" and an explicit out-of-order call.
enum class Action { call, recall, start, finish, no_show, transfer, hold, unhold, cancel };

std::string_view to_string(TicketState s);
std::string_view to_string(TicketKind k);
std::string_view to_string(Action a);
std::optional<TicketState> parse_ticket_state(std::string_view s);
std::optional<TicketKind> parse_ticket_kind(std::string_view s);

// The one state machine: the state after `action`, or illegal_transition. Limits that depend on
// the ticket (recalls before a no-show, the transfer limit) are checked by check_action.
Result<TicketState> next_state(TicketState from, Action action);
bool is_final(TicketState s);  // finished, no_show, cancelled

struct PriorityGroup {
  std::string id;  // "disability"
  int rank = 1;    // lower is called earlier; equal ranks are first-come first-served
};

// How an office runs its queue (assets/queue.toml). Defaults follow MFC practice.
struct QueuePolicy {
  std::vector<PriorityGroup> priority_groups = {
      {"disability", 1}, {"elderly", 2}, {"pregnant", 2}, {"small_children", 2}};
  // Who is called next (docs/queue.md "Who is called next", issue 16 item 8). Every waiting ticket
  // has a deadline: a booked visitor who checked in on time `booked_deadline` after the later of
  // the booked time and the arrival (inside the regional 5 minutes, so a desk has time to free
  // up), any other ticket `wait_target` after its arrival. A booked visitor joins the deadline
  // order at that later instant, a walk-in `walk_in_lead` before its deadline; the deadline order
  // comes before every priority group, earliest deadline first. With `missed_yields`, a walk-in
  // past its deadline yields to the deadline order (its 15 minutes are lost, the others' are not)
  // until it has waited `max_wait`, when it rejoins it as if its deadline were that moment.
  // The defaults are what okno-queue-sim found best for both shares (docs/queue.md).
  std::chrono::minutes wait_target{15};  // Decree 1376, p. 18
  std::chrono::minutes booked_deadline{2};
  std::chrono::minutes walk_in_lead{3};
  bool missed_yields = true;
  std::chrono::minutes max_wait{35};
  std::chrono::minutes checkin_early{15};  // a booked visitor may check in this early...
  std::chrono::minutes checkin_late{10};   // ...and this late; later goes to the walk-in queue
  int recalls_before_no_show = 2;          // no-show only after this many recalls
  int max_transfers = 2;
  int number_first = 1;  // ticket numbers run first..last per letter per office day, then wrap
  int number_last = 999;
  std::map<std::string, int> daily_cap;  // "office/service" -> walk-in tickets per office day
  // How long live events stay for a board or console to resume from (Last-Event-ID); older
  // ones are deleted at start-up, and a stream resuming from before them is told to reload.
  std::chrono::days events_kept{7};

  std::optional<int> priority_rank(std::string_view group) const;
  std::optional<int> cap_for(std::string_view office, std::string_view service) const;
};

// Reads assets/queue.toml (docs/queue.md); every problem names the key.
Result<QueuePolicy> parse_queue_policy_toml(std::string_view toml_text,
                                            std::string_view source_name);

struct Ticket {
  std::int64_t id = 0;  // storage id; also the monotonic issue sequence (FIFO tie-break)
  std::string office;
  std::string service;         // the service it waits for now (changes on transfer)
  std::string origin_service;  // the service it was issued for (daily cap, statistics)
  char letter = 'A';           // of the origin service: the number never changes
  int number = 0;
  Date day;  // the office's local day of issue
  TicketKind kind = TicketKind::walk_in;
  std::string booking_code;             // booked visits only
  std::optional<Seconds> booked_start;  // booked visits only
  bool late = false;                    // a booked visitor who came after the window
  Language language = Language::ru;
  std::set<Need> needs;
  std::string priority;  // a priority group id, empty for none
  TicketState state = TicketState::waiting;
  Seconds issued_at{};      // the original issue time, kept through transfers and reprints
  Seconds queued_at{};      // arrival in the waiting line; kept through transfers
  std::string desk;         // the desk that called or serves it
  std::string target_desk;  // transferred to a specific desk: only that desk may call it
  int recalls = 0;
  int transfers = 0;
  std::optional<Seconds> first_called_at;
  std::optional<Seconds> called_at;    // the latest call or recall
  std::optional<Seconds> started_at;   // the first start: a transfer does not restart it
  std::optional<Seconds> finished_at;  // finished, no-show or cancelled

  // "A015": the letter, then the number padded to three digits and never cut ("A1000").
  std::string display() const;
};

// Whether `action` is allowed now: the state machine plus the ticket's own limits.
Result<TicketState> check_action(const Ticket& t, Action action, const QueuePolicy& policy);

// The instants at which a waiting ticket's call key changes (QueuePolicy above): it joins the
// deadline order at `enters`; a walk-in (with missed_yields) is late from `late` = deadline + 1 s
// and back in the deadline order at `lifted`; enters <= deadline < late <= lifted. `late` and
// `lifted` are Seconds::max() for a booked visit and without missed_yields.
struct CallTimes {
  Seconds enters{};
  Seconds deadline{};
  Seconds late = Seconds::max();
  Seconds lifted = Seconds::max();
};
CallTimes call_times(const Ticket& t, const QueuePolicy& policy);

// The sort key of a waiting ticket for call-next, compared as a tuple. Tiers: 0 the deadline
// order (by deadline; a lifted walk-in by the instant it was lifted), 1 late walk-ins (by
// deadline), 2 the rest (by priority rank). Then arrival, then the monotonic id, which makes it a
// strict weak ordering with first-come first-served among equals.
struct CallKey {
  int tier = 2;
  std::int64_t order = 0;  // tier 0: deadline or lifted, 1: deadline, 2: rank
  std::int64_t queued = 0;
  std::int64_t seq = 0;
  auto operator<=>(const CallKey&) const = default;
};
CallKey call_key(const Ticket& t, Seconds now, const QueuePolicy& policy);
// call_key()'s tier-2 rank: the priority group's rank, the largest int for none.
int call_rank(const Ticket& t, const QueuePolicy& policy);

// A waiting ticket this desk may call by call-next.
bool callable_by(const Ticket& t, const Desk& desk);

// The ticket call-next gives this desk now, as an index into `tickets`; none when nobody waits.
std::optional<std::size_t> pick_next(const std::vector<Ticket>& tickets, const Desk& desk,
                                     Seconds now, const QueuePolicy& policy);

// Waiting tickets of a service in call order (the console's list, "people ahead").
std::vector<const Ticket*> waiting_in_order(const std::vector<Ticket>& tickets,
                                            std::string_view service, Seconds now,
                                            const QueuePolicy& policy);

// The n-th ticket (1-based) of a letter on an office day gets this number: first..last, then
// round again. Numbers are counted, never derived from row counts.
int ticket_number(std::int64_t nth, const QueuePolicy& policy);
// Which round of the range the n-th ticket is in (0 for the first round).
std::int64_t number_round(std::int64_t nth, const QueuePolicy& policy);

enum class CheckinVerdict { on_time, too_early, late_walk_in, too_late };
// A booked visitor arriving at `now`: inside [start - early, start + late] is on time; later on
// the same office day joins the walk-in queue; earlier is too early; a past day is too late.
CheckinVerdict checkin_verdict(const Office& office, Seconds booked_start, Seconds now,
                               const QueuePolicy& policy);

// Per ticket: wait = first call - arrival, walk = first start - first call, service = finish -
// first start (a transfer's second desk included), total = finish - arrival. Absent when the ticket
// never got that far.
struct TicketTimes {
  std::optional<std::chrono::seconds> wait, walk, service, total;
};
TicketTimes ticket_times(const Ticket& t);

}  // namespace okno::queue
