// The board's connection to okno-server (issue 11), off the UI thread: a worker thread reads
// GET /api/v1/offices/{office}/events with libcurl (Server-Sent Events, core's SseParser),
// reconnects with core's backoff and Last-Event-ID, and hands each event and each link change
// to the UI thread through the UiQueue (drained once per frame). A second worker reads
// GET …/queue when asked (the estimated waits), at most one request at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "okno/board.hpp"
#include "worker.hpp"

namespace okno::kiosk {

struct BoardStreamHandlers {
  std::function<void(bool up)> link;  // the stream opened (true) or broke / failed (false)
  std::function<void(board::Event)> event;
  std::function<void(board::QueueSnapshot)> snapshot;
};

class BoardStream {
 public:
  // Handlers run on the UI thread (posted to `ui`). Nothing starts before start().
  BoardStream(std::string base_url, std::string office, UiQueue& ui, BoardStreamHandlers handlers);
  ~BoardStream();
  BoardStream(const BoardStream&) = delete;
  BoardStream& operator=(const BoardStream&) = delete;

  void start();
  // Asks for GET …/queue; requests while one runs are folded into one more after it.
  void request_snapshot();

 private:
  void run_stream();
  void run_snapshots();
  bool sleep_for(board::Millis d);  // false when stopping

  std::string base_, office_;
  UiQueue& ui_;
  BoardStreamHandlers handlers_;
  std::atomic<bool> stopping_{false};
  std::int64_t last_event_id_ = 0;  // the stream thread's own: the last id it received
  std::mutex mutex_;
  std::condition_variable cv_;
  bool snapshot_wanted_ = false;
  std::thread stream_thread_, snapshot_thread_;
};

}  // namespace okno::kiosk
