// End to end through the real window (issue 5, must-show 5): a real okno-server, the okno-kiosk
// binary in an SDL/OpenGL window under Xvfb, a walk-in ticket taken with synthetic touches
// (--input-script: the X pointer moved onto each button, then SDL button events), and the ticket
// found in the server's queue. The headless screen tests are in e2e_test.cpp and flow_test.cpp.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "test_server.hpp"

namespace {

using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;

constexpr const char* kToken = "window-e2e-staff-token";
const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken};

// Waiting count per service, from the public queue status the kiosk itself shows.
std::map<std::string, int> waiting(HttpClient& client) {
  std::map<std::string, int> out;
  const auto q = client.get("/api/v1/offices/demo/queue").json();
  if (!q.is_object() || !q["services"].is_array()) return out;
  for (const auto& s : q["services"])
    out[s["service"].get<std::string>()] = s["waiting"].get<int>();
  return out;
}

// Runs okno-kiosk in a real SDL/OpenGL window under Xvfb (1920x1080) against `server`, with its
// ticket and slip previews in DIR/tickets, driven by the input script; returns the status.
int run_kiosk(const ServerProcess& server, const std::filesystem::path& dir,
              const std::filesystem::path& script) {
  // Under AddressSanitizer Mesa leaks from a driver SDL has unloaded (see screenshot_test.cpp):
  // leak checking is off for this GL child only. The dummy audio driver: CI has no sound card.
  // `timeout` guards against a hung X or GL stack; the script's own steps time out at 15 s.
  const std::string cmd =
      "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 SDL_AUDIODRIVER=dummy timeout -k 5 60 "
      "xvfb-run -a -s '-screen 0 1920x1080x24' '" +
      std::string(OKNO_KIOSK_BINARY) + "' --server " + server.base_url() + " --kiosk-key " +
      server.kiosk_key() +
      " --office demo --windowed --size 1920x1080 --now 2026-11-30T06:00:00Z"
      " --ticket-preview '" +
      (dir / "tickets").string() + "' --input-script '" + script.string() + "' --exit-after-script";
  const int status = std::system(cmd.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ADD_FAILURE() << cmd;
  return status;
}

TEST(KioskWindowE2E, WalkInTicketTakenByTouchInTheRealWindowIsWaitingInTheQueue) {
  ASSERT_EQ(std::system("command -v xvfb-run >/dev/null"), 0)
      << "xvfb-run is missing: scripts/install-deps.sh installs xvfb and xauth";
  const auto dir = std::filesystem::temp_directory_path() /
                   ("okno-kiosk-window-e2e-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "tickets");

  // A staff token only so the test can read the day's ticket list (language, needs, priority).
  std::ofstream(dir / "queue.toml") << "[queue]\nstaff_token = \"" << kToken << "\"\n";
  ServerProcessOptions options;
  options.extra_args = {"--queue-config", (dir / "queue.toml").string()};
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url());
  const auto before = waiting(client);
  ASSERT_TRUE(before.contains("passport")) << "the queue status lists no passport service";
  ASSERT_EQ(before.at("passport"), 0);

  // What a visitor does: English, "Take a ticket", passport, elderly, wheelchair, take it.
  // Each tap waits until its button is drawn and under the pointer, so no timing is guessed.
  const auto shot = dir / "window-e2e-ticket.png";
  const auto script = dir / "script.txt";
  std::ofstream(script) << "tap lang.en\n"
                           "tap welcome.take_ticket\n"
                           "expect ticket_services\n"
                           "tap ticket.service.passport\n"
                           "expect ticket_options\n"
                           "tap priority.elderly\n"
                           "tap need.wheelchair\n"
                           "tap ticket.take\n"
                           "expect ticket_shown\n"
                           "screenshot "
                        << shot.string() << "\n";

  const int status = run_kiosk(server, dir, script);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  // Exactly one more passport ticket waiting, nothing else changed.
  const auto after = waiting(client);
  for (const auto& [service, n] : before) {
    EXPECT_EQ(after.at(service), n + (service == "passport" ? 1 : 0)) << service;
  }
  const auto list = client.get("/api/v1/offices/demo/tickets", kStaff).json();
  ASSERT_TRUE(list["tickets"].is_array()) << list.dump();
  ASSERT_EQ(list["tickets"].size(), 1u) << list.dump();
  const auto& t = list["tickets"][0];
  EXPECT_EQ(t["number"], "A001");
  EXPECT_EQ(t["service"], "passport");
  EXPECT_EQ(t["state"], "waiting");
  EXPECT_EQ(t["language"], "en");  // the language chosen on the welcome screen
  EXPECT_EQ(t["priority"], "elderly");
  EXPECT_EQ(t["needs"], nlohmann::json({"wheelchair"}));

  // The kiosk printed (previewed) the server's number, and the window's last frame was saved.
  EXPECT_TRUE(std::filesystem::exists(dir / "tickets" / "ticket-A001.png"));
  ASSERT_TRUE(std::filesystem::exists(shot));
  EXPECT_GT(std::filesystem::file_size(shot), 20000u);  // a drawn screen, not a blank one

  // Kept when something failed, to look at; removed otherwise.
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir);
}

