// Durability test against a real okno-server: kill -9 in the middle of a booking load, restart on
// the same SQLite file, several times over. Every booking that got a 201 is still there and
// booked, PRAGMA integrity_check is ok, no slot holds more bookings than places, place counts
// agree with the bookings, and every booking has exactly one "booked" event.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/resource.h>

#include <cerrno>

#include "okno/server/queue/queue_events.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"
#include "test_server.hpp"

using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;

namespace {

constexpr int kLoadThreads = 16;
constexpr int kAttemptsPerSlot = 3;  // more clients than places: some 409s, as in real life
constexpr auto kKillAfter = std::chrono::milliseconds(400);  // + 100 ms per cycle
constexpr int kMinAnswered = 50;                             // the load is really running
constexpr auto kMaxWait = std::chrono::seconds(15);

// Each cycle runs on its own month (a 30-day passport horizon, 14 days for consultations), so
// every cycle has fresh slots: Mondays 09:00 Moscow, five weeks apart.
constexpr const char* kCycleNow[] = {"2026-06-01T06:00:00Z", "2026-07-06T06:00:00Z",
                                     "2026-08-10T06:00:00Z", "2026-09-14T06:00:00Z"};
constexpr const char* kCycleFrom[] = {"2026-06-02", "2026-07-07", "2026-08-11", "2026-09-15"};
constexpr const char* kCycleTo[] = {"2026-06-30", "2026-08-04", "2026-09-08", "2026-10-13"};

struct Target {
  std::string service;
  std::string start;
};

struct LoadOutcome {
  std::vector<std::string> created;  // codes that got a 201
  int taken = 0;                     // 409 slot_taken
  int transport_errors = 0;          // the server died under the request
  std::vector<std::string> unexpected;
  bool ran_out = false;  // a thread had no slot left before the kill
};

std::vector<Target> offered(HttpClient& client, const std::string& service, const std::string& from,
                            const std::string& to) {
  auto r =
      client.get("/api/v1/offices/demo/slots?service=" + service + "&from=" + from + "&to=" + to);
  EXPECT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  std::vector<Target> out;
  for (const auto& s : doc["slots"]) out.push_back({service, s["start"]});
  return out;
}

// Books the targets from kLoadThreads threads, each slot kAttemptsPerSlot times, until the
// server dies under them (the first transport error ends a thread) or the targets run out.
void run_load(const std::string& base_url, const std::vector<Target>& targets,
              std::atomic<std::size_t>& next, std::atomic<int>& answered, LoadOutcome& outcome) {
  std::mutex mutex;
  std::latch ready(kLoadThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kLoadThreads; ++t) {
    threads.emplace_back([&, t] {
      HttpClient client(base_url);
      LoadOutcome mine;
      ready.arrive_and_wait();
      for (;;) {
        const std::size_t n = next.fetch_add(1);
        if (n / kAttemptsPerSlot >= targets.size()) {
          mine.ran_out = true;
          break;
        }
        const Target& target = targets[n / kAttemptsPerSlot];
        auto body = booking_body(target.start, target.service);
        body["client"]["name"] = "Нагрузка " + std::to_string(t) + "-" + std::to_string(n);
        auto r = client.post("/api/v1/bookings", body.dump());
        if (r.status < 0) {
          ++mine.transport_errors;
          break;
        }
        answered.fetch_add(1);
        const auto doc = r.json();
        if (r.status == 201 && doc.value("status", "") == "booked" && doc.contains("code")) {
          mine.created.push_back(doc["code"]);
        } else if (r.status == 409 && doc["error"]["code"] == "slot_taken") {
          ++mine.taken;
        } else {
          mine.unexpected.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200));
        }
      }
      std::lock_guard lock(mutex);
      outcome.created.insert(outcome.created.end(), mine.created.begin(), mine.created.end());
      outcome.taken += mine.taken;
      outcome.transport_errors += mine.transport_errors;
      outcome.unexpected.insert(outcome.unexpected.end(), mine.unexpected.begin(),
                                mine.unexpected.end());
      outcome.ran_out = outcome.ran_out || mine.ran_out;
    });
  }
  for (auto& th : threads) th.join();
}

