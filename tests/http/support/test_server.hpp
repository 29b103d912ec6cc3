// Test support: starts a real okno-server process on loopback (fork + exec), reads its port from
// the first stdout line, and talks to it with libcurl. Each test gets its own database file.
#pragma once

#include <curl/curl.h>
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace okno::testing {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

// One libcurl easy handle (keeps its connection alive between requests). Not thread-safe: use
// one per thread.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  HttpResponse get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpResponse post(const std::string& path, const std::string& body,
                    const std::vector<std::string>& headers = {});
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
                       const std::vector<std::string>& headers);

 private:
  std::string base_;
  std::unique_ptr<CURL, CurlDeleter> curl_;
};

struct ServerProcessOptions {
  std::string fake_now = "2026-11-30T06:00:00Z";  // Monday 09:00 in Moscow
  bool test_clock_api = true;
  std::filesystem::path database;       // empty: a fresh file in a temp folder
  std::vector<std::string> extra_args;  // a "--log-level" here replaces the default "warn"
  // Empty: the server's stderr goes to the test's stderr and its stdout after the first line is
  // dropped. Set: both are appended to this file (spdlog writes to stdout), complete once the
  // server has stopped.
  std::filesystem::path log_file;
};

// A running okno-server; killed (SIGTERM, then SIGKILL) when destroyed.
class ServerProcess {
 public:
  explicit ServerProcess(ServerProcessOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& database() const { return database_; }
  pid_t pid() const { return pid_; }
  // kill -9, as a crash would.
  void kill_hard();
  // Starts again on the same database (and the same port when possible).
  bool restart();

 private:
  bool spawn();
  void join_log_drain();
  ServerProcessOptions options_;
  std::thread log_drain_;  // copies stdout into options_.log_file
  std::filesystem::path dir_;
  std::filesystem::path database_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A booking body as in the API docs, for `start`; tweak the result as needed.
nlohmann::json booking_body(const std::string& start, const std::string& service = "passport");

// Runs SQL on the database file directly (a second reader next to the server) and returns the
// first column of the first row as text.
std::string sqlite_scalar(const std::filesystem::path& db, const std::string& sql);

}  // namespace okno::testing
