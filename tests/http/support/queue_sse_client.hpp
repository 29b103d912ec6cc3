// Test support: a Server-Sent Events reader on its own thread (libcurl), for the queue's live
// events. Collects (id, event, data) frames; stops when destroyed or told to.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "process/response_log.hpp"

namespace okno::testing {

struct SseEvent {
  long long id = 0;
  std::string kind;
  std::string data;
};

class SseClient {
 public:
  // `last_event_id` < 0: no Last-Event-ID header.
  SseClient(std::string url, long long last_event_id = -1) {
    thread_ = std::thread([this, url = std::move(url), last_event_id] { run(url, last_event_id); });
  }
  ~SseClient() { stop(); }
  SseClient(const SseClient&) = delete;

  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // Waits until `n` events arrived (or the timeout); returns a copy of all so far.
  std::vector<SseEvent> wait_for(std::size_t n,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return events_.size() >= n; });
    return events_;
  }
  bool connected() {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::seconds(5), [&] { return connected_; });
    return connected_;
  }

 private:
  static size_t on_data(char* data, size_t size, size_t n, void* self) {
    auto* c = static_cast<SseClient*>(self);
    std::lock_guard lock(c->mutex_);
    c->connected_ = true;
    c->buffer_.append(data, size * n);
    for (auto end = c->buffer_.find("\n\n"); end != std::string::npos;
         end = c->buffer_.find("\n\n")) {
      std::string frame = c->buffer_.substr(0, end);
      c->buffer_.erase(0, end + 2);
      SseEvent e;
      bool any = false;
      size_t pos = 0;
      while (pos <= frame.size()) {
        auto nl = frame.find('\n', pos);
        std::string line =
            frame.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (line.rfind("id: ", 0) == 0) e.id = std::stoll(line.substr(4)), any = true;
        if (line.rfind("event: ", 0) == 0) e.kind = line.substr(7), any = true;
        if (line.rfind("data: ", 0) == 0) e.data = line.substr(6), any = true;
        if (nl == std::string::npos) break;
        pos = nl + 1;
      }
      if (any && !e.kind.empty()) c->events_.push_back(std::move(e));
    }
    c->cv_.notify_all();
    return size * n;
  }
  static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<SseClient*>(self)->stop_ ? 1 : 0;
  }
  void run(const std::string& url, long long last_event_id) {
    CURL* c = curl_easy_init();
    curl_slist* headers = nullptr;
    if (last_event_id >= 0) {
      headers =
          curl_slist_append(headers, ("Last-Event-ID: " + std::to_string(last_event_id)).c_str());
    }
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_perform(c);
    log_response(c, "GET", nullptr);  // a stream: status and type only
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
  }

  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string buffer_;
  std::vector<SseEvent> events_;
  bool connected_ = false;
};

}  // namespace okno::testing
