// The queue's SQLite storage (migration 3, queue_schema.hpp), behind okno/queue_store.hpp:
// tickets, number counters, desks, live events and the action log. Decisions are the core's
// (okno/queue.hpp); this file only reads and writes rows. Every change runs in one BEGIN
// IMMEDIATE transaction, and a ticket changes only through a conditional UPDATE on its expected
// state, so two desks can never take the same ticket, in this process or another.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "okno/queue_index.hpp"
#include "okno/queue_store.hpp"
#include "okno/server/storage/sqlite/group_commit.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno {

class SqliteQueueStore final : public QueueStore {
 public:
  // Opens a reader connection on the booking database (migrations are the booking store's,
  // which opens first) and writes through the booking store's committer: one writer for the
  // file, and queue writes share transactions and fsyncs with bookings and each other. The
  // committer must outlive this store.
  static Result<std::unique_ptr<SqliteQueueStore>> open(const std::string& path,
                                                        sqlite::GroupCommitter& committer);

  class Tx;
  void use_policy(const queue::QueuePolicy& policy) override { policy_ = policy; }
  void set_publisher(Publish publish) override { publish_ = std::move(publish); }

  Result<std::vector<queue::Ticket>> tickets(std::string_view office, Date day,
                                             bool active_only) override;
  Result<std::vector<QueueEvent>> events_after(std::string_view office, std::int64_t after,
                                               int limit) override;
  Result<std::map<std::string, bool>> paused_desks(std::string_view office) override;
  Result<std::map<std::string, int>> waiting_counts(std::string_view office, Date day) override;
  Result<int> capped_walk_ins(std::string_view office, Date day, std::string_view service) override;
  Result<std::int64_t> latest_event_id(std::string_view office) override;
  Result<EventBounds> event_bounds() override;
  Result<std::int64_t> prune_events(Seconds before) override;
  Result<std::int64_t> add_feedback(const NewFeedback& f) override;

 protected:
  Result<void> run_write(const std::function<Result<void>(QueueStore::Tx&)>& body) override;

 private:
  explicit SqliteQueueStore(sqlite::GroupCommitter& committer) : committer_(committer) {}
  // The office's waiting index for `day`, built from `conn` when missing or of another day.
  // Caller holds index_mutex_. An older day gets a throwaway index in `scratch` (a reprint of
  // yesterday's ticket must not evict today's).
  Result<queue::WaitingIndex*> index_for(sqlite::Connection& conn, std::string_view office,
                                         Date day, std::optional<queue::WaitingIndex>& scratch);
  queue::WaitingIndex* existing_index(std::string_view office, Date day);

  sqlite::GroupCommitter& committer_;
  queue::QueuePolicy policy_;
  std::mutex read_mutex_;
  std::unique_ptr<sqlite::Connection> reader_;
  Publish publish_;

  // The waiting tickets of each office's current day in call order (okno/queue_index.hpp):
  // built from the database on first use, changed by each write as it runs and undone when the
  // write is refused, dropped (and so rebuilt) when a batch's commit fails. The committer holds
  // index_mutex_ from a batch's first queue write until that batch committed, so readers see
  // the index only as of a commit.
  struct DayIndex {
    Date day;
    queue::WaitingIndex index;
  };
  std::mutex index_mutex_;
  std::map<std::string, DayIndex, std::less<>> indexes_;
  // Committer thread only: the batch's hold on index_mutex_, its queue writes still to settle,
  // and their events, published after the commit in id order.
  std::unique_lock<std::mutex> batch_lock_;
  int batch_writes_ = 0;
  std::vector<QueueEvent> batch_events_;
};

}  // namespace okno
