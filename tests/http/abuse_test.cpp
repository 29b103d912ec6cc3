// Issue 16 item 13, "nobody can empty a day", against a real okno-server with the shipped limits
// (assets/limits.toml) and many clients at once: the kiosk channel only for registered kiosks
// (keys made by the command line and the staff API, stored hashed, revocable); bursts of
// bookings and tickets from one address answered 429 with Retry-After and nothing stored; two
// offices' ordinary traffic through one NAT address never limited; X-Forwarded-For believed only
// from a trusted proxy; feedback only for a served ticket, once; booking-code guessing slowed
// per address with the same answer for every wrong code (docs/security.md).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_server.hpp"

using nlohmann::json;
using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;

namespace {

constexpr const char* kToken = "abuse-staff-token";
const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken,
                                         "X-Staff-Actor: reception.anna"};

// The i-th guessed code: well-formed (the code alphabet, "XXXXX-XXXXX"), never a real one twice.
std::string guessed_code(unsigned long long i, unsigned long long salt) {
  static constexpr char kAlphabet[] = "23456789ACEKMPTX";
  std::string out;
  unsigned long long v = i * 2654435761ULL + salt;
  for (int k = 0; k < 10; ++k) {
    if (k == 5) out += '-';
    out += kAlphabet[v % 16];
    v /= 16;
  }
  return out;
}

std::string code_of(const HttpResponse& r) {
  auto doc = r.json();
  if (!doc.is_object() || !doc.contains("error")) return "";
  return doc["error"].value("code", "");
}

// A folder with queue.toml (the staff token, so desks can serve) and, when asked, a limits.toml.
struct Config {
  std::filesystem::path dir;
  explicit Config(const std::string& limits = "") {
    char tmpl[] = "/tmp/okno-abuse-XXXXXX";
    dir = mkdtemp(tmpl);
    std::ofstream(dir / "queue.toml") << "[queue]\nstaff_token = \"" << kToken << "\"\n";
    if (!limits.empty()) std::ofstream(dir / "limits.toml") << limits;
  }
  ~Config() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ServerProcessOptions options() const {
    ServerProcessOptions o;
    o.extra_args = {"--queue-config", (dir / "queue.toml").string()};
    if (std::filesystem::exists(dir / "limits.toml")) {
      o.extra_args.push_back("--limits");
      o.extra_args.push_back((dir / "limits.toml").string());
    }
    return o;
  }
};

// n requests at once from one address, each with its own connection opened beforehand.
template <class F>
std::vector<HttpResponse> at_once(const std::string& base, std::size_t n, F body,
                                  const std::vector<std::string>& headers = {}) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (std::size_t i = 0; i < n; ++i) {
    clients.push_back(std::make_unique<HttpClient>(base, headers));
    clients.back()->get("/healthz");  // connected before the burst
  }
  return okno::testing::all_at_once(clients, n, body);
}

class Abuse : public ::testing::Test {
 protected:
  Config config;
  ServerProcess server{config.options()};
  HttpClient client{server.base_url()};                          // anyone on the internet
  HttpClient kiosk{server.base_url(), {server.kiosk_header()}};  // the office's kiosk

  void SetUp() override {
    ASSERT_TRUE(server.started());
    ASSERT_FALSE(server.kiosk_key().empty());
  }
  std::string count(const std::string& sql) { return sqlite_scalar(server.database(), sql); }
  void advance(int seconds) {
    ASSERT_EQ(client.post("/api/v1/_test/clock", json{{"advance_s", seconds}}.dump()).status, 200);
  }
  std::vector<std::string> friday_consultations() {
    auto r =
        client.get("/api/v1/offices/demo/slots?service=consultation&from=2026-12-04&to=2026-12-04");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const auto r_doc = r.json();  // kept: a range-for over a temporary's member would dangle
    for (const auto& s : r_doc["slots"]) out.push_back(s["start"]);
    return out;
  }
  // A nameless kiosk booking as the kiosk sends it: a phone for the SMS, no name.
  static json kiosk_booking(const std::string& start, int phone) {
    auto body = booking_body(start, "consultation");
    body["channel"] = "kiosk";
    body["client"] = {{"phone", "+7999" + std::to_string(1000000 + phone)}};
    body["notify"] = {{"extra", {"sms"}}};
    body.erase("reminders");
    return body;
  }
};

