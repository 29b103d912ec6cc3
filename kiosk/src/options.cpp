// okno-kiosk's flags with CLI11, in the style of okno-server's main.cpp. The flag names, value
// syntax and defaults are the ones scripts, tests and docs/kiosk.md already use.
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

#include "okno/board.hpp"
#include "state.hpp"

namespace okno::kiosk {
namespace {

constexpr const char* kAbout = "okno-kiosk: the touchscreen kiosk of the Okno electronic queue";

// "1920x1080": both sides whole positive numbers, nothing around them.
std::optional<std::pair<int, int>> parse_size(std::string_view v) {
  const auto x = v.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  auto whole = [](std::string_view s) -> std::optional<int> {
    int n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || n <= 0) return std::nullopt;
    return n;
  };
  const auto w = whole(v.substr(0, x)), h = whole(v.substr(x + 1));
  if (!w || !h) return std::nullopt;
  return std::pair{*w, *h};
}

// A check whose message says what was expected. No description: type_name shows the syntax.
CLI::Validator expect(bool (*ok)(std::string_view), const char* what) {
  return CLI::Validator(
      [ok, what](std::string& v) {
        return ok(v) ? std::string{} : std::string("expected ") + what + ", got " + v;
      },
      "");
}

std::string screen_names() {
  std::string names;
  for (Screen s : kAllScreens) names += (names.empty() ? "" : " ") + std::string(to_string(s));
  return names;
}

// One description serves both parsing and kiosk_usage(), so the help cannot drift from the
// flags.
void describe(CLI::App& cli, KioskOptions& o) {
  // As the hand-written parser did: a repeated option takes its last value, not an error.
  cli.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cli.footer(
      "Modes:\n"
      "  okno-kiosk [--server URL] [--kiosk-key KEY] [--office ID]\n"
      "             [--printer DEVICE|FILE --paper 58|80]\n"
      "             [--ticket-preview DIR] [--windowed] [--size WxH] [--px-per-mm PX]\n"
      "             [--idle-timeout S] [--input-script FILE [--exit-after-script]]\n"
      "             [--now ISO8601]\n"
      "  okno-kiosk --screenshot SCREEN --lang LL --out FILE.png [--large 1.5|2] [--contrast]\n"
      "             [--server-down] [--now ISO8601] [--size WxH]\n"
      "  okno-kiosk --bench OUT.md [--bench-idle-s S]\n"
      "  okno-kiosk --board [--server URL] [--office ID] [--desks 1,2,3] [--lang LL]\n"
      "             [--large 1.5|2] [--volume V] [--screen-only] [--quiet HH:MM-HH:MM]\n"
      "             [--notices FILE] [--announce-log FILE] [--state-log FILE] [--windowed]\n"
      "  okno-kiosk --screenshot board --lang LL --out FILE.png [--large 1.5|2]\n"
      "             [--desks 1,2,3] [--server-down]\n"
      "Screens: " +
      screen_names() + " board");

  cli.add_option("--server", o.server, "okno-server base URL")
      ->type_name("URL")
      ->capture_default_str();
  cli.add_option("--kiosk-key", o.kiosk_key,
                 "This kiosk's device key (okno-server kiosk add NAME); or OKNO_KIOSK_KEY")
      ->type_name("KEY")
      ->envname("OKNO_KIOSK_KEY");
  cli.add_option("--office", o.office, "Office id in the offices configuration")
      ->type_name("ID")
      ->capture_default_str();
  cli.add_option("--assets", o.assets, "Assets folder (offices, calendar, floor plans)")
      ->type_name("DIR")
      ->default_str(o.assets.string());
  cli.add_option("--locales", o.locales, "Locale catalogs folder")
      ->type_name("DIR")
      ->default_str(o.locales.string());
  cli.add_option("--printer", o.printer,
                 "ESC/POS ticket printer: a device such as /dev/usb/lp0, or a file (none if "
                 "absent)")
      ->type_name("DEVICE|FILE");
  cli.add_option_function<std::string>(
         "--paper",
         [&o](const std::string& v) { o.paper = v == "58" ? PaperWidth::mm58 : PaperWidth::mm80; },
         "Printer paper width, mm")
      ->type_name("58|80")
      ->check(expect([](std::string_view v) { return v == "58" || v == "80"; }, "58 or 80"))
      ->default_str("80");
  cli.add_option("--ticket-preview", o.ticket_preview,
                 "Folder for a PNG preview of every printed ticket")
      ->type_name("DIR");
  cli.add_option("--survey-url", o.survey_url, "Survey address in the ticket's QR code")
      ->type_name("URL")
      ->capture_default_str();
  cli.add_option_function<std::string>(
         "--size",
         [&o](const std::string& v) {
           const auto size = parse_size(v);  // the check below has let only WxH through
           o.width = size->first;
           o.height = size->second;
         },
         "Window (or screenshot) size in pixels")
      ->type_name("WxH")
      ->check(expect([](std::string_view v) { return parse_size(v).has_value(); },
                     "WxH such as 1920x1080"))
      ->default_str(std::to_string(o.width) + "x" + std::to_string(o.height));
  cli.add_option("--px-per-mm", o.px_per_mm,
                 "Display density in pixels per millimetre (touch targets are at least 15 mm)")
      ->type_name("PX")
      ->check(CLI::Range(1.0f, 40.0f))
      ->capture_default_str();
  cli.add_flag("--windowed", o.windowed, "A window with a pointer instead of fullscreen");
  cli.add_option("--idle-timeout", o.idle_timeout_s,
                 "Seconds without input before the kiosk asks whether the visitor needs more "
                 "time")
      ->type_name("S")
      ->capture_default_str();
  cli.add_option("--now", o.now,
                 "Fixed wall clock, e.g. 2026-11-30T06:00:00Z (--screenshot: Monday 10:30 in "
                 "Moscow unless given)")
      ->type_name("ISO8601");

  cli.add_option("--screenshot", o.screenshot,
                 "Render SCREEN to --out in a hidden window and exit (screens below)")
      ->type_name("SCREEN");
  cli.add_option("--lang", o.lang, "Language of --screenshot: ru en hy be kk ky")
      ->type_name("LL")
      ->capture_default_str();
  cli.add_option("--out", o.out, "PNG file --screenshot writes")->type_name("FILE.png");
  cli.add_option("--large", o.large, "Text scale of --screenshot (large print: 1.5 or 2)")
      ->type_name("1.5|2")
      ->capture_default_str();
  cli.add_flag("--contrast", o.contrast, "High-contrast theme for --screenshot");
  cli.add_flag("--server-down", o.server_down, "--screenshot as while the server is down");

  cli.add_option("--bench", o.bench_out,
                 "Measure startup, frame cost, idle CPU and memory; write a Markdown table to "
                 "OUT.md and exit")
      ->type_name("OUT.md");
  cli.add_option("--bench-idle-s", o.bench_idle_s, "How long --bench measures idle CPU, seconds")
      ->type_name("S")
      ->capture_default_str();

  cli.add_flag("--board", o.board,
               "The waiting-room board (fullscreen TV) instead of the kiosk (docs/board.md)");
  cli.add_option("--desks", o.desks, "The board's zone: the desks it shows, e.g. 1,2,3 (all)")
      ->type_name("1,2,3")
      ->delimiter(',');
  cli.add_option("--announce-log", o.announce_log,
                 "The board writes one JSON line per announcement played to FILE")
      ->type_name("FILE");
  cli.add_option("--state-log", o.state_log,
                 "The board writes one JSON line per change of what it shows to FILE")
      ->type_name("FILE");
  cli.add_option("--volume", o.volume, "The board's announcement volume, 0 to 1")
      ->type_name("V")
      ->check(CLI::Range(0.0f, 1.0f))
      ->capture_default_str();
  cli.add_flag("--screen-only", o.screen_only, "The board shows calls but never speaks");
  cli.add_option_function<std::vector<std::string>>(
         "--quiet",
         [&o](const std::vector<std::string>& v) {
           o.quiet.clear();
           for (const auto& r : v) o.quiet.push_back(*board::parse_quiet_range(r));
         },
         "Office-local hours when the board does not speak, e.g. 22:00-07:00 (repeatable)")
      ->type_name("HH:MM-HH:MM")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(expect([](std::string_view v) { return board::parse_quiet_range(v).has_value(); },
                     "HH:MM-HH:MM such as 22:00-07:00"));
  cli.add_option("--notices", o.notices,
                 "The board's notices file (default: <assets>/board/notices.toml)")
      ->type_name("FILE");

  cli.add_option("--input-script", o.input_script,
                 "Drive the window with synthetic touches and keys (tests, docs/kiosk.md)")
      ->type_name("FILE");
  cli.add_flag("--exit-after-script", o.exit_after_script,
               "Exit with status 0 once the --input-script is done");
}

}  // namespace

std::expected<KioskOptions, ArgsExit> parse_kiosk_args(int argc, const char* const* argv) {
  KioskOptions o;
  CLI::App cli{kAbout, "okno-kiosk"};
  describe(cli, o);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // cli.exit prints as CLI11_PARSE would (help to out, the message and a hint to err); the
    // status stays 2, as before CLI11, instead of CLI11's per-error codes.
    std::ostringstream out, err;
    if (cli.exit(e, out, err) == 0) return std::unexpected(ArgsExit{0, out.str()});
    return std::unexpected(ArgsExit{2, "okno-kiosk: " + err.str()});
  }
  return o;
}

std::string kiosk_usage() {
  KioskOptions o;
  CLI::App cli{kAbout, "okno-kiosk"};
  describe(cli, o);
  return cli.help();
}

}  // namespace okno::kiosk
