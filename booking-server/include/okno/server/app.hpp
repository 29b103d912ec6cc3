// The booking server as a library: configuration, the HTTP routes over BookingService, and the
// listening loop. main.cpp only reads flags and calls this, so tests can link it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "okno/clock.hpp"
#include "okno/error.hpp"

namespace okno {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  std::filesystem::path database = "okno.db";
  std::filesystem::path offices_file;  // default: <assets>/offices/demo.toml
  std::filesystem::path assets_dir;    // calendars, offices
  std::filesystem::path locales_dir;
  int threads = 128;  // each open connection holds one (cpp-httplib)
  size_t max_body_bytes = 64 * 1024;
  // A manual clock starting here instead of the system clock; with test_clock_api the clock
  // can be set over HTTP (POST /api/v1/_test/clock). Never enabled in production.
  std::optional<Seconds> fake_now;
  bool test_clock_api = false;
  std::string consent_version = "pd-2025-09";
  // The key of the secret in the messages' links to the site's booking and survey pages
  // (issue 12). Empty: kept in "<database>.link-key", made on the first start (a new key makes
  // every link sent before unusable).
  std::string link_key;
  // Notification delivery (TOML, docs/notifications.md); empty: messages wait in the outbox.
  std::filesystem::path notify_config;
  // Queue policy and the interim staff token (TOML, docs/queue.md); default <assets>/queue.toml.
  std::filesystem::path queue_config;
  // Rate limits, code guessing and trusted proxies of the public routes (TOML, docs/security.md);
  // default <assets>/limits.toml.
  std::filesystem::path limits_config;
  // One JSON line per announcement rendered for the web board (docs/api.md); empty: the log only.
  std::filesystem::path announce_log;
  // Staff cookies get "Secure" (set when okno-server is reached over TLS, e.g. behind a proxy).
  bool secure_cookies = false;
  // Staff sessions (docs/console.md): ended after this long unused, and after the second one
  // however much they are used. An open console page keeps its session in use.
  std::chrono::seconds staff_idle_timeout{30 * 60};
  std::chrono::seconds staff_session_max{12 * 60 * 60};
};

class App {
 public:
  static Result<std::unique_ptr<App>> create(const ServerOptions& options);
  ~App();

  // Binds and serves until stop(); false when the address cannot be bound.
  bool bind();
  int bound_port() const;
  void serve();  // blocks
  void stop();

 private:
  App();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Default folders next to the source tree (development) or under /usr/share/okno (installed).
std::filesystem::path default_assets_dir();
std::filesystem::path default_locales_dir();

}  // namespace okno