TEST_F(Abuse, TwentyOneKioskBookingsWithoutAKeyAreAllRefusedAndNoneStored) {
  const auto slots = friday_consultations();
  ASSERT_GE(slots.size(), 21u);
  // The script of the report: 21 nameless kiosk bookings at once, one per Friday consultation.
  auto refused = at_once(server.base_url(), 21, [&](std::size_t i, HttpClient& c) {
    return c.post("/api/v1/bookings", kiosk_booking(slots[i], static_cast<int>(i)).dump(),
                  {"Accept-Language: en"});
  });
  for (const auto& r : refused) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(code_of(r), "kiosk_key_missing");
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("registered kiosk"),
              std::string::npos);
  }
  // A made-up key is no better.
  auto forged = at_once(server.base_url(), 21, [&](std::size_t i, HttpClient& c) {
    return c.post("/api/v1/bookings", kiosk_booking(slots[i], static_cast<int>(i)).dump(),
                  {"X-Kiosk-Key: okk_" + std::string(43, 'A' + static_cast<char>(i))});
  });
  for (const auto& r : forged) {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(code_of(r), "kiosk_key_invalid");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM bookings"), "0");
  EXPECT_EQ(friday_consultations().size(), slots.size());  // every slot still free

  // The registered kiosk books as before.
  for (int i = 0; i < 3; ++i) {
    auto r = kiosk.post("/api/v1/bookings", kiosk_booking(slots[i], i).dump());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["channel"], "kiosk");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM bookings"), "3");
  // Walk-in tickets and check-in on the kiosk channel need the key too.
  auto t = client.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})");
  EXPECT_EQ(t.status, 401) << t.body;
  EXPECT_EQ(code_of(t), "kiosk_key_missing");
  auto c = client.post("/api/v1/offices/demo/checkin", R"({"code":"22222-33333"})");
  EXPECT_EQ(c.status, 401) << c.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_tickets"), "0");
  EXPECT_EQ(kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status, 201);
}

TEST_F(Abuse, KioskKeysAreMadeByTheAdministratorStoredHashedListedAndRevocable) {
  // The command line: the key is printed once and only its SHA-256 is stored.
  EXPECT_EQ(server.kiosk_key().rfind("okk_", 0), 0u);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM kiosk_devices WHERE key_hash = '" + server.kiosk_key() + "'"),
      "0");
  EXPECT_EQ(count("SELECT length(key_hash) FROM kiosk_devices"), "64");

  // The staff API, for an administrator.
  const std::string cmd =
      "OKNO_STAFF_PASSWORD='admin password 16' '" OKNO_SERVER_BINARY "' --db '" +
      server.database().string() + "' --create-staff admin --role administrator > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto login =
      client.post("/api/v1/staff/login", R"({"login":"admin","password":"admin password 16"})");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::vector<std::string> admin = {
      "Cookie: " + login.headers["set-cookie"].substr(0, login.headers["set-cookie"].find(';')),
      "X-CSRF-Token: " + login.json()["csrf_token"].get<std::string>()};
  EXPECT_EQ(client.get("/api/v1/staff/kiosks").status, 401);  // not without a session
  auto made = client.post("/api/v1/staff/kiosks", R"({"name":"hall-2"})", admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string key = made.json()["key"];
  const auto id = made.json()["id"].get<long long>();
  EXPECT_EQ(made.json()["last_used_at"], nullptr);
  EXPECT_EQ(client.post("/api/v1/staff/kiosks", R"({"name":"hall-2"})", admin).status, 409);
  EXPECT_EQ(client.post("/api/v1/staff/kiosks", R"({"name":"Зал 2"})", admin).status, 422);

  HttpClient hall2(server.base_url(), {"X-Kiosk-Key: " + key});
  ASSERT_EQ(hall2.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status, 201);
  auto list = client.get("/api/v1/staff/kiosks", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  bool seen = false;
  const auto list_doc = list.json();  // kept: a range-for over a temporary's member would dangle
  for (const auto& k : list_doc["kiosks"]) {
    EXPECT_FALSE(k.contains("key"));  // shown once, never listed
    if (k["name"] == "hall-2") {
      seen = true;
      EXPECT_EQ(k["active"], true);
      EXPECT_EQ(k["last_used_at"], "2026-11-30T06:00:00Z");
    }
  }
  EXPECT_TRUE(seen) << list.body;

  // Revoked: refused at once, with a plain message.
  auto revoked = client.post("/api/v1/staff/kiosks/" + std::to_string(id) + "/revoke", "", admin);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["active"], false);
  auto after = hall2.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})",
                          {"Accept-Language: ru"});
  EXPECT_EQ(after.status, 403) << after.body;
  EXPECT_EQ(code_of(after), "kiosk_key_invalid");
  EXPECT_NE(after.json()["error"]["message"].get<std::string>().find("ключ"), std::string::npos);
  EXPECT_EQ(client.post("/api/v1/staff/kiosks/999/revoke", "", admin).status, 404);

  // The command line revokes too, and lists the devices.
  auto [status, out] = server.kiosk_command("list");
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("hall-2\trevoked"), std::string::npos) << out;
  const std::string name = out.substr(
      out.find("test-kiosk"), out.find('\t', out.find("test-kiosk")) - out.find("test-kiosk"));
  EXPECT_EQ(server.kiosk_command("revoke " + name).first, 0);
  EXPECT_EQ(kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM staff_audit WHERE action LIKE 'kiosk.%'"), "2");
}

