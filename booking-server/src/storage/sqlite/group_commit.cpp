// The committer thread (see group_commit.hpp). Moved here from SqliteBookingStore, which had it
// for bookings only, so the queue's writes share it (issue 10).
#include "okno/server/storage/sqlite/group_commit.hpp"

#include <pthread.h>

#include <optional>

namespace okno::sqlite {

struct GroupCommitter::Pending {
  const Job& job;
  std::optional<Result<void>> result;  // set by the committer before `wake`
  std::binary_semaphore wake{0};       // released once, when `result` is in
  // The first of a batch wakes the others, along this list (see loop); only it walks.
  Pending* next_to_wake = nullptr;
  bool wakes_the_rest = false;
};

GroupCommitter::GroupCommitter(Connection& writer, std::mutex& write_mutex)
    : writer_(writer),
      write_mutex_(write_mutex),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

GroupCommitter::~GroupCommitter() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

Result<void> GroupCommitter::submit(const Job& job) {
  Pending pending{job, {}};
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(&pending);
  }
  queue_ready_.notify_one();
  pending.wake.acquire();  // released once `result` holds the outcome
  // Read each link before the release: a released request may return and take its node along.
  for (Pending* next = pending.wakes_the_rest ? pending.next_to_wake : nullptr; next != nullptr;) {
    Pending* after = next->next_to_wake;
    next->wake.release();
    next = after;
  }
  return std::move(*pending.result);
}

// One thread writes every batch. With a leader chosen among the request threads, the one thread
// everybody waits for had the same share of the two cores as dozens of request threads parsing
// and answering, and p99 at 64 clients suffered; a committer of its own is scheduled as soon as
// work arrives (request threads run at a lower priority: queue_events.cpp).
void GroupCommitter::loop(std::stop_token stop) {
  pthread_setname_np(pthread_self(), "okno-commit");  // for top -H, perf and gdb
  std::vector<Pending*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nobody waiting
      batch.swap(queue_);
    }
    run_batch(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->next_to_wake = i + 1 < batch.size() ? batch[i + 1] : nullptr;
    }
    // One wake-up here; the woken request wakes the rest. Waking 64 threads one futex call at
    // a time took about a tenth of this thread's time, and the next batch was waiting for it.
    batch.front()->wakes_the_rest = true;
    batch.front()->wake.release();  // from here on the batch's nodes belong to their requests
    batch.clear();
  }
}

void GroupCommitter::run_batch(const std::vector<Pending*>& batch) {
  std::lock_guard write_lock(write_mutex_);
  Connection& conn = writer_;
  auto settle_all = [&](bool committed) {
    for (auto* p : batch) {
      if (p->job.settle) p->job.settle(committed);
    }
  };
  auto tx = Transaction::begin_immediate(conn);
  if (!tx) {
    for (auto* p : batch) p->result = std::unexpected(tx.error());
    settle_all(false);
    return;
  }
  // Prepared once per connection (exec would parse the text again for every job).
  auto run_cached = [&conn](const char* sql) -> Result<void> {
    auto st = conn.prepare(sql);
    if (!st) return std::unexpected(st.error());
    return st->run();
  };
  for (auto* p : batch) {
    if (auto savepoint = run_cached("SAVEPOINT job"); !savepoint) {
      p->result = std::unexpected(savepoint.error());
      continue;
    }
    auto r = p->job.run(conn);
    // A refused write (full slot, a ticket moved meanwhile) leaves no trace in the batch.
    if (!r) (void)run_cached("ROLLBACK TO job");
    (void)run_cached("RELEASE job");
    p->result = std::move(r);
  }
  auto committed = tx->commit();
  if (!committed) {
    for (auto* p : batch) p->result = std::unexpected(committed.error());
  }
  settle_all(committed.has_value());
}

}  // namespace okno::sqlite
