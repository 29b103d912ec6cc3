// The waiting tickets of one office day, kept in call_key() order (issue 10): call-next's choice,
// a ticket's place in its service's line and the waiting count per service cost O(log n) in the
// day's tickets instead of a pass over the day. `pick_next` and `waiting_in_order` (queue.hpp)
// stay the definition; tests/unit/queue_index_test.cpp checks this index against them over
// random days.
//
// call_key() depends on the time: a ticket becomes urgent (tier 0) at
//   U = min(queued_at + max_wait, max(booked_start, queued_at) for an on-time booked visit),
// and from then on its tier-0 key is (U, queued_at, id), while before that its key is
// (priority rank, queued_at, id). So per line (service, target desk) the index keeps every
// waiting ticket ordered by (U, queued_at, id) — the urgent ones are a prefix of it — and the
// not-yet-urgent ones ordered by (rank, queued_at, id); a query at `now` first moves the tickets
// whose U has come out of the second tree (each ticket once while time goes forward, so O(log n)
// amortised; back again if the clock was set back). Both trees count their elements below a key
// (GCC's policy-based order-statistics tree, in libstdc++), which gives "people ahead".
//
// Precondition, as in production: every ticket's queued_at is at or before the `now` it is
// queried at (a clock set back past a ticket's arrival makes call_key() and U disagree).
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
    std::int64_t urgent_at = 0;  // U above, seconds since the epoch
    int rank = 0;                // call_key's tier-1 rank
    std::int64_t queued = 0;     // seconds since the epoch
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