TEST_F(Abuse, ABurstOfTwoHundredTicketsFromOneAddressIsLimitedAndTheCapIsNotReached) {
  // 200 requests at once for consultation tickets (daily cap 200) on the public web channel.
  auto burst = at_once(server.base_url(), 200, [](std::size_t, HttpClient& c) {
    return c.post("/api/v1/offices/demo/tickets", R"({"service":"consultation","channel":"web"})",
                  {"Accept-Language: en"});
  });
  int issued = 0, limited = 0;
  for (const auto& r : burst) {
    if (r.status == 201) ++issued;
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(code_of(r), "rate_limited");
      EXPECT_EQ(r.headers.at("retry-after"), "60");  // the minute's window, from its start
      EXPECT_EQ(r.json()["error"]["message"],
                "Too many requests in a row. Please wait a little and try again.");
    }
  }
  EXPECT_EQ(issued, 30);  // tickets_per_address = 30 a minute
  EXPECT_EQ(limited, 170);
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_tickets"), "30");  // nothing half-way
  auto q = client.get("/api/v1/offices/demo/queue").json();
  for (const auto& s : q["services"]) EXPECT_EQ(s["daily_cap_reached"], false) << q.dump();

  // The same from a registered kiosk whose key leaked: its own limit (20 a minute) holds.
  advance(60);
  auto keyed =
      at_once(server.base_url(), 100,
              [](std::size_t, HttpClient& c) {
                return c.post("/api/v1/offices/demo/tickets", R"({"service":"consultation"})");
              },
              {server.kiosk_header()});
  int keyed_issued = 0;
  for (const auto& r : keyed) keyed_issued += r.status == 201;
  EXPECT_EQ(keyed_issued, 20);

  // The wait is over: tickets again.
  advance(60);
  EXPECT_EQ(kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"consultation"})").status,
            201);
}

TEST_F(Abuse, BookingBurstsAreLimitedPerAddressAndPerContactAndStoreNothing) {
  std::vector<std::string> starts;
  {
    auto r =
        client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-02&to=2026-12-03");
    const auto r_doc = r.json();  // kept: a range-for over a temporary's member would dangle
    for (const auto& s : r_doc["slots"]) starts.push_back(s["start"]);
  }
  ASSERT_GE(starts.size(), 40u);
  // One contact: five bookings in ten minutes, then 429 (a family books a few; a script more).
  for (int i = 0; i < 5; ++i) {
    auto r = client.post("/api/v1/bookings", booking_body(starts[i]).dump());
    ASSERT_EQ(r.status, 201) << i << " " << r.body;
  }
  const std::vector<std::string> key = {"Idempotency-Key: abuse-6"};
  auto sixth = client.post("/api/v1/bookings", booking_body(starts[5]).dump(), key);
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  EXPECT_EQ(code_of(sixth), "rate_limited");
  EXPECT_EQ(sixth.headers.at("retry-after"), "600");
  EXPECT_EQ(count("SELECT COUNT(*) FROM bookings"), "5");
  EXPECT_EQ(count("SELECT COUNT(*) FROM idempotency_keys"), "0");  // the key was not spent
  // Another person from the same address is not held up by it.
  auto other = booking_body(starts[5]);
  other["client"] = {{"name", "Анна Смирнова"}, {"email", "anna@example.org"}};
  ASSERT_EQ(client.post("/api/v1/bookings", other.dump()).status, 201);

  // Forty people at once from one address (different contacts): twenty a minute.
  auto burst = at_once(server.base_url(), 40, [&](std::size_t i, HttpClient& c) {
    auto body = booking_body(starts[i % starts.size()]);
    body["client"] = {{"name", "Гость " + std::to_string(i)},
                      {"email", "guest" + std::to_string(i) + "@example.org"}};
    body["notify"] = {{"mandatory", "portal"}, {"extra", {"email"}}};
    return c.post("/api/v1/bookings", body.dump());
  });
  int made = 0, limited = 0;
  for (const auto& r : burst) {
    made += r.status == 201 || r.status == 409;  // 409: the slot's places went to others
    limited += r.status == 429;
  }
  EXPECT_EQ(made + limited, 40);
  EXPECT_EQ(limited, 26);  // 6 of the minute's 20 were used above
  // The same key after the wait books, exactly once.
  advance(600);
  auto later = client.post("/api/v1/bookings", booking_body(starts[39]).dump(), key);
  EXPECT_EQ(later.status, 201) << later.body;
}