// The database as a whole, read directly from the file.
void expect_database_sound(const std::filesystem::path& db) {
  EXPECT_EQ(sqlite_scalar(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite_scalar(db, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(sqlite_scalar(db,
                          "SELECT group_concat(b.service || ' ' || b.start_utc || ' rows=' || b.n "
                          "|| ' load=' || COALESCE(s.booked, 'none'), '; ') FROM (SELECT office, "
                          "service, start_utc, COUNT(*) AS n FROM bookings WHERE status = "
                          "'booked' GROUP BY office, service, start_utc) AS b LEFT JOIN slot_load "
                          "AS s USING (office, service, start_utc) WHERE s.booked IS NULL OR b.n "
                          "<> s.booked OR b.n > s.capacity OR b.n > CASE b.service WHEN "
                          "'passport' THEN 2 WHEN 'consultation' THEN 1 ELSE 0 END"),
            "")
      << "a slot overbooked, or its place count disagrees with its bookings";
  EXPECT_EQ(sqlite_scalar(db,
                          "SELECT group_concat(s.service || ' ' || s.start_utc || ' load=' || "
                          "s.booked, '; ') FROM slot_load AS s WHERE s.booked <> (SELECT COUNT(*) "
                          "FROM bookings AS b WHERE b.office = s.office AND b.service = s.service "
                          "AND b.start_utc = s.start_utc AND b.status = 'booked')"),
            "")
      << "place counts without their bookings";
  EXPECT_EQ(sqlite_scalar(db,
                          "SELECT group_concat(code, ' ') FROM bookings AS b WHERE (SELECT "
                          "COUNT(*) FROM events AS e WHERE e.booking_code = b.code AND e.kind = "
                          "'booked') <> 1"),
            "")
      << "bookings without exactly one 'booked' event";
  EXPECT_EQ(sqlite_scalar(db,
                          "SELECT COUNT(*) FROM events WHERE booking_code NOT IN (SELECT code "
                          "FROM bookings)"),
            "0");
}

TEST(Durability, KillDashNineDuringBookingLoadLosesNoConfirmedBooking) {
  ServerProcessOptions options;
  options.fake_now = kCycleNow[0];
  options.rate_limits = false;  // a load from one address, its subject is kill -9
  ServerProcess server(options);
  ASSERT_TRUE(server.started());

  std::vector<std::string> confirmed;  // every 201 of every cycle
  int cycles = 0;
  for (std::size_t c = 0; c < std::size(kCycleNow); ++c, ++cycles) {
    SCOPED_TRACE("cycle " + std::to_string(c));
    HttpClient client(server.base_url());
    if (c > 0) {
      auto set = client.post("/api/v1/_test/clock", nlohmann::json{{"now", kCycleNow[c]}}.dump());
      ASSERT_EQ(set.status, 200) << set.body;
    }
    auto targets = offered(client, "passport", kCycleFrom[c], kCycleTo[c]);
    auto consultations = offered(client, "consultation", kCycleFrom[c], kCycleTo[c]);
    ASSERT_GE(targets.size(), 400u);
    ASSERT_GE(consultations.size(), 100u);
    // Interleave the two services, so both tables of places are written during the kill.
    std::vector<Target> mixed;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      mixed.push_back(targets[i]);
      if (i < consultations.size()) mixed.push_back(consultations[i]);
    }

    std::atomic<std::size_t> next{0};
    std::atomic<int> answered{0};
    LoadOutcome outcome;
    std::thread load([&] { run_load(server.base_url(), mixed, next, answered, outcome); });
    // Kill after about half a second (a different moment each cycle), but always while the load
    // still has at least two thirds of its work ahead, however fast or slow the machine is.
    const auto started = std::chrono::steady_clock::now();
    const auto kill_after = kKillAfter + std::chrono::milliseconds(100) * static_cast<int>(c);
    const int most = static_cast<int>(mixed.size() * kAttemptsPerSlot / 3);
    for (;;) {
      const auto elapsed = std::chrono::steady_clock::now() - started;
      const int done = answered.load();
      if (done >= most || elapsed >= kMaxWait) break;
      if (elapsed >= kill_after && done >= kMinAnswered) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const int answered_before_kill = answered.load();
    server.kill_hard();
    load.join();

    EXPECT_GE(answered_before_kill, kMinAnswered) << "the load had barely started at the kill";
    EXPECT_FALSE(outcome.ran_out) << "the load ended before the kill: not a kill under load";
    EXPECT_GT(outcome.transport_errors, 0) << "no request was cut off by the kill";
    EXPECT_GT(outcome.created.size(), 0u);
    for (const auto& u : outcome.unexpected) ADD_FAILURE() << "unexpected answer: " << u;
    confirmed.insert(confirmed.end(), outcome.created.begin(), outcome.created.end());

    // The crashed file itself (with its WAL) is sound before anyone opens it for writing.
    expect_database_sound(server.database());

    ASSERT_TRUE(server.restart()) << "the server does not start again on the crashed file";
    HttpClient after(server.base_url());
    ASSERT_EQ(after.get("/healthz").status, 200);
    for (const auto& code : confirmed) {
      auto r = after.get("/api/v1/bookings/" + code);
      ASSERT_EQ(r.status, 200) << code << " got a 201 and is lost: " << r.body;
      EXPECT_EQ(r.json()["status"], "booked") << code;
    }
    EXPECT_EQ(
        sqlite_scalar(server.database(), "SELECT COUNT(*) >= " + std::to_string(confirmed.size()) +
                                             " FROM bookings WHERE status = 'booked'"),
        "1");
    expect_database_sound(server.database());
    std::printf("cycle %zu: %zu created, %d taken, %d cut off by the kill, %zu confirmed so far\n",
                c, outcome.created.size(), outcome.taken, outcome.transport_errors,
                confirmed.size());
  }
  EXPECT_GE(cycles, 3);
}

// Every store opens its connections with sqlite::Connection::open: a commit is fsynced before the
// 201 goes out (synchronous=FULL), so a power cut cannot take back a confirmed booking; WAL lets
// the readers run beside the writer.
TEST(Durability, ConnectionsCommitWithAnFsyncInWalMode) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("okno-pragmas-" + std::to_string(::getpid()) + ".db");
  {
    auto conn = okno::sqlite::Connection::open(file.string());
    ASSERT_TRUE(conn) << conn.error().detail;
    auto scalar = [&](const char* sql) {
      auto st = conn->prepare(sql);
      EXPECT_TRUE(st) << sql;
      auto row = st->step();
      EXPECT_TRUE(row && *row) << sql;
      return st->text(0);
    };
    EXPECT_EQ(scalar("PRAGMA synchronous"), "2");  // 2 = FULL (1 would be NORMAL)
    EXPECT_EQ(scalar("PRAGMA journal_mode"), "wal");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
}

// The nice value of each thread of a process, from /proc/PID/task/TID/stat (field 19).
std::vector<int> thread_nice_values(pid_t pid) {
  std::vector<int> out;
  const auto dir = std::filesystem::path("/proc") / std::to_string(pid) / "task";
  for (const auto& task : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // After the ")" closing the thread's name: state is field 3, nice is field 19.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i < 19; ++i) rest >> field;
    int nice = 0;
    rest >> nice;
    out.push_back(nice);
  }
  return out;
}

// The booking committer (one thread, which every waiting booking depends on) keeps the priority
// the server was started with; the HTTP request threads run below it (docs/performance.md: p99
// at 64 clients). Relative to the test's own nice, which the server inherits: CI may run the
// suite under `nice` or renice it.
TEST(Durability, RequestThreadsYieldToTheBookingCommitter) {
  errno = 0;
  const int started_at = getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(errno, 0);
  ServerProcess server(ServerProcessOptions{});
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url());
  ASSERT_EQ(client.get("/healthz").status, 200);
  const auto nices = thread_nice_values(server.pid());
  const int lowered_nice = std::min(19, started_at + okno::kRequestThreadNice);
  const auto lowered = std::count(nices.begin(), nices.end(), lowered_nice);
  const auto normal = std::count(nices.begin(), nices.end(), started_at);
  EXPECT_GE(lowered, 4) << "the request pool's threads should run at nice " << lowered_nice;
  EXPECT_GE(normal, 2) << "the main thread and the booking committer keep nice " << started_at;
  EXPECT_GT(okno::kRequestThreadNice, 0);
}

// Under a continuous booking load the write-ahead log must not grow without end: the writer
// checkpoints every 256 frames, so the log restarts from its beginning. (With checkpoints left to
// a background thread it never caught up with a busy writer: 2.4 GB after 15 s of load.)
TEST(Durability, WriteAheadLogStaysSmallUnderAContinuousBookingLoad) {
  ServerProcessOptions options;
  options.extra_args = {"--offices", OKNO_BENCH_OFFICES};  // "bench": 5-min slots, 100 places
  options.rate_limits = false;  // a load from one address, its subject is the log's size
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url());
  auto slots = client.get("/api/v1/offices/bench/slots?service=bulk&from=2026-12-01&to=2026-12-05");
  ASSERT_EQ(slots.status, 200) << slots.body;
  std::vector<std::string> starts;
  const auto doc = slots.json();  // named: a range over a temporary's member would dangle
  for (const auto& s : doc["slots"]) starts.push_back(s["start"]);
  ASSERT_GT(starts.size(), 1000u);

  constexpr int kThreads = 16, kPerThread = 250;
  std::atomic<int> created{0};
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      HttpClient http(server.base_url());
      for (int i = 0; i < kPerThread; ++i) {
        auto body =
            booking_body(starts[static_cast<size_t>(t * kPerThread + i) % starts.size()], "bulk");
        body["office"] = "bench";
        auto r = http.post("/api/v1/bookings", body.dump());
        if (r.status == 201) {
          created.fetch_add(1);
        } else if (failures[static_cast<size_t>(t)].empty()) {
          failures[static_cast<size_t>(t)] = std::to_string(r.status) + " " + r.body;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& f : failures) EXPECT_TRUE(f.empty()) << f;
  EXPECT_EQ(created.load(), kThreads * kPerThread);
  // Still running: at close SQLite would checkpoint and delete the log anyway. About 6 pages
  // change per booking, so 4,000 bookings without a restart would leave about 100 MB.
  const auto wal = std::filesystem::file_size(server.database().string() + "-wal");
  EXPECT_LT(wal, 8u * 1024 * 1024) << "the log grew to " << wal << " bytes";
  EXPECT_EQ(sqlite_scalar(server.database(), "PRAGMA integrity_check"), "ok");
}

}  // namespace
