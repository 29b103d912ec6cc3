// The live-event hub and the elastic worker pool (see queue_events.hpp).
#include "okno/server/queue/queue_events.hpp"

#include <algorithm>
#include <thread>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace okno {

void QueueEventHub::set_stored_up_to(std::int64_t id) {
  std::lock_guard lock(mutex_);
  stored_up_to_ = id;
  for (auto& [name, o] : offices_) o.dropped_up_to = std::max(o.dropped_up_to, id);
}

void QueueEventHub::publish(const std::vector<QueueEvent>& events) {
  {
    std::lock_guard lock(mutex_);
    for (const auto& e : events) {
      auto [it, added] = offices_.try_emplace(e.office);
      auto& o = it->second;
      if (added) o.dropped_up_to = stored_up_to_;
      o.recent.push_back(e);
      while (o.recent.size() > keep_) {
        o.dropped_up_to = o.recent.front().id;
        o.recent.pop_front();
      }
    }
  }
  cv_.notify_all();
}

QueueEventHub::Batch QueueEventHub::wait_after(const std::string& office, std::int64_t after,
                                               std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  Batch out;
  auto memory_from = [&] {
    auto it = offices_.find(office);
    return it == offices_.end() ? stored_up_to_ : it->second.dropped_up_to;
  };
  auto ready = [&] {
    if (closed_) return true;
    if (memory_from() > after) return true;  // the database has some: no waiting
    auto it = offices_.find(office);
    return it != offices_.end() && !it->second.recent.empty() &&
           it->second.recent.back().id > after;
  };
  cv_.wait_for(lock, timeout, ready);
  out.memory_from = memory_from();
  if (out.memory_from > after) out.complete = false;
  auto it = offices_.find(office);
  if (it == offices_.end()) return out;
  for (const auto& e : it->second.recent) {
    if (e.id > after) out.events.push_back(e);
  }
  return out;
}

void QueueEventHub::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  cv_.notify_all();
}

bool QueueEventHub::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

ElasticTaskQueue::ElasticTaskQueue(std::size_t core, std::size_t max)
    : core_(std::max<std::size_t>(1, core)),
      max_(std::max(core_, max)),
      request_nice_(std::min(
          19, getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())) + kRequestThreadNice)) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < core_; ++i) {
    ++total_;
    std::thread([this] { work(false); }).detach();
  }
}

ElasticTaskQueue::~ElasticTaskQueue() {
  shutdown();
}

void ElasticTaskQueue::enqueue(std::function<void()> fn) {
  std::unique_lock lock(mutex_);
  if (stopping_) return;
  jobs_.push_back(std::move(fn));
  // Every queued job needs a free thread; start one while the pool may still grow.
  if (jobs_.size() > idle_ && total_ < max_) {
    ++total_;
    std::thread([this] { work(true); }).detach();
  }
  lock.unlock();
  cv_.notify_one();
}

void ElasticTaskQueue::shutdown() {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  cv_.notify_all();
  // Workers finish the jobs already accepted, then leave; they hold `this`, so wait for all.
  gone_.wait(lock, [this] { return total_ == 0; });
}

std::size_t ElasticTaskQueue::threads() const {
  std::lock_guard lock(mutex_);
  return total_;
}

void ElasticTaskQueue::work(bool extra) {
  // Request threads yield to the booking committer (sqlite_store.cpp), the one thread every
  // waiting booking depends on. Raising one's own nice value needs no privilege; a failure
  // only costs speed.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), request_nice_);
  pthread_setname_np(pthread_self(), "okno-http");
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    const bool woke = cv_.wait_for(lock, std::chrono::seconds(60),
                                   [this] { return stopping_ || !jobs_.empty(); });
    --idle_;
    if (jobs_.empty() && (stopping_ || (!woke && extra))) break;
    if (jobs_.empty()) continue;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
  --total_;
  gone_.notify_all();
}

}  // namespace okno