// Two offices of the demo office's size behind one NAT address (an agency's network): each at
// its busiest hour issues a walk-in ticket every 30 s at its kiosk (120 an hour, more than four
// desks can serve), checks in a booked visitor every 2 minutes, and its staff and visitors book
// on the web 10 times an hour. Counted on one address: 240 tickets, 60 check-ins and 20 bookings
// an hour; no request may be limited.
TEST_F(Abuse, TwoOfficesOfOrdinaryTrafficThroughOneAddressAreNeverLimited) {
  // Each office has its own registered kiosk.
  auto [status, out] = server.kiosk_command("add office-b");
  ASSERT_EQ(status, 0) << out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  HttpClient office_a{server.base_url(), {server.kiosk_header()}};
  HttpClient office_b{server.base_url(), {"X-Kiosk-Key: " + out.substr(out.rfind('\n') + 1)}};
  auto slots_of = [&](const std::string& day) {
    auto r = client.get("/api/v1/offices/demo/slots?service=passport&from=" + day + "&to=" + day);
    std::vector<std::string> starts;
    const auto r_doc = r.json();  // kept: a range-for over a temporary's member would dangle
    for (const auto& s : r_doc["slots"]) starts.push_back(s["start"]);
    return starts;
  };
  // Bookings for the check-ins, made the day before from the same network (20 an hour).
  std::vector<std::string> codes;
  const auto tuesday = slots_of("2026-12-01");
  ASSERT_GE(tuesday.size(), 30u);
  for (std::size_t i = 0; i < 60; ++i) {
    auto body = booking_body(tuesday[i / 2]);
    body["client"] = {{"name", "Посетитель"}, {"email", "v" + std::to_string(i) + "@example.org"}};
    auto b = client.post("/api/v1/bookings", body.dump());
    ASSERT_EQ(b.status, 201) << i << " " << b.body;
    codes.push_back(b.json()["code"]);
    if (codes.size() % 20 == 0) advance(3600);
  }
  const auto thursday = slots_of("2026-12-03");
  ASSERT_GE(thursday.size(), 20u);
  // The busy hour: Tuesday 09:00-10:00.
  ASSERT_EQ(client.post("/api/v1/_test/clock", R"({"now":"2026-12-01T06:00:00Z"})").status, 200);
  int tickets = 0, checkins = 0, bookings = 0;
  for (int step = 0; step < 120; ++step) {  // every 30 s
    for (HttpClient* at : {&office_a, &office_b}) {
      auto t =
          at->post("/api/v1/offices/demo/tickets",
                   at == &office_a ? R"({"service":"passport"})" : R"({"service":"consultation"})");
      ASSERT_EQ(t.status, 201) << step << " " << t.body;
      ++tickets;
    }
    if (step % 4 == 0) {  // one check-in every 2 minutes at each office
      for (HttpClient* at : {&office_a, &office_b}) {
        auto c = at->post("/api/v1/offices/demo/checkin",
                          json{{"code", codes[static_cast<std::size_t>(checkins)]}}.dump());
        ASSERT_NE(c.status, 429) << step << " " << c.body;
        ASSERT_NE(c.status, 404) << step << " " << c.body;
        ++checkins;
      }
    }
    if (step % 6 == 0) {  // staff and visitors booking on the web
      auto body = booking_body(thursday[static_cast<std::size_t>(bookings)]);
      body["client"] = {{"name", "Сотрудник"},
                        {"email", "staff" + std::to_string(bookings) + "@agency.example"}};
      auto b = client.post("/api/v1/bookings", body.dump());
      ASSERT_EQ(b.status, 201) << step << " " << b.body;
      ++bookings;
    }
    advance(30);
  }
  EXPECT_EQ(tickets, 240);
  EXPECT_EQ(checkins, 60);
  EXPECT_EQ(bookings, 20);
}

