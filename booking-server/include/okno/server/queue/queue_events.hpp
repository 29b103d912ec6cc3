// Live queue events for Server-Sent Events, and the worker pool that lets hundreds of open
// streams live beside ordinary requests.
//
// cpp-httplib gives every open connection one pool thread for its whole life, and a stream is
// open for hours. With a fixed pool, 100 boards would take 100 of its threads and ordinary
// requests would queue behind them. ElasticTaskQueue keeps `core` threads and adds threads on
// demand up to `max` (extra ones leave after a minute idle), and the event route admits at most
// `max - core` streams, so `core` threads always remain for everything else.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <httplib.h>

#include "okno/queue_store.hpp"

namespace okno {

// Open event streams admitted at once; the pool may grow by this many threads.
inline constexpr std::size_t kMaxEventStreams = 1000;
// How much nicer the HTTP request threads run (ElasticTaskQueue::work) than the process was
// started: a little below the booking committer, which they all wait for (docs/performance.md).
// Relative, so a server started under `nice` (or by a reniced CI job) keeps the same order.
inline constexpr int kRequestThreadNice = 8;

// Recent events per office, in id order, for the open streams. Older ones are in the database:
// those dropped from memory, and every event stored before this process started (a restart).
class QueueEventHub {
 public:
  explicit QueueEventHub(std::size_t keep_per_office = 4096) : keep_(keep_per_office) {}

  // The highest event id stored before this process started (0: none). Set once at start-up,
  // before any publish: the hub has no event up to it, so a stream resuming from an earlier id
  // reads the database first.
  void set_stored_up_to(std::int64_t id);

  // Events of one commit, in id order (the store calls this under its write lock).
  void publish(const std::vector<QueueEvent>& events);

  // Events of `office` with id > `after`, waiting up to `timeout` for one to come. `complete`
  // turns false when some with id > `after` may be only in the database (dropped from memory,
  // or stored before a restart): read the database then. Every event of `office` with id >
  // `memory_from` is in memory, so once a database read has caught up, a stream may go on from
  // `memory_from`.
  struct Batch {
    std::vector<QueueEvent> events;
    bool complete = true;
    std::int64_t memory_from = 0;
  };
  Batch wait_after(const std::string& office, std::int64_t after,
                   std::chrono::milliseconds timeout);

  // Wakes every waiting stream so it can end (server stopping).
  void close();
  bool closed() const;

 private:
  struct Office {
    std::deque<QueueEvent> recent;
    std::int64_t dropped_up_to = 0;  // highest id not (or no longer) in `recent`
  };
  std::size_t keep_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, Office, std::less<>> offices_;
  std::int64_t stored_up_to_ = 0;
  bool closed_ = false;
};

// A thread pool for cpp-httplib that grows from `core` to `max` threads when all are busy.
class ElasticTaskQueue final : public httplib::TaskQueue {
 public:
  ElasticTaskQueue(std::size_t core, std::size_t max);
  ~ElasticTaskQueue() override;
  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  std::size_t threads() const;

 private:
  void work(bool extra);
  std::size_t core_, max_;
  int request_nice_;  // the creating thread's nice + kRequestThreadNice
  mutable std::mutex mutex_;
  std::condition_variable cv_;    // jobs arrived, or shutting down
  std::condition_variable gone_;  // a worker left
  std::deque<std::function<void()>> jobs_;
  std::size_t total_ = 0;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace okno
