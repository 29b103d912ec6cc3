// The queue API against a real okno-server (issue 4): walk-in tickets, check-in by code, the
// whole desk cycle, live events in order and resumed after a reconnect, the action log, and the
// two races: many kiosks issuing at once, many desks calling at once.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>

#include "okno/source_root.hpp"
#include "queue_sse_client.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::SseClient;

namespace {

constexpr const char* kToken = "test-staff-token";

// A queue.toml with the staff token and `extra`, in a temporary folder (removed with it).
struct QueueConfig : okno::testing::TempQueueConfig {
  explicit QueueConfig(const std::string& extra = "") : TempQueueConfig(kToken, extra) {}
};

ServerProcessOptions with(const QueueConfig& config, std::vector<std::string> more = {}) {
  ServerProcessOptions o;
  o.extra_args = {"--queue-config", config.file.string()};
  for (auto& m : more) o.extra_args.push_back(std::move(m));
  return o;
}

const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken,
                                         "X-Staff-Actor: reception.anna"};

class QueueApi : public ::testing::Test {
 protected:
  QueueConfig config{"[queue.daily_cap]\n\"demo/consultation\" = 2\n"};
  ServerProcess server{with(config)};
  // Plays the office's registered kiosk (tickets and check-in on the kiosk channel need its key).
  HttpClient client{server.base_url(), {server.kiosk_header()}};

  void SetUp() override { ASSERT_TRUE(server.started()); }

  HttpResponse ticket(const json& body, const std::vector<std::string>& headers = {}) {
    return client.post("/api/v1/offices/demo/tickets", body.dump(), headers);
  }
  HttpResponse desk(const std::string& desk, const std::string& action, const json& body = {}) {
    return client.post("/api/v1/offices/demo/desks/" + desk + "/" + action,
                       body.is_null() ? "" : body.dump(), kStaff);
  }
  void set_clock(const std::string& iso) {
    ASSERT_EQ(client.post("/api/v1/_test/clock", json{{"now", iso}}.dump()).status, 200);
  }
};