TEST_F(Abuse, XForwardedForIsBelievedOnlyFromATrustedProxy) {
  // Not trusted (the default): the header is ignored, the socket's address counts.
  int limited = 0;
  for (int i = 0; i < 35; ++i) {
    auto r =
        client.post("/api/v1/offices/demo/tickets", R"({"service":"passport","channel":"web"})",
                    {"X-Forwarded-For: 198.51.100." + std::to_string(i)});
    limited += r.status == 429;
  }
  EXPECT_EQ(limited, 5);
}

TEST(AbuseProxy, BehindATrustedProxyEachForwardedClientHasItsOwnLimit) {
  Config config("[limits]\ntrusted_proxies = [\"127.0.0.1\"]\n");
  ServerProcess server(config.options());
  ASSERT_TRUE(server.started());
  HttpClient proxy(server.base_url());
  for (int client = 0; client < 3; ++client) {
    int issued = 0;
    for (int i = 0; i < 35; ++i) {
      auto r =
          proxy.post("/api/v1/offices/demo/tickets", R"({"service":"passport","channel":"web"})",
                     {"X-Forwarded-For: 6.6.6.6, 198.51.100." + std::to_string(client)});
      issued += r.status == 201;
    }
    EXPECT_EQ(issued, 30) << client;  // the forged left-hand entry is not what counts
  }
}

TEST_F(Abuse, FeedbackOnlyForAServedTicketAndOncePerVisit) {
  auto feedback = [&](const std::string& ticket) {
    json body = {{"office", "demo"}, {"got_answer", true}, {"satisfaction", "satisfied"}};
    if (!ticket.empty()) body["ticket"] = ticket;
    return client.post("/api/v1/feedback", body.dump(), {"Accept-Language: en"});
  };
  auto none = feedback("A777");
  EXPECT_EQ(none.status, 404) << none.body;
  EXPECT_EQ(code_of(none), "ticket_not_found");
  auto missing = feedback("");
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(missing.json()["error"]["field"], "ticket");

  auto t = kiosk.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})");
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string number = t.json()["number"];
  auto early = feedback(number);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(code_of(early), "feedback_not_served");
  for (const char* action : {"call-next", "start", "finish"}) {
    ASSERT_EQ(client.post(std::string("/api/v1/offices/demo/desks/1/") + action, "", kStaff).status,
              200)
        << action;
  }
  // The visit is over: one answer, at once from many tabs, is kept once.
  auto answers = at_once(server.base_url(), 10, [&](std::size_t, HttpClient& c) {
    return c.post("/api/v1/feedback", json{{"office", "demo"},
                                           {"ticket", number},
                                           {"got_answer", true},
                                           {"satisfaction", "satisfied"}}
                                          .dump());
  });
  int kept = 0;
  for (const auto& r : answers) {
    if (r.status == 201) {
      ++kept;
    } else {
      EXPECT_EQ(r.status, 409) << r.body;
      EXPECT_EQ(code_of(r), "feedback_given");
    }
  }
  EXPECT_EQ(kept, 1);
  auto again = feedback(number);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["message"],
            "We have already received your feedback on this visit. Thank you!");
  EXPECT_EQ(count("SELECT COUNT(*) FROM feedback"), "1");
}

