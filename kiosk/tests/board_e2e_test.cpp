// The native board against a real okno-server (issue 11, must-show 2): the okno-kiosk binary in
// --board mode (SDL's offscreen video driver, the dummy audio driver) on the office's event
// stream; its --state-log says what it shows, its --announce-log what it played. A desk calls a
// ticket (the staff service token): the board shows it within one second. The server is killed
// and started again on the same database: the board shows that it is reconnecting, recovers and
// misses no call made after the restart. Two calls 100 ms apart are both shown and both
// announced, in order, one after the other, none cut short (each lasts its synthesised length).
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "board_player.hpp"
#include "harness.hpp"
#include "test_server.hpp"

extern char** environ;

namespace okno::kiosk::testing {
namespace {

using namespace std::chrono_literals;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::TempQueueConfig;
using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "board-e2e-staff-token";

std::vector<nlohmann::json> read_lines(const std::filesystem::path& file) {
  std::vector<nlohmann::json> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object()) out.push_back(std::move(j));  // a line still being written: next time
  }
  return out;
}

// Polls `file` until a line satisfies `pred`, up to `timeout`; the time it took, or nothing.
std::optional<Clock::duration> wait_for_line(const std::filesystem::path& file,
                                             const std::function<bool(const nlohmann::json&)>& pred,
                                             Clock::duration timeout) {
  const auto t0 = Clock::now();
  while (Clock::now() - t0 < timeout) {
    for (const auto& line : read_lines(file)) {
      if (pred(line)) return Clock::now() - t0;
    }
    std::this_thread::sleep_for(10ms);
  }
  return std::nullopt;
}

bool shows(const nlohmann::json& state, const std::string& ticket) {
  for (const auto& c : state["calls"]) {
    if (c["ticket"] == ticket) return true;
  }
  return false;
}

std::string newest(const nlohmann::json& state) {
  return state["calls"].empty() ? std::string() : state["calls"][0]["ticket"].get<std::string>();
}

// "2026-11-30T06:00:01.250Z", as the logs write it.
board::TimePoint instant(const nlohmann::json& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  const std::string text = iso.get<std::string>();
  EXPECT_EQ(std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &sec, &ms), 7)
      << text;
  return board::TimePoint{std::chrono::sys_days{std::chrono::year{y} / mo / d}} +
         std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec} +
         std::chrono::milliseconds{ms};
}

