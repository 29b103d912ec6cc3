// The injectable clock: production reads the system clock, tests set or move a manual one.
#pragma once

#include <atomic>
#include <chrono>

namespace okno {

using Seconds = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Seconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Seconds now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until told otherwise; safe to read and move from many threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Seconds start) : now_(start.time_since_epoch().count()) {}
  Seconds now() const override { return Seconds{std::chrono::seconds{now_.load()}}; }
  void set(Seconds t) { now_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::seconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<long long> now_;
};

}  // namespace okno
