// The waiting tickets of one office day, kept in call_key() order (issue 10): call-next's choice,
// a ticket's place in its service's line and the waiting count per service cost O(log n) in the
// day's tickets instead of a pass over the day. `pick_next` and `waiting_in_order` (queue.hpp)
// stay the definition; tests/unit/queue_index_test.cpp checks this index against them over
// random days.
//
// call_key() depends on the time, but only through three instants fixed per ticket (call_times()):
// it joins the deadline order at E, a walk-in is late from L = deadline + 1 s and lifted back at
// F (E < L <= F; L and F never come for a booked visit or without missed_yields). So a ticket is
// in one of four phases — calm (before E), due (E..L), late (L..F), lifted (from F) — and inside
// a phase its key does not change: tier 2 (rank, queued, id) when calm, tier 0 (deadline, queued,
// id) when due, tier 1 (deadline, queued, id) when late, tier 0 (F, queued, id) when lifted. Per
// line (service, target desk) the index keeps one order-statistics tree per tier, and the tickets
// by E, by L and by F in three more. A query at `now` moves the tickets whose instants lie
// between the last query's `now` (the line's boundary) and this one to their next phase — each
// ticket at most three times while time goes forward, O(log n) each, and back the same way if
// the clock was set back — then the next ticket is the head of the first non-empty tier, and
// "people ahead" is the size of the earlier tiers plus the count of keys below the ticket's in
// its own, O(log n). The trees are GCC's policy-based order-statistics trees, in libstdc++.
//
// Precondition, as in production: every ticket's queued_at is at or before the `now` it is
// queried at (a clock set back past a ticket's arrival makes call_key() and E disagree).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "okno/queue.hpp"

namespace okno::queue {

class WaitingIndex {
 public:
  explicit WaitingIndex(QueuePolicy policy);
  ~WaitingIndex();
  WaitingIndex(WaitingIndex&&) noexcept;
  WaitingIndex& operator=(WaitingIndex&&) noexcept;

  // What the index keeps of one waiting ticket.
  struct Entry {
    std::int64_t id = 0;
    std::string service;
    std::string target_desk;
    // E, L and F above, seconds since the epoch (L and F the largest int64 when they never come).
    std::int64_t enters = 0, late = 0, lifted = 0;
    std::int64_t deadline = 0;
    int rank = 0;             // call_key's tier-2 rank
    std::int64_t queued = 0;  // seconds since the epoch
  };
  Entry entry_for(const Ticket& t) const;

  // The ticket as it is now: kept while waiting, dropped in any other state.
  void put(const Ticket& t);
  void put(const Entry& e);
  void erase(std::int64_t id);
  // The kept entry of a ticket (for undo), none when it is not waiting.
  std::optional<Entry> find(std::int64_t id) const;

  // The id call-next gives `desk` at `now` (pick_next's choice), none when nobody waits for it.
  std::optional<std::int64_t> pick(const Desk& desk, Seconds now);
  // The ticket's place in its service's waiting line at `now` (0: first, or not waiting).
  int ahead(std::int64_t id, Seconds now);
  // Waiting tickets of a service; of every service that has any.
  int waiting(std::string_view service) const;
  std::map<std::string, int> waiting_counts() const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Line;
  Line& line(const Entry& e);
  Line* find_line(std::string_view service, std::string_view target);
  CallKey first_key(Line& line, Seconds now, std::int64_t* id);

  QueuePolicy policy_;
  std::unordered_map<std::int64_t, Entry> entries_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Line>, std::less<>> lines_;
  std::map<std::string, int, std::less<>> counts_;
};

}  // namespace okno::queue