// Issue 16 item 12: a booking made at the kiosk, by touch in the real window, prints a slip as a
// ticket does: its preview carries the server's booking code as a QR that a scanner (zbarimg)
// reads back, and the server has the booking on the kiosk channel. The day is chosen on the day
// list (weekday names, paged), the first time of that day.
TEST(KioskWindowE2E, BookingMadeByTouchPrintsASlipWhoseQrIsTheBookingCode) {
  ASSERT_EQ(std::system("command -v xvfb-run >/dev/null"), 0);
  ASSERT_EQ(std::system("command -v zbarimg >/dev/null"), 0)
      << "zbarimg is missing: scripts/install-deps.sh installs zbar-tools";
  const auto dir = std::filesystem::temp_directory_path() /
                   ("okno-kiosk-window-slip-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "tickets");
  ServerProcess server;
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url());
  const auto slots =
      client.get("/api/v1/offices/demo/slots?service=consultation&from=2026-11-30&to=2026-12-13")
          .json();
  ASSERT_TRUE(slots["slots"].is_array() && !slots["slots"].empty()) << slots.dump();
  const std::string start = slots["slots"][0]["start"];
  const std::string day = start.substr(0, 10);

  const auto script = dir / "script.txt";
  std::ofstream(script) << "tap lang.kk\n"
                           "tap welcome.book\n"
                           "expect book_services\n"
                           "tap book.service.consultation\n"
                           "expect book_slots\n"
                           "tap day."
                        << day << "\ntap slot." << start
                        << "\nexpect book_phone\n"
                           "tap book.next\n"
                           "expect book_consent\n"
                           "tap consent.accept\n"
                           "expect book_done\n"
                           "screenshot "
                        << (dir / "book-done.png").string() << "\n";
  const int status = run_kiosk(server, dir, script);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  std::string code;
  for (const auto& e : std::filesystem::directory_iterator(dir / "tickets")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("booking-", 0) == 0) code = name.substr(8, name.size() - 8 - 4);
  }
  ASSERT_EQ(code.size(), 11u) << "no slip preview booking-CODE.png";
  const auto booking = client.get("/api/v1/bookings/" + code).json();
  EXPECT_EQ(booking["channel"], "kiosk") << booking.dump();
  EXPECT_EQ(booking["language"], "kk");
  EXPECT_EQ(booking["start"], start);
  // The QR on the slip is the code, as the kiosk's scanner reads it at check-in.
  const std::string cmd =
      "zbarimg --quiet --raw '" + (dir / "tickets" / ("booking-" + code + ".png")).string() + "'";
  std::string decoded;
  if (std::FILE* f = popen(cmd.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, f)) decoded += buf;
    pclose(f);
  }
  EXPECT_EQ(decoded, code + "\n");
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
