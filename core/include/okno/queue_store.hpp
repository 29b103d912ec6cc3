// The storage interface for the electronic queue (issue 4): tickets, number counters, desks, live
// events, the action log (R-HIST-1) and visit feedback. SQLite implements it today
// (booking-server/src/storage/sqlite/queue_store.cpp); nothing above this interface may know
// which store it is. Decisions are the core's (okno/queue.hpp); a store only keeps rows, and
// every change runs in one transaction in which a ticket moves only through a conditional update
// on its expected state, so two desks can never take the same ticket.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "okno/error.hpp"
#include "okno/queue.hpp"

namespace okno {

// One live event as stored and streamed (queue_events).
struct QueueEvent {
  std::int64_t id = 0;
  std::string office;
  std::string kind;  // "ticket.called", "ticket.recalled", "ticket.left", "queue.changed", ...
  Seconds at{};
  std::string data;  // JSON text
};

// What the live-event log holds, over all offices: ids are the rows' AUTOINCREMENT ids, so they
// increase across restarts and are never reused. Events with id <= pruned_up_to may be gone
// (older than the queue's events_kept_days); latest is the highest id ever stored.
struct EventBounds {
  std::int64_t pruned_up_to = 0;
  std::int64_t latest = 0;
};

struct NewFeedback {
  std::string office, channel, ticket, satisfaction, comment, federal_json;
  std::int64_t ticket_id = 0;  // the served ticket the answers are about (once per ticket)
  std::optional<bool> got_answer;
  Language language = Language::ru;
  Seconds at{};
};

class QueueStore {
 public:
  virtual ~QueueStore() = default;

  // What a write transaction may do. Valid only inside write().
  class Tx {
   public:
    virtual ~Tx() = default;
    virtual Result<std::optional<queue::Ticket>> by_id(std::int64_t id) = 0;
    // The latest ticket of the day with this display number ("A015").
    virtual Result<std::optional<queue::Ticket>> by_number(std::string_view office, Date day,
                                                           std::string_view display) = 0;
    virtual Result<std::optional<queue::Ticket>> by_booking(std::string_view booking_code) = 0;
    // The desk's called or serving ticket.
    virtual Result<std::optional<queue::Ticket>> current_at(std::string_view office,
                                                            std::string_view desk) = 0;
    // Counts one more ticket of the letter that day and returns the count (1, 2, ...).
    virtual Result<std::int64_t> next_count(std::string_view office, Date day, char letter) = 0;
    // Takes one walk-in place under the cap; false when the cap is reached.
    virtual Result<bool> take_cap(std::string_view office, Date day, std::string_view service,
                                  int cap) = 0;
    // Inserts; fills id.
    virtual Result<void> insert(queue::Ticket& t, std::int64_t round, std::string_view channel) = 0;
    // The conditional update: writes the ticket's changing fields only if its state in the
    // store is still `expected`. false: someone else moved it first.
    virtual Result<bool> update(const queue::Ticket& t, queue::TicketState expected) = 0;
    virtual Result<bool> desk_paused(std::string_view office, std::string_view desk) = 0;
    virtual Result<void> set_desk_paused(std::string_view office, std::string_view desk,
                                         bool paused, Seconds at) = 0;
    // Waiting tickets per service of the day.
    virtual Result<std::map<std::string, int>> waiting_counts(std::string_view office,
                                                              Date day) = 0;
    // The waiting ticket call-next gives `desk` at `now`: exactly queue::pick_next()'s choice
    // over the day's tickets under the store's policy (use_policy), in O(log n), not a pass over
    // the day. None when nobody waits for this desk.
    virtual Result<std::optional<queue::Ticket>> next_for(std::string_view office, Date day,
                                                          const Desk& desk, Seconds now) = 0;
    // The ticket's place in its service's waiting line at `now`, as in
    // queue::waiting_in_order() (0: first, or not waiting).
    virtual Result<int> people_ahead(const queue::Ticket& t, Seconds now) = 0;
    // Adds a live event; published to subscribers after the commit.
    virtual Result<void> event(std::string_view office, std::string_view kind,
                               const nlohmann::json& data, Seconds at) = 0;
    // The action log (R-HIST-1).
    virtual Result<void> action(std::string_view office, std::string_view desk,
                                std::int64_t ticket_id, std::string_view actor,
                                std::string_view action, const nlohmann::json& details,
                                Seconds at) = 0;
    // The booking's interaction history (the booking store's `events`): checked in, finished.
    virtual Result<void> booking_event(std::string_view code, std::string_view kind,
                                       std::string_view channel, Seconds at,
                                       const nlohmann::json& details) = 0;
  };

  // The policy whose call order next_for() and people_ahead() follow. Once, before any write.
  virtual void use_policy(const queue::QueuePolicy& policy) = 0;

  using Publish = std::function<void(const std::vector<QueueEvent>&)>;
  // Called after each commit with its events, in id order. Set before the first write.
  virtual void set_publisher(Publish publish) = 0;

  // Runs `body` in one transaction; commits when it succeeds, rolls back otherwise. Returns
  // only after the commit (which a store may share among writes: group commit).
  template <class T>
  Result<T> write(const std::function<Result<T>(Tx&)>& body);

  // Reads, outside any write transaction: committed state.
  virtual Result<std::vector<queue::Ticket>> tickets(std::string_view office, Date day,
                                                     bool active_only) = 0;
  virtual Result<std::vector<QueueEvent>> events_after(std::string_view office, std::int64_t after,
                                                       int limit) = 0;
  virtual Result<std::map<std::string, bool>> paused_desks(std::string_view office) = 0;
  // Waiting tickets per service of the day (services with none are absent).
  virtual Result<std::map<std::string, int>> waiting_counts(std::string_view office, Date day) = 0;
  // Walk-in places taken under the daily cap that day (Tx::take_cap's count).
  virtual Result<int> capped_walk_ins(std::string_view office, Date day,
                                      std::string_view service) = 0;
  virtual Result<std::int64_t> latest_event_id(std::string_view office) = 0;  // 0 when none
  virtual Result<EventBounds> event_bounds() = 0;
  // Deletes the oldest events, up to the last one stored before `before` (a prefix by id, so
  // a clock moved back cannot leave holes); returns how many.
  virtual Result<std::int64_t> prune_events(Seconds before) = 0;
  // Stores the answers about ticket `f.ticket_id`; feedback_given when that ticket has some.
  virtual Result<std::int64_t> add_feedback(const NewFeedback& f) = 0;

 protected:
  virtual Result<void> run_write(const std::function<Result<void>(Tx&)>& body) = 0;
};

template <class T>
Result<T> QueueStore::write(const std::function<Result<T>(Tx&)>& body) {
  std::optional<T> out;
  auto r = run_write([&](Tx& tx) -> Result<void> {
    auto v = body(tx);
    if (!v) return std::unexpected(v.error());
    out = std::move(*v);
    return {};
  });
  if (!r) return std::unexpected(r.error());
  return std::move(*out);
}

}  // namespace okno
