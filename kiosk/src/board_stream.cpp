// libcurl for the board: one long GET for the event stream (its write callback feeds the SSE
// parser as bytes arrive), short GETs for the queue snapshot. A dead server shows at once (the
// connection is refused or reset); a silent one after 45 s without a byte (the server sends a
// comment every 15 s).
#include "board_stream.hpp"

#include <curl/curl.h>

#include <chrono>

namespace okno::kiosk {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::string office_path(const std::string& base, const std::string& office,
                        const std::string& tail) {
  std::string escaped = office;
  if (char* e = curl_easy_escape(nullptr, office.c_str(), static_cast<int>(office.size()))) {
    escaped = e;
    curl_free(e);
  }
  return base + "/api/v1/offices/" + escaped + tail;
}

// What the stream's callbacks share with run_stream().
struct StreamContext {
  CURL* curl = nullptr;
  board::SseParser parser;
  std::function<void(const board::SseFrame&)> on_frame;
  std::function<void()> on_open;
  bool opened = false;
  const std::atomic<bool>* stopping = nullptr;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* ctx = static_cast<StreamContext*>(user);
  const std::string_view line(data, size * count);
  if (line == "\r\n" || line == "\n") {  // the end of the headers
    long status = 0;
    curl_easy_getinfo(ctx->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status == 200 && !ctx->opened) {
      ctx->opened = true;
      ctx->on_open();
    }
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* ctx = static_cast<StreamContext*>(user);
  if (!ctx->opened) return size * count;  // an error answer's body: not events
  for (const auto& frame : ctx->parser.feed(std::string_view(data, size * count))) {
    ctx->on_frame(frame);
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<StreamContext*>(user)->stopping->load() ? 1 : 0;  // 1 aborts
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

BoardStream::BoardStream(std::string base_url, std::string office, UiQueue& ui,
                         BoardStreamHandlers handlers)
    : base_(std::move(base_url)),
      office_(std::move(office)),
      ui_(ui),
      handlers_(std::move(handlers)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

BoardStream::~BoardStream() {
  stopping_ = true;
  cv_.notify_all();
  if (stream_thread_.joinable()) stream_thread_.join();
  if (snapshot_thread_.joinable()) snapshot_thread_.join();
}

void BoardStream::start() {
  stream_thread_ = std::thread([this] { run_stream(); });
  snapshot_thread_ = std::thread([this] { run_snapshots(); });
}

void BoardStream::request_snapshot() {
  {
    std::lock_guard lock(mutex_);
    snapshot_wanted_ = true;
  }
  cv_.notify_all();
}

bool BoardStream::sleep_for(board::Millis d) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, d, [this] { return stopping_.load(); });
  return !stopping_;
}

void BoardStream::run_stream() {
  int failures = 0;
  while (!stopping_) {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return;
    StreamContext ctx;
    ctx.curl = curl.get();
    ctx.stopping = &stopping_;
    ctx.on_open = [this, &failures] {
      failures = 0;
      request_snapshot();  // what was missed while away: waiting counts, desks, estimates
      ui_.post([h = handlers_.link] { h(true); });
    };
    ctx.on_frame = [this](const board::SseFrame& frame) {
      auto e = board::parse_event(frame);
      if (!e) return;  // not an event of this API: skipped, the stream goes on
      last_event_id_ = e->id;
      ui_.post([h = handlers_.event, e = std::move(*e)]() mutable { h(std::move(e)); });
    };
    const std::string url = office_path(base_, office_, "/events");
    std::unique_ptr<curl_slist, SlistDeleter> headers(
        curl_slist_append(nullptr, "Accept: text/event-stream"));
    const std::string resume = "Last-Event-ID: " + std::to_string(last_event_id_);
    if (last_event_id_ > 0) curl_slist_append(headers.get(), resume.c_str());
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 45L);
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &ctx);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &ctx);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &ctx);
    curl_easy_perform(c);  // returns when the stream ends, breaks or is aborted
    if (stopping_) return;
    ui_.post([h = handlers_.link] { h(false); });
    if (!sleep_for(board::reconnect_delay(++failures))) return;
  }
}

void BoardStream::run_snapshots() {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return;
  const std::string url = office_path(base_, office_, "/queue");
  while (!stopping_) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || snapshot_wanted_; });
      if (stopping_) return;
      snapshot_wanted_ = false;
    }
    CURL* c = curl.get();
    std::string body;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) continue;  // the stream's reconnect asks again
    auto snapshot = board::parse_queue_snapshot(nlohmann::json::parse(body, nullptr, false));
    if (!snapshot) continue;
    ui_.post([h = handlers_.snapshot, s = std::move(*snapshot)]() mutable { h(std::move(s)); });
    // Waiting counts change with every ticket: at most one snapshot every two seconds.
    if (!sleep_for(board::Millis{2'000})) return;
  }
}

}  // namespace okno::kiosk
