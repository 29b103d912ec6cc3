// Group commit for one database file: the writes that queue up while one transaction runs go
// together into the next, each in its own savepoint (a refused one leaves no trace), and share
// its COMMIT and so its fsync (synchronous=FULL). Nobody returns before the commit that holds
// their write. One committer thread runs the batches; request threads only queue and wait.
// Bookings (sqlite_store.cpp) and the queue (queue_store.cpp) share one committer, so the file
// has one writer and their writes share fsyncs too (docs/performance.md).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno::sqlite {

class GroupCommitter {
 public:
  // `writer` is the file's one writing connection; `write_mutex` guards it (writes outside the
  // committer take it too).
  GroupCommitter(Connection& writer, std::mutex& write_mutex);
  ~GroupCommitter();  // stops the thread once nobody waits
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  struct Job {
    // Runs on the committer thread inside the batch's transaction, in its own savepoint: a
    // failure rolls back this job only.
    std::function<Result<void>(Connection&)> run;
    // Optional: on the committer thread after the batch's COMMIT (`committed`) or its failure,
    // before anyone of the batch is woken; in batch order.
    std::function<void(bool committed)> settle;
  };
  // Queues the job and waits for its batch: the job's own result, or the commit's failure.
  Result<void> submit(const Job& job);

 private:
  struct Pending;
  void loop(std::stop_token stop);
  void run_batch(const std::vector<Pending*>& batch);

  Connection& writer_;
  std::mutex& write_mutex_;
  std::mutex queue_mutex_;
  std::condition_variable_any queue_ready_;
  std::vector<Pending*> queue_;
  std::jthread thread_;  // last: stopped and joined first
};

}  // namespace okno::sqlite
