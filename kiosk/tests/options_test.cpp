// okno-kiosk's flags (options.cpp, CLI11): what each flag sets, with the command lines the
// scripts, tests and docs use, and that bad input is an error value, never an exception. The
// binary itself is run only with flags that stop it before it opens a window.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include "okno/source_root.hpp"
#include "options.hpp"

namespace okno::kiosk {
namespace {

std::expected<KioskOptions, ArgsExit> parse(std::initializer_list<const char*> args) {
  std::vector<const char*> argv{"okno-kiosk"};
  argv.insert(argv.end(), args);
  return parse_kiosk_args(static_cast<int>(argv.size()), argv.data());
}

// The error message of a parse that must fail; empty (and a test failure) if it succeeded.
std::string error_of(std::initializer_list<const char*> args) {
  const auto r = parse(args);
  EXPECT_FALSE(r.has_value());
  if (r) return {};
  EXPECT_EQ(r.error().status, 2);
  return r.error().text;
}

TEST(KioskOptions, NoFlagsGiveTheDefaults) {
  const auto o = parse({});
  ASSERT_TRUE(o.has_value()) << o.error().text;
  EXPECT_EQ(o->server, "http://127.0.0.1:8080");
  EXPECT_EQ(o->office, "demo");
  EXPECT_EQ(o->assets, std::filesystem::path(OKNO_SOURCE_ROOT) / "assets");
  EXPECT_EQ(o->locales, std::filesystem::path(OKNO_SOURCE_ROOT) / "locales");
  EXPECT_EQ(o->printer, "");
  EXPECT_EQ(o->paper, PaperWidth::mm80);
  EXPECT_EQ(o->survey_url, "https://okno.example.ru/survey");
  EXPECT_EQ(o->width, 1920);
  EXPECT_EQ(o->height, 1080);
  EXPECT_FLOAT_EQ(o->px_per_mm, 4.0f);
  EXPECT_FALSE(o->windowed);
  EXPECT_EQ(o->screenshot, "");
  EXPECT_EQ(o->lang, "ru");
  EXPECT_FLOAT_EQ(o->large, 1.0f);
  EXPECT_FALSE(o->contrast);
  EXPECT_FALSE(o->server_down);
  EXPECT_EQ(o->bench_out, "");
  EXPECT_DOUBLE_EQ(o->bench_idle_s, 60);
  EXPECT_DOUBLE_EQ(o->idle_timeout_s, 60);
  EXPECT_EQ(o->input_script, "");
  EXPECT_FALSE(o->exit_after_script);
}

// The registered kiosk's device key (issue 16): a flag, or the environment as scripts/run.sh
// gives it; none by default.
TEST(KioskOptions, TheDeviceKeyComesFromTheFlagOrOknoKioskKey) {
  ::unsetenv("OKNO_KIOSK_KEY");
  EXPECT_EQ(parse({})->kiosk_key, "");
  EXPECT_EQ(parse({"--kiosk-key", "okk_flag"})->kiosk_key, "okk_flag");
  ::setenv("OKNO_KIOSK_KEY", "okk_from_env", 1);
  EXPECT_EQ(parse({})->kiosk_key, "okk_from_env");
  EXPECT_EQ(parse({"--kiosk-key", "okk_flag"})->kiosk_key, "okk_flag");  // the flag wins
  ::unsetenv("OKNO_KIOSK_KEY");
}

TEST(KioskOptions, KioskFlagsAsInTheWindowEndToEndTest) {
  const auto o = parse({"--server",
                        "http://127.0.0.1:41234",
                        "--office",
                        "demo",
                        "--windowed",
                        "--size",
                        "1280x720",
                        "--now",
                        "2026-11-30T06:00:00Z",
                        "--ticket-preview",
                        "/tmp/tickets",
                        "--input-script",
                        "/tmp/script.txt",
                        "--exit-after-script",
                        "--printer",
                        "/dev/usb/lp0",
                        "--paper",
                        "58",
                        "--survey-url",
                        "https://example.org/s",
                        "--idle-timeout",
                        "30.5",
                        "--assets",
                        "/opt/a",
                        "--locales",
                        "/opt/l"});
  ASSERT_TRUE(o.has_value()) << o.error().text;
  EXPECT_EQ(o->server, "http://127.0.0.1:41234");
  EXPECT_EQ(o->office, "demo");
  EXPECT_TRUE(o->windowed);
  EXPECT_EQ(o->width, 1280);
  EXPECT_EQ(o->height, 720);
  EXPECT_EQ(o->now, "2026-11-30T06:00:00Z");
  EXPECT_EQ(o->ticket_preview, "/tmp/tickets");
  EXPECT_EQ(o->input_script, "/tmp/script.txt");
  EXPECT_TRUE(o->exit_after_script);
  EXPECT_EQ(o->printer, "/dev/usb/lp0");
  EXPECT_EQ(o->paper, PaperWidth::mm58);
  EXPECT_EQ(o->survey_url, "https://example.org/s");
  EXPECT_DOUBLE_EQ(o->idle_timeout_s, 30.5);
  EXPECT_EQ(o->assets, std::filesystem::path("/opt/a"));
  EXPECT_EQ(o->locales, std::filesystem::path("/opt/l"));
}

TEST(KioskOptions, ScreenshotAndBenchFlagsAsInTheScripts) {
  const auto shot = parse({"--screenshot", "ticket_shown", "--lang", "hy", "--large", "1.5",
                           "--contrast", "--server-down", "--out", "/tmp/x.png"});
  ASSERT_TRUE(shot.has_value()) << shot.error().text;
  EXPECT_EQ(shot->screenshot, "ticket_shown");
  EXPECT_EQ(shot->lang, "hy");
  EXPECT_FLOAT_EQ(shot->large, 1.5f);
  EXPECT_TRUE(shot->contrast);
  EXPECT_TRUE(shot->server_down);
  EXPECT_EQ(shot->out, "/tmp/x.png");

  const auto bench = parse({"--bench", "/tmp/b.md", "--bench-idle-s", "2", "--server",
                            "http://127.0.0.1:9", "--paper", "80"});
  ASSERT_TRUE(bench.has_value()) << bench.error().text;
  EXPECT_EQ(bench->bench_out, "/tmp/b.md");
  EXPECT_DOUBLE_EQ(bench->bench_idle_s, 2);
  EXPECT_EQ(bench->server, "http://127.0.0.1:9");
  EXPECT_EQ(bench->paper, PaperWidth::mm80);
}

// A 32" 1080p panel has about 2.7 px/mm: touch targets must stay 15 mm there too.
TEST(KioskOptions, DisplayDensityForTouchTargets) {
  const auto o = parse({"--px-per-mm", "2.7"});
  ASSERT_TRUE(o.has_value()) << o.error().text;
  EXPECT_FLOAT_EQ(o->px_per_mm, 2.7f);
  EXPECT_NE(error_of({"--px-per-mm", "0"}).find("--px-per-mm"), std::string::npos);
  EXPECT_NE(error_of({"--px-per-mm", "dense"}).find("--px-per-mm"), std::string::npos);
}

TEST(KioskOptions, ARepeatedOptionTakesItsLastValueAsBefore) {
  const auto o = parse({"--lang", "en", "--lang", "kk", "--windowed", "--windowed"});
  ASSERT_TRUE(o.has_value()) << o.error().text;
  EXPECT_EQ(o->lang, "kk");
  EXPECT_TRUE(o->windowed);
}

TEST(KioskOptions, UnknownFlagsAndBadValuesAreErrorValues) {
  EXPECT_NE(error_of({"--bogus"}).find("--bogus"), std::string::npos);
  EXPECT_NE(error_of({"welcome"}).find("welcome"), std::string::npos);  // no positionals
  EXPECT_NE(error_of({"--size", "1920"}).find("--size"), std::string::npos);
  EXPECT_NE(error_of({"--size", "0x1080"}).find("--size"), std::string::npos);
  EXPECT_NE(error_of({"--size", "1920x1080px"}).find("--size"), std::string::npos);
  EXPECT_NE(error_of({"--large", "big"}).find("--large"), std::string::npos);
  EXPECT_NE(error_of({"--bench-idle-s", "soon"}).find("--bench-idle-s"), std::string::npos);
  EXPECT_NE(error_of({"--idle-timeout", "1m"}).find("--idle-timeout"), std::string::npos);
  EXPECT_NE(error_of({"--paper", "100"}).find("--paper"), std::string::npos);
  EXPECT_NE(error_of({"--paper", "0"}).find("--paper"), std::string::npos);
  EXPECT_NE(error_of({"--server"}).find("--server"), std::string::npos);  // value missing
  EXPECT_NE(error_of({"--windowed=maybe"}).find("--windowed"), std::string::npos);
  // Every message names the program and says where help is.
  const std::string e = error_of({"--bogus"});
  EXPECT_EQ(e.rfind("okno-kiosk: ", 0), 0u) << e;
  EXPECT_NE(e.find("--help"), std::string::npos) << e;
}

TEST(KioskOptions, HelpIsNotAnErrorAndListsEveryFlagAndScreen) {
  const auto r = parse({"--help"});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().status, 0);
  for (const char* flag :
       {"--server",        "--kiosk-key",    "--office",       "--assets",
        "--locales",       "--printer",      "--paper",        "--ticket-preview",
        "--survey-url",    "--size",         "--px-per-mm",    "--windowed",
        "--idle-timeout",  "--now",          "--screenshot",   "--lang",
        "--out",           "--large",        "--contrast",     "--server-down",
        "--bench",         "--bench-idle-s", "--input-script", "--exit-after-script",
        "feedback_comment"}) {
    EXPECT_NE(r.error().text.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(kiosk_usage(), r.error().text);
}

// main() prints what parse_kiosk_args returned and exits with its status, before any window.
TEST(KioskOptions, TheBinaryExitsWithTheStatusAndPrintsTheText) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("okno-kiosk-options-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto run = [&](const std::string& args) {
    const std::string cmd = std::string("'") + OKNO_KIOSK_BINARY + "' " + args + " >'" +
                            (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status)) << cmd;
    return WEXITSTATUS(status);
  };
  auto slurp = [&](const char* name) {
    std::ifstream in(dir / name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(run("--help"), 0);
  EXPECT_NE(slurp("out").find("--input-script"), std::string::npos);
  EXPECT_EQ(run("--no-such-flag"), 2);
  EXPECT_NE(slurp("err").find("--no-such-flag"), std::string::npos);
  EXPECT_EQ(run("--large lots"), 2);
  EXPECT_NE(slurp("err").find("--large"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace okno::kiosk
