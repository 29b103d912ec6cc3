// Test and benchmark support: a real okno-server process on loopback (fork + execv, port 0), its
// address read from the first line it prints, by default on a fresh database file; and a booking
// body as in the API docs.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "process/child_process.hpp"

namespace okno::testing {

struct ServerProcessOptions {
  std::string fake_now = "2026-11-30T06:00:00Z";  // Monday 09:00 in Moscow
  bool test_clock_api = true;
  std::filesystem::path database;       // empty: a fresh file in a temp folder
  std::vector<std::string> extra_args;  // a "--log-level" here replaces the default "warn"
  // Empty: the server's stderr goes to this process's stderr and its stdout after the first line
  // is dropped. Set: both are appended to this file, complete once the server has stopped.
  std::filesystem::path log_file;
  std::filesystem::path binary;  // empty: the okno-server built from this tree
  // How long the server may take to stop after SIGTERM before it is killed (with hundreds of
  // open event streams it takes longer).
  std::chrono::milliseconds stop_grace = std::chrono::seconds(1);
  // Registers a kiosk device ("test-kiosk-…") on the database before the first start
  // (okno-server kiosk add), so tests can act as the office's kiosk: kiosk_header().
  bool register_kiosk = true;
  // false: the rate limits and the code-guessing throttle are off (tests/data/limits-off.toml),
  // for tests whose subject is something else at machine speed from one address (races, load,
  // kill -9); the limits themselves are tested with the shipped defaults.
  bool rate_limits = true;
};

// A running okno-server; stopped (SIGTERM, then SIGKILL) when destroyed.
class ServerProcess {
 public:
  explicit ServerProcess(ServerProcessOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& database() const { return database_; }
  // The registered test kiosk's key and the header that carries it ("X-Kiosk-Key: …"); empty
  // when register_kiosk was off or the registration failed.
  const std::string& kiosk_key() const { return kiosk_key_; }
  std::string kiosk_header() const { return "X-Kiosk-Key: " + kiosk_key_; }
  // okno-server --db <this database> kiosk ARGS...: its standard output and exit status.
  std::pair<int, std::string> kiosk_command(const std::string& args) const;
  pid_t pid() const { return process_.pid(); }
  // kill -9, as a crash would.
  void kill_hard() { process_.kill_hard(); }
  // Starts again on the same database (and the same port when possible).
  bool restart();

 private:
  bool spawn();

  ServerProcessOptions options_;
  std::filesystem::path dir_;
  std::filesystem::path database_;
  ChildProcess process_;
  int port_ = 0;
  std::string kiosk_key_;
};

// A booking body as in the API docs, for `start`; tweak the result as needed.
nlohmann::json booking_body(const std::string& start, const std::string& service = "passport",
                            const std::string& office = "demo");

}  // namespace okno::testing