TEST_F(Abuse, ThreeThousandGuessedCodesAreSlowedWithTheSameAnswerForEveryWrongCode) {
  auto booked = client.post("/api/v1/bookings", booking_body("2026-12-01T10:00:00+03:00").dump());
  ASSERT_EQ(booked.status, 201);
  const std::string real = booked.json()["code"];  // "XXXXX-XXXXX"
  std::string near = real;                         // the right code but its last character
  near.back() = near.back() == '2' ? '3' : '2';

  // Every wrong code gets the same bytes: unknown, one character off a real one, typed without
  // the dash, malformed.
  const std::vector<std::string> wrong = {"22222-33333", near, "2222233334", "nonsense"};
  std::set<std::string> bodies;
  for (const auto& code : wrong) {
    auto r = client.get("/api/v1/bookings/" + code);
    EXPECT_EQ(r.status, 404) << code;
    bodies.insert(r.body);
    EXPECT_EQ(r.headers.count("retry-after"), 0u);
  }
  EXPECT_EQ(bodies.size(), 1u);

  // 3,000 guesses as fast as one address can send them: after the fifth wrong code every
  // answer is 429 until the wait is over, whatever the code.
  int not_found = static_cast<int>(wrong.size()), throttled = 0;
  std::set<std::string> throttled_bodies;
  for (int i = 0; i < 3000; ++i) {
    auto r = client.get("/api/v1/bookings/" + guessed_code(static_cast<unsigned>(i), 1));
    if (r.status == 404) ++not_found;
    if (r.status == 429) {
      ++throttled;
      throttled_bodies.insert(r.body + "|" + r.headers.at("retry-after"));
    }
  }
  EXPECT_EQ(not_found, 5);
  EXPECT_EQ(throttled, 2999);
  EXPECT_EQ(throttled_bodies.size(), 1u);  // the same answer and wait for every guess
  // The right code is no different while the address waits (nothing tells it is right).
  auto right_now = client.get("/api/v1/bookings/" + real);
  EXPECT_EQ(right_now.status, 429);
  EXPECT_EQ(right_now.body + "|" + right_now.headers.at("retry-after"), *throttled_bodies.begin());
  // Cancel and reschedule by code are held up alike; nothing was cancelled.
  EXPECT_EQ(client.post("/api/v1/bookings/" + real + "/cancel", "{}").status, 429);
  EXPECT_EQ(count("SELECT status FROM bookings"), "booked");
  // Another address is not slowed (the kiosk of the office, counted on its own).
  auto c = kiosk.post("/api/v1/offices/demo/checkin", json{{"code", "22222-33333"}}.dump());
  EXPECT_EQ(c.status, 404) << c.body;

  // Once the wait is over the right code works.
  advance(std::stoi(right_now.headers.at("retry-after")));
  auto after = client.get("/api/v1/bookings/" + real);
  EXPECT_EQ(after.status, 200) << after.body;

  // How far an attacker gets who waits exactly as told (docs/security.md): guesses per minute
  // over ten minutes of the server's clock.
  advance(15 * 60);  // a fresh start
  std::vector<int> per_minute(10, 0);
  int elapsed = 0;
  for (int i = 0; elapsed < 600; ++i) {
    auto r = client.get("/api/v1/bookings/" + guessed_code(static_cast<unsigned>(i), 2));
    if (r.status == 404) {
      ++per_minute[static_cast<std::size_t>(elapsed / 60)];
      continue;
    }
    ASSERT_EQ(r.status, 429) << r.body;
    const int wait = std::stoi(r.headers.at("retry-after"));
    advance(wait);
    elapsed += wait;
  }
  std::string line;
  int total = 0;
  for (int m : per_minute) {
    line += std::to_string(m) + " ";
    total += m;
  }
  std::printf("guesses per minute over 10 minutes: %s(total %d)\n", line.c_str(), total);
  EXPECT_EQ(per_minute[0], 9);  // 5 free at 0 s, then at 2, 6, 14 and 30 s; next at 62 s
  for (std::size_t m = 2; m < per_minute.size(); ++m) EXPECT_LE(per_minute[m], 1) << m;
  EXPECT_EQ(total, 18);
}

TEST_F(Abuse, CheckInAtTheKioskIsThrottledAfterTwentyWrongCodes) {
  int not_found = 0, throttled = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = kiosk.post("/api/v1/offices/demo/checkin",
                        json{{"code", guessed_code(static_cast<unsigned>(i), 3)}}.dump());
    not_found += r.status == 404;
    throttled += r.status == 429 && code_of(r) == "code_throttled";
  }
  EXPECT_EQ(not_found, 20);  // a hall of visitors mistyping on a touchscreen
  EXPECT_EQ(throttled, 10);
}

}  // namespace
