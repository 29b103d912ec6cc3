// okno-kiosk's command line (CLI11): the flags, their defaults and the help text. Kept out of
// main.cpp so a test can check what each flag sets without opening a window.
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/office.hpp"
#include "okno/source_root.hpp"
#include "ticket_printer.hpp"

namespace okno::kiosk {

struct KioskOptions {
  std::string server = "http://127.0.0.1:8080";
  // This kiosk's device key (okno-server kiosk add NAME), sent as X-Kiosk-Key; from
  // --kiosk-key or OKNO_KIOSK_KEY. Without it the server refuses kiosk tickets and bookings.
  std::string kiosk_key;
  std::string office = "demo";
  std::filesystem::path assets = std::filesystem::path(OKNO_SOURCE_ROOT) / "assets";
  std::filesystem::path locales = std::filesystem::path(OKNO_SOURCE_ROOT) / "locales";
  std::string printer;  // device or file; empty: no printer
  PaperWidth paper = PaperWidth::mm80;
  std::string ticket_preview;  // folder for PNG previews of printed tickets
  std::string survey_url = "https://okno.example.ru/survey";
  int width = 1920, height = 1080;
  // Display density, so touch targets are at least 15 mm on any panel: 1920x1080 on a 21.5"
  // panel is about 4 px/mm, on a 32" one about 2.7.
  float px_per_mm = 4.0f;
  bool windowed = false;
  std::string screenshot, lang = "ru", out;
  float large = 1.0f;
  bool contrast = false, server_down = false;
  std::string now;  // fixed wall clock for screenshots, ISO 8601
  std::string bench_out;
  double bench_idle_s = 60;
  double idle_timeout_s = 60;
  std::string input_script;  // synthetic input for the real window (tests)
  bool exit_after_script = false;

  // The waiting-room board instead of the kiosk (--board, docs/board.md). --lang is the board's
  // language and --large its print scale in this mode too.
  bool board = false;
  std::vector<std::string> desks;  // --desks 1,2,3: the board's zone; empty: every desk
  std::string announce_log;        // one JSON line per announcement played
  std::string state_log;           // one JSON line per change of what the board shows
  float volume = 0.8f;
  bool screen_only = false;
  std::vector<TimeRange> quiet;   // --quiet 22:00-07:00 (office-local; repeatable)
  std::filesystem::path notices;  // empty: <assets>/board/notices.toml
};

// Why the kiosk should not run but exit at once: what to print and the exit status.
// status 0 is --help (text is the help, for stdout); 2 is a flag or value it does not accept
// (text is the message, for stderr).
struct ArgsExit {
  int status = 0;
  std::string text;
};

// Never throws: CLI11's parse errors come back as an ArgsExit.
std::expected<KioskOptions, ArgsExit> parse_kiosk_args(int argc, const char* const* argv);

// The help text, for main's own usage errors found after parsing (an unknown screen, say).
std::string kiosk_usage();

}  // namespace okno::kiosk