TEST_F(QueueApi, R_VISIT_9_WalkInTicketHasLetterNumberLanguageAndNeedsAndCountsPeopleAhead) {
  auto r = ticket({{"service", "passport"},
                   {"language", "kk"},
                   {"priority", "none"},
                   {"needs", {"sign_language", "wheelchair"}},
                   {"channel", "kiosk"}});
  ASSERT_EQ(r.status, 201) << r.body;
  json t = r.json();
  EXPECT_EQ(t["number"], "A001");
  EXPECT_EQ(t["service"], "passport");
  EXPECT_EQ(t["issued_at"], "2026-11-30T09:00:00+03:00");  // the office's local time
  EXPECT_EQ(t["people_ahead"], 0);
  EXPECT_EQ(t["language"], "kk");
  EXPECT_EQ(t["needs"], json({"sign_language", "wheelchair"}));
  EXPECT_EQ(t["state"], "waiting");

  r = ticket({{"service", "passport"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["number"], "A002");
  EXPECT_EQ(r.json()["people_ahead"], 1);
  EXPECT_GT(r.json()["estimated_wait_min"].get<int>(), 0);
  EXPECT_EQ(ticket({{"service", "consultation"}}).json()["number"], "B001");  // own letter

  auto q = client.get("/api/v1/offices/demo/queue").json();
  ASSERT_TRUE(q["services"].is_array());
  EXPECT_EQ(q["services"][0]["service"], "passport");
  EXPECT_EQ(q["services"][0]["waiting"], 2);
  EXPECT_EQ(q["services"][0]["daily_cap_reached"], false);

  // Refusals name their field or reason.
  EXPECT_EQ(ticket({{"service", "nope"}}).status, 404);
  EXPECT_EQ(ticket({{"service", "passport"}, {"priority", "vip"}}).json()["error"]["field"],
            "priority");
  EXPECT_EQ(ticket({{"service", "passport"}, {"extra", 1}}).json()["error"]["code"],
            "unknown_field");
  EXPECT_EQ(client.post("/api/v1/offices/nowhere/tickets", R"({"service":"passport"})").status,
            404);
}

TEST_F(QueueApi, DailyCapIsToldPlainlyInTheVisitorsLanguage) {
  ASSERT_EQ(ticket({{"service", "consultation"}}).status, 201);
  ASSERT_EQ(ticket({{"service", "consultation"}}).status, 201);
  auto r = ticket({{"service", "consultation"}, {"language", "kk"}}, {"Accept-Language: kk"});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "daily_cap_reached");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("талондар таусылды"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(client.get("/api/v1/offices/demo/queue").json()["services"][1]["daily_cap_reached"],
            true);
  // Nothing was numbered for the refused one: the next day starts again at 1 anyway, and
  // passport is unaffected.
  EXPECT_EQ(ticket({{"service", "passport"}}).json()["number"], "A001");
}

TEST(QueueNumbers, NumbersStartAgainAtOneOnTheOfficesLocalDayNotUtc) {
  // Tickets are given only while an office is open (docs/queue.md): the demo office open round
  // the clock, so that tickets can be taken either side of its midnight.
  char tmpl[] = "/tmp/okno-offices-XXXXXX";
  const std::filesystem::path dir = mkdtemp(tmpl);
  {
    std::ifstream demo(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets/offices/demo.toml");
    std::string text((std::istreambuf_iterator<char>(demo)), std::istreambuf_iterator<char>());
    const auto begin = text.find("[office.hours]");
    const auto end = text.find("\n[", begin + 1);
    ASSERT_NE(begin, std::string::npos);
    text.replace(begin, end - begin,
                 "[office.hours]\nmon = \"00:00-24:00\"\ntue = \"00:00-24:00\"\n"
                 "wed = \"00:00-24:00\"\nthu = \"00:00-24:00\"\nfri = \"00:00-24:00\"\n"
                 "sat = \"00:00-24:00\"\nsun = \"00:00-24:00\"\n");
    std::ofstream(dir / "offices.toml") << text;
  }
  QueueConfig config;
  ServerProcess server(with(config, {"--offices", (dir / "offices.toml").string()}));
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url(), {server.kiosk_header()});  // the registered kiosk
  auto set_clock = [&](const std::string& iso) {
    ASSERT_EQ(client.post("/api/v1/_test/clock", json{{"now", iso}}.dump()).status, 200);
  };
  auto ticket = [&] {
    return client.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").json();
  };
  set_clock("2026-11-30T20:50:00Z");  // 23:50 in Moscow
  EXPECT_EQ(ticket()["number"], "A001");
  EXPECT_EQ(ticket()["number"], "A002");
  set_clock("2026-11-30T21:00:00Z");  // 00:00 in Moscow, still 30 November in UTC
  auto r = ticket();
  EXPECT_EQ(r["number"], "A001");
  EXPECT_EQ(r["day"], "2026-12-01");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST_F(QueueApi, CheckInByCodeInsideTheWindowReprintKeepsNumberAndLateGoesToWalkIn) {
  auto slots =
      client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01")
          .json()["slots"];
  ASSERT_GE(slots.size(), 3u);
  const std::string start = slots[2]["start"];  // 09:30 Moscow
  auto booked = client.post("/api/v1/bookings", booking_body(start).dump());
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string code = booked.json()["code"];
  auto late = client.post("/api/v1/bookings", booking_body(slots[0]["start"]).dump());  // 09:00
  ASSERT_EQ(late.status, 201) << late.body;
  auto gone = client.post("/api/v1/bookings", booking_body(slots[1]["start"]).dump()).json();

  // Today is the day before: too early, plainly.
  auto r = client.post("/api/v1/offices/demo/checkin", json{{"code", code}}.dump(),
                       {"Accept-Language: en"});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "too_early");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("too early"), std::string::npos);

  set_clock("2026-12-01T06:20:00Z");  // 09:20: ten minutes early
  r = client.post("/api/v1/offices/demo/checkin", json{{"code", code}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json first = r.json();
  EXPECT_EQ(first["ticket"]["number"], "A001");
  EXPECT_EQ(first["ticket"]["kind"], "booked");
  EXPECT_EQ(first["ticket"]["needs"], json({"sign_language"}));  // R-VISIT-12, from the booking
  EXPECT_EQ(first["service"], "passport");
  EXPECT_EQ(first["start"], start);
  EXPECT_EQ(first["reprint"], false);

  // Checking in again (lost ticket) reprints it: same number, same original issue time.
  client.post("/api/v1/_test/clock", R"({"advance_s": 300})");
  r = client.post("/api/v1/offices/demo/checkin",
                  json{{"code", code.substr(0, 5) + code.substr(6)}}.dump());  // no dash
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["number"], "A001");
  EXPECT_EQ(r.json()["ticket"]["issued_at"], first["ticket"]["issued_at"]);
  EXPECT_EQ(r.json()["reprint"], true);

  // The check-in is part of the booking's interaction history (R-HIST-1).
  auto history = client.get("/api/v1/bookings/" + code + "/history").json()["events"];
  EXPECT_EQ(history.back()["kind"], "checked_in");

  // A second booking, visitor 15 minutes late: the walk-in queue, not refused.
  // (the clock is 09:25: the 09:00 booking's window closed at 09:10)
  r = client.post("/api/v1/offices/demo/checkin", json{{"code", late.json()["code"]}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["kind"], "walk_in");
  EXPECT_EQ(r.json()["late"], true);

  // Unknown and cancelled bookings.
  EXPECT_EQ(client.post("/api/v1/offices/demo/checkin", R"({"code":"22222-33333"})").status, 404);
  client.post("/api/v1/bookings/" + gone["code"].get<std::string>() + "/cancel",
              R"({"channel":"web"})");
  r = client.post("/api/v1/offices/demo/checkin", json{{"code", gone["code"]}}.dump());
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "booking_cancelled");
}

TEST_F(QueueApi, WholeDeskCycleWithRepeatRecallNoShowTransferAndTheActionLog) {
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);  // A001
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);  // A002
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);  // A003

  // No staff credentials: refused, nothing called.
  auto r = client.post("/api/v1/offices/demo/desks/1/call-next", "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error"]["code"], "unauthorized");
  r = client.post("/api/v1/offices/demo/desks/1/call-next", "",
                  {"Authorization: Bearer wrong-token-xxx"});
  EXPECT_EQ(r.status, 401);

  r = desk("1", "call-next");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["number"], "A001");
  EXPECT_EQ(r.json()["ticket"]["state"], "called");
  EXPECT_EQ(r.json()["repeat"], false);
  // Pressed twice: the same visitor again, nobody skipped.
  r = desk("1", "call-next");
  EXPECT_EQ(r.json()["ticket"]["number"], "A001");
  EXPECT_EQ(r.json()["repeat"], true);
  // Finishing a visitor who was only called is an illegal move.
  r = desk("1", "finish");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "illegal_transition");
  EXPECT_EQ(desk("1", "start").json()["ticket"]["state"], "serving");
  client.post("/api/v1/_test/clock", R"({"advance_s": 600})");
  r = desk("1", "finish");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["state"], "finished");

  // A002 does not come: no-show only after two recalls.
  EXPECT_EQ(desk("1", "call-next").json()["ticket"]["number"], "A002");
  EXPECT_EQ(desk("1", "no-show").json()["error"]["code"], "recall_first");
  EXPECT_EQ(desk("1", "recall").json()["ticket"]["recalls"], 1);
  EXPECT_EQ(desk("1", "recall").json()["ticket"]["recalls"], 2);
  EXPECT_EQ(desk("1", "no-show").json()["ticket"]["state"], "no_show");

  // A003 is transferred to a consultation at desk 3 and keeps its number and issue time.
  json a3 = desk("1", "call-next").json()["ticket"];
  ASSERT_EQ(a3["number"], "A003");
  desk("1", "start");
  EXPECT_EQ(
      desk("1", "transfer", {{"service", "consultation"}, {"desk", "1"}}).json()["error"]["code"],
      "not_served_here");
  r = desk("1", "transfer", {{"service", "consultation"}, {"desk", "3"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["state"], "waiting");
  EXPECT_EQ(desk("2", "call-next").json()["ticket"], nullptr);  // meant for desk 3 only
  r = desk("3", "call-next");
  EXPECT_EQ(r.json()["ticket"]["number"], "A003");
  EXPECT_EQ(r.json()["ticket"]["issued_at"], a3["issued_at"]);
  EXPECT_EQ(r.json()["ticket"]["transfers"], 1);
  desk("3", "start");
  ASSERT_EQ(desk("3", "transfer", {{"service", "passport"}}).status, 200);
  desk("2", "call-next");
  desk("2", "start");
  r = desk("2", "transfer", {{"service", "consultation"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "transfer_limit");
  EXPECT_EQ(desk("2", "finish").json()["ticket"]["state"], "finished");

  // Pause: no calls until resumed.
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);
  EXPECT_EQ(desk("1", "pause").json()["paused"], true);
  EXPECT_EQ(desk("1", "call-next").json()["error"]["code"], "desk_paused");
  desk("1", "resume");
  EXPECT_EQ(desk("1", "call-next").json()["ticket"]["number"], "A004");
  // Out of order needs a reason and is logged as such.
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);
  ASSERT_EQ(desk("1", "hold").json()["ticket"]["state"], "on_hold");
  EXPECT_EQ(desk("1", "call", {{"ticket", "A004"}}).json()["error"]["code"], "missing_field");
  r = desk("1", "call", {{"ticket", "A004"}, {"reason", "back from the photo booth"}});
  EXPECT_EQ(r.json()["ticket"]["number"], "A004") << r.body;

  // The desk view lists who waits, with wait times; stats and CSV sort by time.
  auto view = client.get("/api/v1/offices/demo/desks/1", kStaff).json();
  EXPECT_EQ(view["current"]["number"], "A004");
  EXPECT_EQ(view["waiting"][0]["number"], "A005");
  EXPECT_TRUE(view["waiting"][0].contains("waiting_min"));
  auto stats = client.get("/api/v1/offices/demo/stats", kStaff);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.json()["office"]["served"], 2);
  EXPECT_EQ(stats.json()["office"]["no_shows"], 1);
  auto csv = client.get("/api/v1/offices/demo/stats.csv", kStaff);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"].rfind("text/csv", 0), 0u);
  EXPECT_LT(csv.body.find("A001"), csv.body.find("A002"));
  EXPECT_EQ(client.get("/api/v1/offices/demo/stats").status, 401);

  // Every staff action is logged with who, what and when (R-HIST-1).
  server.kill_hard();
  EXPECT_EQ(okno::testing::sqlite_scalar(
                server.database(),
                "SELECT COUNT(*) FROM queue_actions WHERE actor = 'reception.anna' AND at > 0"),
            "22");
  EXPECT_EQ(okno::testing::sqlite_scalar(
                server.database(),
                "SELECT details FROM queue_actions WHERE action = 'call_out_of_order'"),
            R"({"number":"A004","reason":"back from the photo booth"})");
}

