// Test support: a real okno-server process on loopback (ServerProcess, shared with the benchmarks
// in tests/support/process), a libcurl client that returns whole responses, and a direct look into
// the database file. Each test gets its own database file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "process/http_client.hpp"
#include "process/server_process.hpp"

namespace okno::testing {

struct HttpResponse {
  long status = 0;
  std::string body;
  HeaderMap headers;  // lower-case names
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// One keep-alive connection; each request may carry its own headers and method. Not
// thread-safe: use one per thread.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : client_(std::move(base_url)) {}
  // `headers` go with every request, before the request's own (e.g. a kiosk's X-Kiosk-Key).
  HttpClient(std::string base_url, std::vector<std::string> headers)
      : client_(std::move(base_url)), headers_(std::move(headers)) {}
  HttpResponse get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpResponse post(const std::string& path, const std::string& body,
                    const std::vector<std::string>& headers = {});
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
                       const std::vector<std::string>& headers);

 private:
  KeepAliveClient client_;
  std::vector<std::string> headers_;
};

// A queue.toml with the staff service token and any extra TOML, in a temporary folder that goes
// with it (--queue-config file.string()).
struct TempQueueConfig {
  std::filesystem::path dir;
  std::filesystem::path file;
  explicit TempQueueConfig(const std::string& token, const std::string& extra = "");
  ~TempQueueConfig();
  TempQueueConfig(const TempQueueConfig&) = delete;
  TempQueueConfig& operator=(const TempQueueConfig&) = delete;
};
// Sends body(i, *clients[i]) from n threads at once: every thread owns one client and waits at a
// latch until all threads are ready, so the requests reach the server together.
template <class F>
std::vector<HttpResponse> all_at_once(std::vector<std::unique_ptr<HttpClient>>& clients,
                                      std::size_t n, F body) {
  std::vector<HttpResponse> out(n);
  std::latch ready(static_cast<std::ptrdiff_t>(n));
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      out[i] = body(i, *clients[i]);
    });
  }
  for (auto& t : threads) t.join();
  return out;
}

// Runs SQL on the database file directly (a second reader next to the server) and returns the
// first column of the first row as text.
std::string sqlite_scalar(const std::filesystem::path& db, const std::string& sql);

}  // namespace okno::testing
