// okno-server: the booking server. Reads flags, builds the App, prints where to look, serves.
#include <csignal>
#include <cstdio>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "okno/server/app.hpp"
#include "okno/server/calendar_import.hpp"
#include "okno/server/staff/kiosk_devices.hpp"
#include "okno/server/staff/staff_auth.hpp"
#include "okno/slots.hpp"

namespace {
okno::App* g_app = nullptr;
void on_signal(int) {
  if (g_app) g_app->stop();
}
}  // namespace

int main(int argc, char** argv) {
  okno::ServerOptions options;
  std::string fake_now, db, offices, assets, locales, log_level = "info";
  CLI::App cli{"okno-server: booking server of the Okno electronic queue"};
  cli.add_option("--host", options.host, "Address to listen on")->capture_default_str();
  cli.add_option("--port", options.port, "Port (0 = any free port)")->capture_default_str();
  cli.add_option("--db", db, "SQLite database file")->default_str("okno.db");
  cli.add_option("--offices", offices, "Offices configuration (TOML)");
  cli.add_option("--assets", assets, "Assets folder (calendar, offices)");
  cli.add_option("--locales", locales, "Locale catalogs folder");
  cli.add_option("--threads", options.threads, "Worker threads")->capture_default_str();
  cli.add_option("--fake-now", fake_now, "Start a manual clock at this UTC time (tests)");
  cli.add_flag("--test-clock-api", options.test_clock_api,
               "Allow POST /api/v1/_test/clock (tests)");
  cli.add_option("--notify-config", options.notify_config,
                 "Notification channels and retry policy (TOML)");
  cli.add_option("--queue-config", options.queue_config,
                 "Queue policy and staff token (TOML, default <assets>/queue.toml)");
  cli.add_option(
      "--limits", options.limits_config,
      "Rate limits, code guessing, trusted proxies (TOML, default <assets>/limits.toml)");
  cli.add_option("--announce-log", options.announce_log,
                 "Append one JSON line per announcement rendered for the web board");
  cli.add_flag("--secure-cookies", options.secure_cookies,
               "Mark staff cookies Secure (served over TLS)");
  long long staff_idle = options.staff_idle_timeout.count();
  long long staff_max = options.staff_session_max.count();
  cli.add_option("--staff-session-idle", staff_idle,
                 "Seconds a staff session lives unused (an open console page uses it)")
      ->capture_default_str()
      ->check(CLI::Range(10LL, 24LL * 3600));
  cli.add_option("--staff-session-max", staff_max,
                 "Seconds a staff session lives at most, however much it is used")
      ->capture_default_str()
      ->check(CLI::Range(60LL, 7LL * 24 * 3600));
  std::string create_staff, staff_role = "administrator", staff_name;
  cli.add_option("--create-staff,--create-admin", create_staff,
                 "Create a staff account and exit; password from OKNO_STAFF_PASSWORD or stdin");
  cli.add_option("--role", staff_role,
                 "Role of --create-staff: receptionist, operator, "
                 "administrator")
      ->capture_default_str();
  cli.add_option("--display-name", staff_name, "Name shown in the console (--create-staff)");
  std::string staff_desks;
  cli.add_option("--desks", staff_desks,
                 "Desks a receptionist of --create-staff may work, e.g. demo/1,demo/2");
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->capture_default_str();
  okno::ImportCalendarCommand import;
  auto* import_cmd = cli.add_subcommand(
      "import-calendar",
      "Convert a production calendar in the xmlcalendar layout to TOML and exit");
  import_cmd->add_option("file", import.xml_file, "xmlcalendar file (calendar.xml)")->required();
  import_cmd->add_option("--out", import.out, "Where to write, e.g. assets/calendar/ru-2028.toml")
      ->required();
  import_cmd->add_option("--source", import.source, "The decree: number and date")->required();
  import_cmd->add_flag("--provisional", import.provisional, "The decree is only a draft");
  import_cmd->add_flag("--force", import.force, "Replace an existing file");
  std::vector<std::string> kiosk_args;
  auto* kiosk_cmd = cli.add_subcommand(
      "kiosk", "Registered kiosk devices: add NAME (prints its key once), list, revoke NAME");
  kiosk_cmd->add_option("args", kiosk_args, "add NAME | list | revoke NAME")->required();
  kiosk_cmd->fallthrough();  // --db may come after the subcommand too
  CLI11_PARSE(cli, argc, argv);
  if (import_cmd->parsed()) return okno::import_calendar_cli(import);
  if (kiosk_cmd->parsed()) return okno::kiosk_cli(db.empty() ? "okno.db" : db, kiosk_args);
  if (!create_staff.empty()) {
    return okno::create_staff_cli(db.empty() ? "okno.db" : db, create_staff, staff_role, staff_name,
                                  staff_desks);
  }

  // Logs go to stderr, unbuffered: stdout carries only the "listening on" line for scripts,
  // and a crash must not lose what was logged before it.
  spdlog::set_default_logger(spdlog::stderr_color_mt("okno"));
  spdlog::set_level(spdlog::level::from_str(log_level));
  options.database = db.empty() ? "okno.db" : db;
  if (!offices.empty()) options.offices_file = offices;
  if (!assets.empty()) options.assets_dir = assets;
  if (!locales.empty()) options.locales_dir = locales;
  options.staff_idle_timeout = std::chrono::seconds(staff_idle);
  options.staff_session_max = std::chrono::seconds(staff_max);
  if (!fake_now.empty()) {
    auto t = okno::parse_iso_instant(fake_now);
    if (!t) {
      std::cerr << "okno-server: --fake-now must look like 2026-12-01T06:00:00Z\n";
      return 2;
    }
    options.fake_now = *t;
  }
  auto app = okno::App::create(options);
  if (!app) {
    std::cerr << "okno-server: cannot start: " << app.error().detail << "\n";
    return 1;
  }
  if (!(*app)->bind()) {
    std::cerr << "okno-server: cannot listen on " << options.host << ":" << options.port << "\n";
    return 1;
  }
  g_app = app->get();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // The first line on stdout is the URL: scripts and tests read the port from it.
  std::printf("okno-server listening on http://%s:%d/\n", options.host.c_str(),
              (*app)->bound_port());
  std::fflush(stdout);
  (*app)->serve();
  return 0;
}
