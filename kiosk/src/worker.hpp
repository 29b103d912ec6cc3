// Network work off the UI thread: jobs run on one background thread and hand back a completion
// that the UI thread runs when it drains the queue, once per frame (the RunQueue pattern).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace okno::kiosk {

// Completions posted from any thread, run on the UI thread by drain().
class UiQueue {
 public:
  // Called after every post, from the posting thread: main.cpp wakes the event loop with it.
  void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }
  void post(std::function<void()> completion) {
    {
      std::lock_guard lock(mutex_);
      pending_.push_back(std::move(completion));
    }
    posted_.notify_all();
    if (wake_) wake_();
  }
  // Sleeps until something is posted or `seconds` pass; whether something is waiting. The
  // board's loop sleeps here rather than in SDL_WaitEventTimeout, which on SDL drivers without
  // an event wait (offscreen, KMSDRM) polls every millisecond.
  bool wait_for(double seconds) {
    std::unique_lock lock(mutex_);
    return posted_.wait_for(lock, std::chrono::duration<double>(seconds),
                            [this] { return !pending_.empty(); });
  }
  // Runs everything posted so far; returns how many ran (a reason to redraw).
  int drain() {
    std::vector<std::function<void()>> ready;
    {
      std::lock_guard lock(mutex_);
      ready.swap(pending_);
    }
    for (auto& f : ready) f();
    return static_cast<int>(ready.size());
  }

 private:
  std::mutex mutex_;
  std::condition_variable posted_;
  std::vector<std::function<void()>> pending_;
  std::function<void()> wake_;
};

class BackgroundWorker {
 public:
  using Job = std::function<std::function<void()>()>;  // runs off-thread, returns a completion

  explicit BackgroundWorker(UiQueue& ui) : ui_(ui), thread_([this] { run(); }) {}
  ~BackgroundWorker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  void submit(Job job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
      ++in_flight_;
    }
    cv_.notify_all();
  }
  // Jobs submitted but whose completion has not been posted yet (tests wait for zero).
  int in_flight() {
    std::lock_guard lock(mutex_);
    return in_flight_;
  }

 private:
  void run() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      auto completion = job();
      ui_.post(std::move(completion));
      std::lock_guard lock(mutex_);
      --in_flight_;
    }
  }

  UiQueue& ui_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  int in_flight_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after every other member is ready
};

}  // namespace okno::kiosk
