// okno-sse-bench (issue 4): N boards (Server-Sent Events subscribers, raw sockets) connected to a
// real okno-server while two desks call tickets. For each call: the time from sending call-next
// to every subscriber having received its ticket.called event; p50/p99/max over calls, and over
// all (call, subscriber) deliveries. Meanwhile a client measures ordinary GET latency, to show
// that open streams do not starve other requests. Target: p99 <= 100 ms with 100 subscribers.
// Not a test: it exits 0 on a missed target, but says FAIL plainly.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "latency.hpp"
#include "okno/source_root.hpp"
#include "process/http_client.hpp"
#include "process/server_process.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;
using nlohmann::json;
using okno::bench::Latency;
using okno::bench::summarize;
using okno::testing::KeepAliveClient;

double ms_between(SteadyClock::time_point a, SteadyClock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The staff token of the queue config that run() writes; every client sends it.
const std::vector<std::string> kStaffHeaders = {"Authorization: Bearer bench-token",
                                                "X-Staff-Actor: bench"};

// Subscribers: raw sockets, one reader thread polling all of them, so the client side adds no
// thread-per-stream cost of its own. Records when each subscriber saw each ticket.called number.
class Boards {
 public:
  Boards(int port, int n) {
    for (int i = 0; i < n; ++i) {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<uint16_t>(port));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("connect failed");
      const std::string req =
          "GET /api/v1/offices/demo/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          "Accept: text/event-stream\r\n\r\n";
      if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size()))
        throw std::runtime_error("write failed");
      fds_.push_back(fd);
    }
    buffers_.resize(fds_.size());
    seen_.resize(fds_.size());
    connected_.assign(fds_.size(), false);
    reader_ = std::thread([this] { read_loop(); });
  }
  ~Boards() {
    stop_ = true;
    reader_.join();
    for (int fd : fds_) close(fd);
  }
  bool wait_connected(std::chrono::seconds timeout) {
    const auto end = SteadyClock::now() + timeout;
    while (SteadyClock::now() < end) {
      {
        std::lock_guard lock(mutex_);
        if (std::all_of(connected_.begin(), connected_.end(), [](bool b) { return b; }))
          return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // When subscriber i saw `number` called; nullopt when not (yet).
  std::optional<SteadyClock::time_point> seen(std::size_t i, const std::string& number) {
    std::lock_guard lock(mutex_);
    auto it = seen_[i].find(number);
    if (it == seen_[i].end()) return std::nullopt;
    return it->second;
  }
  std::size_t size() const { return fds_.size(); }

 private:
  void read_loop() {
    std::vector<pollfd> pfds;
    for (int fd : fds_) pfds.push_back({fd, POLLIN, 0});
    char buf[16384];
    while (!stop_) {
      if (poll(pfds.data(), pfds.size(), 50) <= 0) continue;
      const auto now = SteadyClock::now();
      for (std::size_t i = 0; i < pfds.size(); ++i) {
        if (!(pfds[i].revents & POLLIN)) continue;
        const ssize_t n = read(pfds[i].fd, buf, sizeof buf);
        if (n <= 0) continue;
        std::lock_guard lock(mutex_);
        connected_[i] = true;
        std::string& b = buffers_[i];
        b.append(buf, static_cast<std::size_t>(n));
        // Chunked framing is ignored: look for the event lines themselves.
        for (auto at = b.find("event: ticket.called\ndata: "); at != std::string::npos;
             at = b.find("event: ticket.called\ndata: ")) {
          auto end = b.find('\n', at + 27);
          if (end == std::string::npos) break;
          json data = json::parse(b.substr(at + 27, end - at - 27), nullptr, false);
          if (data.is_object() && !data.value("repeat", false))
            seen_[i].emplace(data.value("number", ""), now);
          b.erase(0, end);
        }
        if (b.size() > 65536) b.erase(0, b.size() - 4096);
      }
    }
  }
  std::vector<int> fds_;
  std::vector<std::string> buffers_;
  std::vector<std::map<std::string, SteadyClock::time_point>> seen_;
  std::vector<bool> connected_;
  std::mutex mutex_;
  std::atomic<bool> stop_{false};
  std::thread reader_;
};

Latency probe_gets(const std::string& base, std::atomic<bool>& stop) {
  KeepAliveClient c(base, kStaffHeaders);
  std::vector<double> ms;
  while (!stop) {
    const auto t0 = SteadyClock::now();
    c.get("/api/v1/offices/demo/queue");
    ms.push_back(ms_between(t0, SteadyClock::now()));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return summarize(std::move(ms));
}

void print(const char* what, const Latency& l) {
  std::printf("  %-52s n=%-6zu p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms\n", what, l.count, l.p50,
              l.p99, l.max);
}

int run(int subscribers, int calls) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("okno-sse-bench-" + std::to_string(getpid()) + "-" + std::to_string(subscribers));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "queue.toml") << "[queue]\nstaff_token = \"bench-token\"\n"
                                    << "[queue.daily_cap]\n";
  Latency idle_gets;
  {
    okno::testing::ServerProcessOptions options;
    options.database = dir / "okno.db";
    options.fake_now = "2026-11-30T06:00:00Z";
    options.test_clock_api = false;
    // One address at machine speed: the rate limits are off (docs/security.md).
    options.extra_args = {"--queue-config", (dir / "queue.toml").string(), "--limits",
                          std::string(OKNO_SOURCE_ROOT) + "/tests/data/limits-off.toml"};
    options.stop_grace = std::chrono::seconds(3);  // a server that held 500 streams may stop slower
    okno::testing::ServerProcess server(options);
    if (!server.started()) throw std::runtime_error("okno-server did not start");
    std::vector<std::string> kiosk_headers = kStaffHeaders;
    kiosk_headers.push_back(server.kiosk_header());  // tickets come from the registered kiosk
    KeepAliveClient kiosk(server.base_url(), kiosk_headers);
    for (int i = 0; i < calls; ++i) {
      if (kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})") != 201)
        throw std::runtime_error("ticket refused");
    }
    // Ordinary requests before any stream is open, for comparison.
    {
      std::atomic<bool> stop{false};
      std::thread t([&] { idle_gets = probe_gets(server.base_url(), stop); });
      std::this_thread::sleep_for(std::chrono::seconds(2));
      stop = true;
      t.join();
    }
    Boards boards(server.port(), subscribers);
    if (!boards.wait_connected(std::chrono::seconds(20))) {
      std::printf("FAIL: not all %d subscribers connected\n", subscribers);
      return 1;
    }
    std::atomic<bool> stop{false};
    Latency busy_gets;
    std::thread prober([&] { busy_gets = probe_gets(server.base_url(), stop); });

    std::mutex mutex;
    std::vector<std::pair<std::string, SteadyClock::time_point>> sent;  // number, call sent
    auto desk = [&](const std::string& id, int n) {
      KeepAliveClient c(server.base_url(), kStaffHeaders);
      const std::string base = "/api/v1/offices/demo/desks/" + id + "/";
      for (int i = 0; i < n; ++i) {
        const auto t0 = SteadyClock::now();
        const long status = c.post(base + "call-next", "");
        json t = json::parse(c.body(), nullptr, false);
        if (status != 200 || !t.is_object() || t["ticket"].is_null()) break;
        {
          std::lock_guard lock(mutex);
          sent.emplace_back(t["ticket"]["number"].get<std::string>(), t0);
        }
        c.post(base + "start", "");
        c.post(base + "finish", "");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a desk's pace, compressed
      }
    };
    std::thread d1(desk, "1", calls / 2);
    std::thread d2(desk, "2", calls - calls / 2);
    d1.join();
    d2.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last deliveries
    stop = true;
    prober.join();

    std::vector<double> per_call, per_delivery;
    std::size_t missing = 0;
    for (const auto& [number, t0] : sent) {
      double worst = 0;
      bool all = true;
      for (std::size_t i = 0; i < boards.size(); ++i) {
        auto at = boards.seen(i, number);
        if (!at) {
          all = false;
          ++missing;
          continue;
        }
        const double ms = ms_between(t0, *at);
        per_delivery.push_back(ms);
        worst = std::max(worst, ms);
      }
      if (all) per_call.push_back(worst);
    }
    const Latency every = summarize(per_call);
    std::printf("\n%d SSE subscribers, %zu calls by 2 desks (each call also starts and finishes)\n",
                subscribers, sent.size());
    print("call -> EVERY subscriber received it", every);
    print("call -> one subscriber received it (all deliveries)", summarize(per_delivery));
    print("GET .../queue, no stream open", idle_gets);
    print("GET .../queue, streams open, desks calling", busy_gets);
    std::printf("  missing deliveries: %zu\n", missing);
    std::printf("  target p99 <= 100 ms: %s\n",
                every.p99 <= 100.0 && missing == 0 ? "PASS" : "FAIL");
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  std::vector<int> sizes = {100, 500};
  int calls = 200;
  if (argc > 1) sizes = {std::atoi(argv[1])};
  if (argc > 2) calls = std::atoi(argv[2]);
  try {
    for (int n : sizes) {
      if (run(n, calls) != 0) return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "okno-sse-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
