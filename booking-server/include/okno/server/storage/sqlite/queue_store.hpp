// The queue's SQLite storage (migration 3, queue_schema.hpp): tickets, number counters, desks,
// live events and the action log. Decisions are the core's (okno/queue.hpp); this file only
// reads and writes rows. Every change runs in one BEGIN IMMEDIATE transaction, and a ticket
// changes only through a conditional UPDATE on its expected state, so two desks can never take
// the same ticket, in this process or another.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "okno/queue.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

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
  std::optional<bool> got_answer;
  Language language = Language::ru;
  Seconds at{};
};

class SqliteQueueStore {
 public:
  // Opens its own writer and reader connections on the booking database (migrations are the
  // booking store's, which opens first).
  static Result<std::unique_ptr<SqliteQueueStore>> open(const std::string& path);

  // What a write transaction may do. Valid only inside write().
  class Tx {
   public:
    // Tickets of an office day; with `active_only`, only waiting / on hold / called / serving.
    Result<std::vector<queue::Ticket>> tickets(std::string_view office, Date day, bool active_only);
    Result<std::optional<queue::Ticket>> by_id(std::int64_t id);
    // The latest ticket of the day with this display number ("A015").
    Result<std::optional<queue::Ticket>> by_number(std::string_view office, Date day,
                                                   std::string_view display);
    Result<std::optional<queue::Ticket>> by_booking(std::string_view booking_code);
    // The desk's called or serving ticket.
    Result<std::optional<queue::Ticket>> current_at(std::string_view office, std::string_view desk);
    // Counts one more ticket of the letter that day and returns the count (1, 2, ...).
    Result<std::int64_t> next_count(std::string_view office, Date day, char letter);
    // Takes one walk-in place under the cap; false when the cap is reached.
    Result<bool> take_cap(std::string_view office, Date day, std::string_view service, int cap);
    // Inserts; fills id.
    Result<void> insert(queue::Ticket& t, std::int64_t round, std::string_view channel);
    // The conditional update: writes the ticket's changing fields only if its state in the
    // database is still `expected`. false: someone else moved it first.
    Result<bool> update(const queue::Ticket& t, queue::TicketState expected);
    Result<bool> desk_paused(std::string_view office, std::string_view desk);
    Result<void> set_desk_paused(std::string_view office, std::string_view desk, bool paused,
                                 Seconds at);
    // Waiting tickets per service of the day.
    Result<std::map<std::string, int>> waiting_counts(std::string_view office, Date day);
    // Adds a live event; streamed to subscribers after the commit.
    Result<void> event(std::string_view office, std::string_view kind, const nlohmann::json& data,
                       Seconds at);
    // The action log (R-HIST-1).
    Result<void> action(std::string_view office, std::string_view desk, std::int64_t ticket_id,
                        std::string_view actor, std::string_view action,
                        const nlohmann::json& details, Seconds at);
    // The booking's interaction history (the booking store's `events`): checked in, finished.
    Result<void> booking_event(std::string_view code, std::string_view kind,
                               std::string_view channel, Seconds at, const nlohmann::json& details);

   private:
    friend class SqliteQueueStore;
    explicit Tx(sqlite::Connection& c) : conn_(c) {}
    sqlite::Connection& conn_;
    std::vector<QueueEvent> events_;
  };

  using Publish = std::function<void(const std::vector<QueueEvent>&)>;
  // Called after each commit with its events, still under the write lock, so subscribers get
  // them in id order.
  void set_publisher(Publish publish) { publish_ = std::move(publish); }

  // Runs `body` in one transaction; commits when it succeeds, rolls back otherwise.
  template <class T>
  Result<T> write(const std::function<Result<T>(Tx&)>& body);

  // Reads (own connection): the same queries as Tx's for GET routes.
  Result<std::vector<queue::Ticket>> tickets(std::string_view office, Date day, bool active_only);
  Result<std::vector<QueueEvent>> events_after(std::string_view office, std::int64_t after,
                                               int limit);
  Result<std::map<std::string, bool>> paused_desks(std::string_view office);
  Result<std::int64_t> latest_event_id(std::string_view office);  // 0 when none
  Result<EventBounds> event_bounds();
  // Deletes the oldest events, up to the last one stored before `before` (a prefix by id, so
  // a clock moved back cannot leave holes); returns how many.
  Result<std::int64_t> prune_events(Seconds before);
  Result<std::int64_t> add_feedback(const NewFeedback& f);

 private:
  SqliteQueueStore() = default;
  Result<void> run_write(const std::function<Result<void>(Tx&)>& body);

  std::mutex write_mutex_;
  std::unique_ptr<sqlite::Connection> writer_;
  std::mutex read_mutex_;
  std::unique_ptr<sqlite::Connection> reader_;
  Publish publish_;
};

template <class T>
Result<T> SqliteQueueStore::write(const std::function<Result<T>(Tx&)>& body) {
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