// okno-kiosk --board as a child process, stopped with SIGTERM (SDL turns it into a quit).
class BoardProcess {
 public:
  explicit BoardProcess(std::vector<std::string> args) {
    std::vector<std::string> argv = {
        "/usr/bin/env",          "SDL_VIDEODRIVER=offscreen",
        "SDL_AUDIODRIVER=dummy", "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1",
        OKNO_KIOSK_BINARY,       "--board"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c;
    for (auto& a : argv) c.push_back(a.data());
    c.push_back(nullptr);
    if (posix_spawn(&pid_, c[0], nullptr, nullptr, c.data(), environ) != 0) pid_ = -1;
  }
  ~BoardProcess() { stop(); }
  bool running() const { return pid_ > 0; }
  int stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(50ms);
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

TEST(BoardE2E, R_VISIT_10_CallsShowWithinASecondSurviveARestartAndAreAnnouncedWholeInOrder) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("okno-board-e2e-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  TempQueueConfig queue(kToken);
  ServerProcessOptions options;
  options.extra_args = {"--queue-config", queue.file.string()};
  options.rate_limits = false;
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  const int port = server.port();
  HttpClient kiosk(server.base_url(), {server.kiosk_header()});
  HttpClient desk(server.base_url(), {std::string("Authorization: Bearer ") + kToken});
  // Six passport tickets, each visitor with another language.
  const char* langs[] = {"ru", "en", "hy", "kk", "be", "ky"};
  for (const char* lang : langs) {
    auto r = kiosk.post("/api/v1/offices/demo/tickets",
                        nlohmann::json{{"service", "passport"}, {"language", lang}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const auto state_log = dir / "state.jsonl", announce_log = dir / "announce.jsonl";
  BoardProcess board({"--server", server.base_url(), "--office", "demo", "--windowed", "--size",
                      "1280x720", "--state-log", state_log.string(), "--announce-log",
                      announce_log.string(), "--notices", (dir / "none.toml").string()});
  ASSERT_TRUE(board.running());
  ASSERT_TRUE(wait_for_line(
      state_log, [](const nlohmann::json& s) { return s["link"] == "live"; }, 20s))
      << "the board never went live";

  // A desk calls: on the board within a second.
  auto call = [&](const std::string& d) {
    auto r = desk.post("/api/v1/offices/demo/desks/" + d + "/call-next", "");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["ticket"]["number"].get<std::string>();
  };
  const std::string first = call("1");
  EXPECT_EQ(first, "A001");
  auto seen = wait_for_line(
      state_log, [&](const nlohmann::json& s) { return newest(s) == first; }, 5s);
  ASSERT_TRUE(seen) << "A001 never shown";
  EXPECT_LT(*seen, 1s) << "shown after "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(*seen).count()
                       << " ms";

  // The server goes away: the board says it is reconnecting (and still shows A001, not as live).
  server.kill_hard();
  ASSERT_TRUE(wait_for_line(
      state_log,
      [&](const nlohmann::json& s) { return s["link"] == "reconnecting" && shows(s, first); }, 5s))
      << "no reconnecting state";
  std::this_thread::sleep_for(1500ms);  // a few failed attempts with backoff
  ASSERT_TRUE(server.restart());
  ASSERT_EQ(server.port(), port) << "the server came back on another port";
  HttpClient desk2(server.base_url(), {std::string("Authorization: Bearer ") + kToken});
  // Called at once, perhaps before the board is back: it must still come (Last-Event-ID).
  auto r = desk2.post("/api/v1/offices/demo/desks/2/call-next", "");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string second = r.json()["ticket"]["number"];
  EXPECT_EQ(second, "A002");
  ASSERT_TRUE(wait_for_line(
      state_log,
      [&](const nlohmann::json& s) { return s["link"] == "live" && newest(s) == second; }, 15s))
      << "the call made after the restart never showed";

  // Two calls 100 ms apart, after the desks finished their visitors.
  for (const char* d : {"1", "2"}) {
    for (const char* action : {"start", "finish"}) {
      ASSERT_EQ(
          desk2.post(std::string("/api/v1/offices/demo/desks/") + d + "/" + action, "").status,
          200);
    }
  }
  auto t1 = desk2.post("/api/v1/offices/demo/desks/1/call-next", "");
  std::this_thread::sleep_for(100ms);
  auto t2 = desk2.post("/api/v1/offices/demo/desks/2/call-next", "");
  ASSERT_EQ(t1.status, 200);
  ASSERT_EQ(t2.status, 200);
  const std::string third = t1.json()["ticket"]["number"], fourth = t2.json()["ticket"]["number"];
  EXPECT_EQ(third, "A003");
  EXPECT_EQ(fourth, "A004");
  ASSERT_TRUE(wait_for_line(
      state_log,
      [&](const nlohmann::json& s) {
        return s["calls"].size() >= 2 && s["calls"][0]["ticket"] == fourth &&
               s["calls"][1]["ticket"] == third;
      },
      5s))
      << "the two calls are not both shown, newest first";

  // All four announced, in the order called, none overlapping, each as long as its audio.
  ASSERT_TRUE(wait_for_line(
      announce_log, [&](const nlohmann::json& a) { return a["ticket"] == fourth; }, 60s))
      << "the last call was never announced";
  const auto played = read_lines(announce_log);
  ASSERT_EQ(played.size(), 4u);
  const std::vector<std::string> order = {first, second, third, fourth};
  const std::vector<std::vector<std::string>> spoken = {
      {"ru"}, {"ru", "en"}, {"ru", "hy"}, {"ru", "kk"}};
  for (std::size_t i = 0; i < played.size(); ++i) {
    const auto& p = played[i];
    EXPECT_EQ(p["ticket"], order[i]);
    EXPECT_EQ(p["desk"], i % 2 == 0 ? "1" : "2");
    EXPECT_EQ(p["languages"], nlohmann::json(spoken[i]));
    const auto start = instant(p["start"]), end = instant(p["end"]);
    if (i > 0) {
      EXPECT_GE(start, instant(played[i - 1]["end"])) << order[i] << " overlaps";
    }
    // Not cut short: as long as the announcement's own audio.
    const board::CallEvent c{0,
                             p["ticket"],
                             p["desk"],
                             "passport",
                             *parse_language(p["languages"].back().get<std::string>()),
                             0,
                             false};
    auto pcm =
        announcement_audio(board::make_announcement(demo_data().catalog, *demo_data().office, c));
    ASSERT_TRUE(pcm.has_value());
    const double seconds = std::chrono::duration<double>(end - start).count();
    EXPECT_GE(seconds, pcm->seconds() - 0.05) << order[i];
    EXPECT_LT(seconds, pcm->seconds() + 2.0) << order[i];
  }
  const int status = board.stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace okno::kiosk::testing