// docs/queue.md's state table: on_hold --unhold--> waiting. The ticket keeps its arrival, so
// call-next takes it before those who came later; the move is logged and announced.
TEST_F(QueueApi, R_VISIT_9_UnholdPutsAHeldTicketBackInLineAndOnlyAHeldOne) {
  SseClient events(server.base_url() + "/api/v1/offices/demo/events");
  ASSERT_TRUE(events.connected());
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);  // A001
  ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);  // A002
  ASSERT_EQ(desk("1", "call-next").json()["ticket"]["number"], "A001");
  ASSERT_EQ(desk("1", "hold").json()["ticket"]["state"], "on_hold");
  const std::string unhold = "/api/v1/offices/demo/tickets/A001/unhold";

  // Staff only, like hold.
  auto r = client.post(unhold, "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error"]["code"], "unauthorized");
  // Held: call-next passes it by.
  EXPECT_EQ(desk("2", "call-next").json()["ticket"]["number"], "A002");
  ASSERT_EQ(desk("2", "start").status, 200);
  ASSERT_EQ(desk("2", "finish").status, 200);
  EXPECT_EQ(desk("1", "call-next").json()["ticket"], nullptr);

  r = client.post(unhold, "", kStaff);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["number"], "A001");
  EXPECT_EQ(r.json()["ticket"]["state"], "waiting");
  auto view = client.get("/api/v1/offices/demo/desks/1", kStaff).json();
  EXPECT_TRUE(view["held"].empty()) << view.dump();
  ASSERT_EQ(view["waiting"].size(), 1u) << view.dump();
  EXPECT_EQ(view["waiting"][0]["number"], "A001");
  // The board hears of it: one waits for a passport again. (Before the unhold the last event
  // was A002 leaving desk 2, so only the unhold can make this the last one.)
  bool announced = false;
  std::string last;
  for (int i = 0; i < 100 && !announced; ++i) {
    const auto seen = events.wait_for(1);
    last = seen.empty() ? "" : seen.back().kind + " " + seen.back().data;
    announced = last.starts_with("queue.changed ") &&
                last.find(R"("service":"passport","waiting":1)") != std::string::npos;
    if (!announced) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(announced) << last;

  // Not on hold any more: a second unhold is an illegal move; so is one of a finished ticket.
  r = client.post(unhold, "", kStaff);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "illegal_transition");
  r = client.post("/api/v1/offices/demo/tickets/A002/unhold", "", kStaff);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["code"], "illegal_transition");
  r = client.post("/api/v1/offices/demo/tickets/Z999/unhold", "", kStaff);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error"]["code"], "ticket_not_found");

  // Callable by call-next again, at its desk's service.
  r = desk("1", "call-next");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ticket"]["number"], "A001");
  EXPECT_EQ(r.json()["ticket"]["state"], "called");

  // Logged with who, what and when (R-HIST-1).
  server.kill_hard();
  EXPECT_EQ(okno::testing::sqlite_scalar(server.database(),
                                         "SELECT actor || ' ' || details FROM queue_actions "
                                         "WHERE action = 'unhold' AND at > 0"),
            R"(reception.anna {"from":"on_hold","number":"A001"})");
}

