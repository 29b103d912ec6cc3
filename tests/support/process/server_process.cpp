// A real okno-server process on loopback (see server_process.hpp).
#include "process/server_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
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
  if (options_.register_kiosk) {
    // A fresh name each time: a test may start several servers on one database.
    static std::atomic<int> made{0};
    auto [status, out] = kiosk_command("add test-kiosk-" + std::to_string(getpid()) + "-" +
                                       std::to_string(made.fetch_add(1)));
    // The key is the last line the command prints.
    while (!out.empty() && out.back() == '\n') out.pop_back();
    if (status == 0) kiosk_key_ = out.substr(out.rfind('\n') + 1);
  }
  spawn();
}

std::pair<int, std::string> ServerProcess::kiosk_command(const std::string& args) const {
  const std::string binary =
      options_.binary.empty() ? std::string(OKNO_SERVER_BINARY) : options_.binary.string();
  const std::string command = "'" + binary + "' --db '" + database_.string() + "' kiosk " + args;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {-1, out};
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
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
  if (!options_.rate_limits) {
    args.push_back("--limits");
    args.push_back(OKNO_LIMITS_OFF);
  }
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
