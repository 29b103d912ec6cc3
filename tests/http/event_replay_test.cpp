// Live events across restarts (issue 9, item 5), against a real okno-server on a real SQLite
// file. A board or a staff console (R-VISIT-9, R-VISIT-10: the desk list and the calls shown and
// spoken) that reconnects with any stored Last-Event-ID gets every later event, in order, then
// the live ones — after a clean stop and after kill -9. An id older than the events kept, or one
// this database never gave, gets `event: reset` (docs/queue.md).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <thread>

#include "queue_sse_client.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;
using okno::testing::SseClient;
using okno::testing::SseEvent;

namespace {

constexpr const char* kToken = "replay-staff-token";
const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken,
                                         "X-Staff-Actor: reception.anna"};
constexpr auto kSettle = std::chrono::milliseconds(600);  // > a stream's 500 ms look-up slice

class EventReplay : public ::testing::Test {
 public:  // check_resume drives it too
  std::filesystem::path dir;
  std::filesystem::path db;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;

  void SetUp() override {
    char tmpl[] = "/tmp/okno-replay-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    db = dir / "okno.db";  // ours, so a server stopped and started again keeps it
    std::ofstream(dir / "queue.toml") << "[queue]\nstaff_token = \"" << kToken << "\"\n";
  }
  void TearDown() override {
    client.reset();
    server.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // Starts okno-server on the database with its clock at `now` (a clean stop of the one before).
  void start(const std::string& now) {
    client.reset();
    server.reset();  // SIGTERM: a clean stop
    ServerProcessOptions o;
    o.fake_now = now;
    o.database = db;
    o.extra_args = {"--queue-config", (dir / "queue.toml").string()};
    server = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server->started());
    client = std::make_unique<HttpClient>(server->base_url(),
                                          std::vector<std::string>{server->kiosk_header()});
  }
  std::string url() const { return server->base_url() + "/api/v1/offices/demo/events"; }

  void ticket() {
    ASSERT_EQ(client->post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status,
              201);
  }
  void desk(const std::string& action) {
    auto r = client->post("/api/v1/offices/demo/desks/1/" + action, "", kStaff);
    ASSERT_EQ(r.status, 200) << action << ": " << r.body;
  }
  long long stored_count() {
    return std::stoll(sqlite_scalar(db, "SELECT COUNT(*) FROM queue_events WHERE office = 'demo'"));
  }

  // Runs `actions` with a live subscriber and returns the events it saw, which must be exactly
  // the rows the database gained.
  std::vector<SseEvent> record(const std::function<void()>& actions) {
    const long long before = stored_count();
    SseClient live(url());
    EXPECT_TRUE(live.connected());
    actions();
    const auto expected = static_cast<std::size_t>(stored_count() - before);
    EXPECT_GT(expected, 0u);
    auto seen = live.wait_for(expected);
    std::this_thread::sleep_for(kSettle);
    seen = live.wait_for(expected);
    EXPECT_EQ(seen.size(), expected);
    return seen;
  }
};

void expect_same(const std::vector<SseEvent>& got, const std::vector<SseEvent>& want,
                 const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].id, want[i].id) << what << " #" << i;
    EXPECT_EQ(got[i].kind, want[i].kind) << what << " #" << i;
    EXPECT_EQ(got[i].data, want[i].data) << what << " #" << i;
  }
}

// Reconnects with each of `ids` at once and checks: exactly the events after it, in order, then
// one new live event (a ticket) that every stream gets next.
void check_resume(EventReplay& t, const std::vector<SseEvent>& history,
                  const std::vector<long long>& ids, const std::string& when) {
  std::vector<std::unique_ptr<SseClient>> streams;
  for (long long id : ids) streams.push_back(std::make_unique<SseClient>(t.url(), id));
  std::vector<std::vector<SseEvent>> want;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    ASSERT_TRUE(streams[k]->connected()) << when;
    std::vector<SseEvent> later;
    for (const auto& e : history) {
      if (e.id > ids[k]) later.push_back(e);
    }
    want.push_back(later);
  }
  std::this_thread::sleep_for(kSettle);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    expect_same(streams[k]->wait_for(want[k].size()), want[k],
                when + ", resumed after id " + std::to_string(ids[k]));
  }
  t.ticket();
  const long long newest = history.back().id;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto got = streams[k]->wait_for(want[k].size() + 1);
    ASSERT_EQ(got.size(), want[k].size() + 1) << when << ", live after id " << ids[k];
    EXPECT_EQ(got.back().kind, "queue.changed");
    EXPECT_GT(got.back().id, newest);  // ids go on increasing across the restart
    EXPECT_EQ(json::parse(got.back().data)["services"][0]["waiting"].is_number(), true);
  }
}