TEST_F(QueueApi, FinishingABookedVisitQueuesTheClosingMessageWithTheSurvey) {
  // Booked the day before for 09:00; checked in at 08:55 on the day.
  auto booked = client.post("/api/v1/bookings", booking_body("2026-12-01T09:00:00+03:00").dump());
  ASSERT_EQ(booked.status, 201) << booked.body;
  set_clock("2026-12-01T05:55:00Z");
  const std::string code = booked.json()["code"];
  ASSERT_EQ(client.post("/api/v1/offices/demo/checkin", json{{"code", code}}.dump()).status, 200);
  desk("1", "call-next");
  desk("1", "start");
  ASSERT_EQ(desk("1", "finish").status, 200);
  server.kill_hard();
  EXPECT_EQ(okno::testing::sqlite_scalar(
                server.database(),
                "SELECT COUNT(*) FROM outbox WHERE kind = 'visit_thanks' AND booking_code = '" +
                    code + "'"),
            "2");  // portal and e-mail, as the client chose
}

TEST_F(QueueApi, LiveEventsArriveInOrderAndResumeAfterReconnectByLastEventId) {
  const std::string url = server.base_url() + "/api/v1/offices/demo/events";
  long long last_seen = 0;
  {
    SseClient sse(url);
    ASSERT_TRUE(sse.connected());
    ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);
    ASSERT_EQ(ticket({{"service", "passport"}}).status, 201);
    ASSERT_EQ(desk("1", "call-next").status, 200);
    ASSERT_EQ(desk("1", "recall").status, 200);
    auto events = sse.wait_for(5);
    ASSERT_EQ(events.size(), 5u);
    const char* kinds[] = {"queue.changed", "queue.changed", "ticket.called", "queue.changed",
                           "ticket.recalled"};
    for (size_t i = 0; i < 5; ++i) {
      EXPECT_EQ(events[i].kind, kinds[i]) << i;
      if (i > 0) {
        EXPECT_GT(events[i].id, events[i - 1].id);
      }
    }
    json called = json::parse(events[2].data);
    EXPECT_EQ(called["number"], "A001");
    EXPECT_EQ(called["desk"], "1");
    EXPECT_EQ(json::parse(events[1].data)["services"][0]["waiting"], 2);
    EXPECT_EQ(events[2].data.find("sign_language"), std::string::npos);  // no needs, no names
    last_seen = events[2].id;  // pretend the board lost the connection after the call
  }
  // While disconnected: the desk carries on.
  ASSERT_EQ(desk("1", "start").status, 200);
  ASSERT_EQ(desk("1", "finish").status, 200);
  ASSERT_EQ(desk("1", "call-next").status, 200);
  SseClient resumed(url, last_seen);
  auto events = resumed.wait_for(4);
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events[0].kind, "queue.changed");  // missed before the disconnect
  EXPECT_EQ(events[1].kind, "ticket.recalled");
  EXPECT_EQ(events[2].kind, "ticket.left");    // A001 finished
  EXPECT_EQ(events[3].kind, "ticket.called");  // A002
  EXPECT_EQ(json::parse(events[3].data)["number"], "A002");
  EXPECT_GT(events[0].id, last_seen);
  // And it keeps streaming live after the replay.
  ASSERT_EQ(desk("1", "recall").status, 200);
  events = resumed.wait_for(6);
  ASSERT_GE(events.size(), 5u);
  EXPECT_EQ(events.back().kind, "ticket.recalled");
}

