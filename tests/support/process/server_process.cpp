// A real okno-server process on loopback (see server_process.hpp).
#include "process/server_process.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace okno::testing {

ServerProcess::ServerProcess(ServerProcessOptions options)
    : options_(std::move(options)), process_(options_.stop_grace) {
  char tmpl[] = "/tmp/okno-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  database_ = options_.database.empty() ? dir_ / "okno.db" : options_.database;
  spawn();
}

ServerProcess::~ServerProcess() {
  process_.stop();  // before its files go
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool ServerProcess::spawn() {
  std::vector<std::string> args = {
      options_.binary.empty() ? std::string(OKNO_SERVER_BINARY) : options_.binary.string(),
      "--host",
      "127.0.0.1",
      "--port",
      std::to_string(port_ > 0 ? port_ : 0),
      "--db",
      database_.string()};
  // The server takes --log-level once: a level in extra_args replaces the quiet default.
  if (std::find(options_.extra_args.begin(), options_.extra_args.end(), "--log-level") ==
      options_.extra_args.end()) {
    args.push_back("--log-level");
    args.push_back("warn");
  }
  if (!options_.fake_now.empty()) {
    args.push_back("--fake-now");
    args.push_back(options_.fake_now);
  }
  if (options_.test_clock_api) args.push_back("--test-clock-api");
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  // "okno-server listening on http://127.0.0.1:PORT/"
  const std::string line = process_.start(std::move(args), options_.log_file);
  const auto colon = line.rfind(':');
  port_ = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

bool ServerProcess::restart() {
  process_.kill_hard();
  if (spawn()) return true;
  port_ = 0;  // the old port was taken meanwhile: any free one
  return spawn();
}

nlohmann::json booking_body(const std::string& start, const std::string& service,
                            const std::string& office) {
  return {{"office", office},
          {"service", service},
          {"start", start},
          {"channel", "web"},
          {"client",
           {{"name", "Иван Петров"}, {"phone", "+79991234567"}, {"email", "ivan@example.org"}}},
          {"notify", {{"mandatory", "portal"}, {"extra", {"email"}}}},
          {"reminders", {"24h", "2h"}},
          {"language", "ru"},
          {"needs", {"sign_language"}},
          {"consent", {{"given", true}, {"version", "pd-2025-09"}}}};
}

}  // namespace okno::testing