TEST_F(EventReplay, R_VISIT_9_EveryStoredIdResumesAfterACleanStopAndAfterKillNine) {
  start("2026-11-30T06:00:00Z");  // Monday 09:00 in Moscow
  auto history = record([&] {
    ticket();
    ticket();
    ticket();
    desk("call-next");
    desk("recall");
    desk("start");
    desk("finish");
    desk("pause");
  });
  ASSERT_GE(history.size(), 8u);

  // A clean stop, the same database: every stored id resumes, and 0 (before the first).
  start("2026-11-30T06:30:00Z");
  std::vector<long long> ids = {0};
  for (const auto& e : history) ids.push_back(e.id);
  check_resume(*this, history, ids, "after a clean stop");
  // The ticket check_resume issued is history too.
  history.push_back({std::stoll(sqlite_scalar(db, "SELECT MAX(id) FROM queue_events")),
                     "queue.changed",
                     sqlite_scalar(db, "SELECT data FROM queue_events ORDER BY id DESC LIMIT 1")});

  // More, then kill -9 (as a crash) and start again.
  auto more = record([&] {
    desk("resume");
    desk("call-next");
    ticket();
  });
  history.insert(history.end(), more.begin(), more.end());
  server->kill_hard();
  start("2026-11-30T07:00:00Z");
  check_resume(*this, history,
               {history[0].id, history[3].id, history[history.size() - 4].id,
                history[history.size() - 2].id, history.back().id},
               "after kill -9");
}

TEST_F(EventReplay, R_VISIT_10_AnIdOlderThanTheEventsKeptOrUnknownGetsReset) {
  start("2026-11-30T06:00:00Z");  // Monday
  auto old = record([&] {
    ticket();
    ticket();
  });
  ASSERT_EQ(old.size(), 2u);
  // Three days later (events_kept_days is 7 by default).
  ASSERT_EQ(client->post("/api/v1/_test/clock", R"({"now":"2026-12-03T06:00:00Z"})").status, 200);
  auto kept = record([&] {
    ticket();
    desk("call-next");
  });
  ASSERT_GE(kept.size(), 2u);
  // A week after the first ones: at start-up the Monday events go, Thursday's stay.
  start("2026-12-08T06:00:00Z");
  EXPECT_EQ(stored_count(), static_cast<long long>(kept.size()));
  EXPECT_EQ(sqlite_scalar(db, "SELECT MIN(id) FROM queue_events"), std::to_string(kept[0].id));

  const long long latest = kept.back().id;
  SseClient expired(url(), old[0].id);      // its successor old[1] is gone
  SseClient unknown(url(), latest + 1000);  // not from this database
  SseClient at_edge(url(), old[1].id);      // nothing it missed was deleted: resumes
  SseClient inside(url(), kept[0].id);
  for (auto* c : {&expired, &unknown, &at_edge, &inside}) ASSERT_TRUE(c->connected());
  std::this_thread::sleep_for(kSettle);

  for (auto [c, reason] : {std::pair{&expired, "expired"}, {&unknown, "unknown"}}) {
    auto got = c->wait_for(1);
    ASSERT_EQ(got.size(), 1u) << reason;  // the reset, and none of the kept events
    EXPECT_EQ(got[0].kind, "reset");
    EXPECT_EQ(got[0].id, latest);  // the browser resumes from here after reloading
    const json data = json::parse(got[0].data);
    EXPECT_EQ(data["reason"], reason);
    EXPECT_EQ(data["latest"], latest);
    EXPECT_EQ(data["reload"], "/api/v1/offices/demo/queue");
  }
  expect_same(at_edge.wait_for(kept.size()), kept, "resumed at the edge of what is kept");
  expect_same(inside.wait_for(kept.size() - 1), {kept.begin() + 1, kept.end()},
              "resumed inside what is kept");

  // Then all of them go on live.
  ticket();
  for (auto [c, n] : {std::pair{&expired, std::size_t{1}},
                      {&unknown, std::size_t{1}},
                      {&at_edge, kept.size()},
                      {&inside, kept.size() - 1}}) {
    auto got = c->wait_for(n + 1);
    ASSERT_EQ(got.size(), n + 1);
    EXPECT_EQ(got.back().kind, "queue.changed");
    EXPECT_GT(got.back().id, latest);
  }
  // The reload the reset asks for answers.
  EXPECT_EQ(client->get("/api/v1/offices/demo/queue").status, 200);
}

}  // namespace