// Fifty kiosks at one address at the same second, and two hundred tickets at one fixed instant,
// are far beyond the rate limits (docs/security.md): these races and the desks' order run with
// the limits off (ServerProcessOptions::rate_limits); the limits are abuse_test.cpp's subject.
ServerProcessOptions without_limits(ServerProcessOptions o) {
  o.rate_limits = false;
  return o;
}

TEST(QueueRace, FiftyWalkInTicketsAtOnceGetFiftyDistinctConsecutiveNumbers) {
  QueueConfig config;
  ServerProcess server(without_limits(with(config)));
  ASSERT_TRUE(server.started());
  std::vector<std::string> numbers(50);
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(server.base_url(), {server.kiosk_header()});
      ready.fetch_add(1);
      while (ready.load() < 50) std::this_thread::yield();
      auto r = c.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})");
      if (r.status == 201) numbers[i] = r.json()["number"];
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct.size(), 50u);
  for (int n = 1; n <= 50; ++n) {
    char expected[8];
    std::snprintf(expected, sizeof expected, "A%03d", n);
    EXPECT_TRUE(distinct.contains(expected)) << expected;
  }
}

TEST(QueueRace, EightDesksCallingAtOnceOverTwoHundredTicketsCallEachExactlyOnce) {
  // The demo office with five more passport desks: eight in all.
  char tmpl[] = "/tmp/okno-offices-XXXXXX";
  const std::filesystem::path dir = mkdtemp(tmpl);
  {
    std::ifstream demo(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets/offices/demo.toml");
    std::ofstream out(dir / "offices.toml");
    out << demo.rdbuf();
    for (int d = 4; d <= 8; ++d) {
      out << "\n[[office.desk]]\nid = \"" << d << "\"\nfloor = 2\nservices = [\"passport\"]\n"
          << "[office.desk.name]\nru = \"Окно " << d << "\"\n";
    }
  }
  QueueConfig config;
  ServerProcess server(
      without_limits(with(config, {"--offices", (dir / "offices.toml").string()})));
  ASSERT_TRUE(server.started());
  HttpClient kiosk(server.base_url(), {server.kiosk_header()});
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status, 201);
  }
  const char* desks[] = {"1", "2", "4", "5", "6", "7", "8", "3"};  // 3 serves no passport
  std::vector<std::vector<long long>> called(8);
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int d = 0; d < 8; ++d) {
    threads.emplace_back([&, d] {
      HttpClient c(server.base_url());
      const std::string base = std::string("/api/v1/offices/demo/desks/") + desks[d] + "/";
      ready.fetch_add(1);
      while (ready.load() < 8) std::this_thread::yield();
      for (;;) {
        auto r = c.post(base + "call-next", "", kStaff);
        if (r.status != 200) break;
        json t = r.json()["ticket"];
        if (t.is_null()) break;
        called[d].push_back(t["id"].get<long long>());
        if (c.post(base + "start", "", kStaff).status != 200) break;
        if (c.post(base + "finish", "", kStaff).status != 200) break;
      }
    });
  }
  for (auto& t : threads) t.join();
  std::multiset<long long> all;
  for (const auto& v : called) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 200u);
  EXPECT_EQ(std::set<long long>(all.begin(), all.end()).size(), 200u) << "a ticket called twice";
  EXPECT_TRUE(called[7].empty());  // desk 3 does not serve passport
  int busy_desks = 0;
  for (int d = 0; d < 7; ++d) busy_desks += called[d].empty() ? 0 : 1;
  EXPECT_GE(busy_desks, 2);  // they really ran at once
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
