// Security of the staff console against a real okno-server (issue 4, must-show 5): no staff
// endpoint answers without a session, roles are enforced, brute-force logins are slowed and
// locked, CSRF tokens are required, cookies carry the right flags, passwords are Argon2id hashes
// and never reach a log. Operator bookings are audited with who, what, when (R-HIST-1).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
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

constexpr const char* kAdminPassword = "correct horse battery";
constexpr const char* kStaffPassword = "staff password 42";

// Creates an account through the server's command line, as an installer would.
bool create_staff(const std::filesystem::path& db, const std::string& login,
                  const std::string& role, const std::string& password) {
  const std::string cmd = "OKNO_STAFF_PASSWORD='" + password + "' '" OKNO_SERVER_BINARY "' --db '" +
                          db.string() + "' --create-staff " + login + " --role " + role +
                          " > /dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

struct Session {
  std::string cookie;  // "okno_staff=..."
  std::string csrf;
  std::vector<std::string> headers(bool with_csrf = true) const {
    std::vector<std::string> h = {"Cookie: " + cookie};
    if (with_csrf) h.push_back("X-CSRF-Token: " + csrf);
    return h;
  }
};

std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

std::string error_code(const HttpResponse& r) {
  auto body = r.json();
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

class StaffSecurity : public ::testing::Test {
 protected:
  std::filesystem::path dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;

  void SetUp() override { start({}); }

  void start(std::vector<std::string> extra_args) {
    char tmpl[] = "/tmp/okno-staff-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    ASSERT_TRUE(create_staff(dir / "okno.db", "admin", "administrator", kAdminPassword));
    ServerProcessOptions options;
    options.database = dir / "okno.db";
    options.log_file = dir / "server.log";
    options.extra_args = std::move(extra_args);
    options.extra_args.push_back("--log-level");
    options.extra_args.push_back("info");
    server = std::make_unique<ServerProcess>(options);
    ASSERT_TRUE(server->started());
    client = std::make_unique<HttpClient>(server->base_url());
  }

  void TearDown() override {
    client.reset();
    server.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  HttpResponse login_raw(const std::string& login, const std::string& password) {
    return client->post("/api/v1/staff/login",
                        json{{"login", login}, {"password", password}}.dump());
  }

  Session login(const std::string& login, const std::string& password) {
    auto r = login_raw(login, password);
    EXPECT_EQ(r.status, 200) << r.body;
    return Session{cookie_pair(r.headers["set-cookie"]), r.json().value("csrf_token", "")};
  }

  Session add_staff(const Session& admin, const std::string& login, const std::string& role) {
    auto r = client->post("/api/v1/staff/accounts",
                          json{{"login", login},
                               {"display_name", "Staff " + login},
                               {"role", role},
                               {"password", kStaffPassword}}
                              .dump(),
                          admin.headers());
    EXPECT_EQ(r.status, 201) << r.body;
    return this->login(login, kStaffPassword);
  }

  void advance(int seconds) {
    auto r = client->post("/api/v1/_test/clock", json{{"advance_s", seconds}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::string log_text() {
    server.reset();  // the log is complete once the server has stopped
    std::ifstream in(dir / "server.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

struct Call {
  std::string method, path, body;
};

// Every staff endpoint of the JSON API (docs/openapi.json marks them with staffSession).
const std::vector<Call>& staff_calls() {
  static const std::vector<Call> calls = {
      {"GET", "/api/v1/staff/me", ""},
      {"POST", "/api/v1/staff/logout", "{}"},
      {"GET", "/api/v1/staff/accounts", ""},
      {"POST", "/api/v1/staff/accounts",
       R"({"login":"x1x","display_name":"X","role":"administrator","password":"0123456789ab"})"},
      {"GET", "/api/v1/staff/audit", ""},
      {"GET", "/api/v1/staff/bookings?code=ABCDE-FGHIJ", ""},
      {"POST", "/api/v1/staff/bookings", "{}"},
      {"POST", "/api/v1/staff/bookings/ABCDE-FGHIJ/cancel", "{}"},
      {"POST", "/api/v1/staff/bookings/ABCDE-FGHIJ/reschedule",
       R"({"start":"2026-12-01T09:00:00+03:00"})"},
  };
  return calls;
}

TEST_F(StaffSecurity, NoStaffEndpointAnswersWithoutASession) {
  for (const auto& c : staff_calls()) {
    SCOPED_TRACE(c.method + " " + c.path);
    auto r = client->request(c.method, c.path, c.body, {});
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(error_code(r), "unauthorized");
    // A made-up or stale session cookie is no better.
    r = client->request(
        c.method, c.path, c.body,
        {"Cookie: okno_staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "X-CSRF-Token: AAAA"});
    EXPECT_EQ(r.status, 401) << r.body;
  }
  // The console's pages send a visitor without a session to the sign-in page.
  for (const char* page : {"/staff/desk", "/staff/operator", "/staff/today"}) {
    auto r = client->get(page);
    EXPECT_EQ(r.status, 303) << page;
    EXPECT_EQ(r.headers["location"].rfind("/staff/login", 0), 0u) << page;
  }
  // Nothing was created without a session.
  EXPECT_EQ(sqlite_scalar(server->database(), "SELECT COUNT(*) FROM staff_accounts"), "1");
  EXPECT_EQ(sqlite_scalar(server->database(), "SELECT COUNT(*) FROM bookings"), "0");
}

TEST_F(StaffSecurity, ReceptionistCannotDoAnAdministratorsAction) {
  Session admin = login("admin", kAdminPassword);
  Session desk = add_staff(admin, "desk.one", "receptionist");
  auto r = client->post("/api/v1/staff/accounts",
                        json{{"login", "mallory"},
                             {"display_name", "M"},
                             {"role", "administrator"},
                             {"password", "0123456789abc"}}
                            .dump(),
                        desk.headers());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(error_code(r), "forbidden");
  EXPECT_EQ(client->get("/api/v1/staff/accounts", desk.headers()).status, 403);
  EXPECT_EQ(client->get("/api/v1/staff/audit", desk.headers()).status, 403);
  // Nor an operator's: booking for callers is the consultation line's work.
  EXPECT_EQ(client->get("/api/v1/staff/bookings?code=ABCDE-FGHIJ", desk.headers()).status, 403);
  // The administrator's page is refused too, with the reason.
  EXPECT_EQ(client->get("/staff/today", desk.headers(false)).status, 403);
  EXPECT_EQ(client->get("/staff/desk", desk.headers(false)).status, 200);
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM staff_accounts WHERE login = 'mallory'"),
            "0");
  // Each refusal is in the staff audit log, with who and what.
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM staff_audit WHERE login = 'desk.one' AND "
                          "action = 'denied'"),
            "5");
  // The administrator may do it.
  r = client->get("/api/v1/staff/accounts", admin.headers());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["accounts"].size(), 2u);
  EXPECT_FALSE(r.body.find("argon2") != std::string::npos) << "hashes never leave the server";
}

TEST_F(StaffSecurity, BruteForceLoginsAreSlowedThenLocked) {
  // Three free mistakes, then each attempt must wait longer (2 s, 4 s, 8 s, ...).
  for (int i = 0; i < 3; ++i) {
    auto r = login_raw("admin", "wrong password");
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(error_code(r), "login_failed");
  }
  auto r = login_raw("admin", kAdminPassword);
  EXPECT_EQ(r.status, 429) << "even the right password waits";
  EXPECT_EQ(error_code(r), "login_throttled");
  EXPECT_EQ(r.headers["retry-after"], "2");
  // Keep guessing, each time after the delay: the tenth failure locks the account.
  for (int i = 3; i < 10; ++i) {
    advance(61);
    r = login_raw("admin", "wrong password " + std::to_string(i));
    EXPECT_EQ(r.status, 401) << i << " " << r.body;
  }
  advance(61);
  r = login_raw("admin", kAdminPassword);
  EXPECT_EQ(r.status, 429) << "locked: the right password does not open it";
  const int retry = std::atoi(r.headers["retry-after"].c_str());
  EXPECT_GT(retry, 10 * 60);
  EXPECT_LE(retry, 15 * 60);
  // The lock ends by itself; then the right password works and clears the count.
  advance(15 * 60);
  r = login_raw("admin", kAdminPassword);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM staff_audit WHERE action = 'login.failed'"),
            "10");
}

TEST_F(StaffSecurity, PasswordSprayingFromOneAddressIsSlowedAcrossAccounts) {
  // The address limit lies far above an office's size (issue 16 item 4: one person's lockout
  // never slows a colleague at the same address): 50 failures in 15 minutes, as many as five
  // accounts locked at once, and only then is the address slowed.
  for (int i = 0; i < 50; ++i) {
    auto r = login_raw("user" + std::to_string(i), "guess 123456");
    EXPECT_EQ(r.status, 401) << i;
  }
  // A new login from the same address: each account has a clean count, the address does not.
  auto r = login_raw("user-new", "guess 123456");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(error_code(r), "login_throttled");
}

TEST_F(StaffSecurity, UnknownLoginAndWrongPasswordGetTheSameAnswer) {
  auto unknown = login_raw("nobody", "whatever 1234");
  auto wrong = login_raw("admin", "whatever 1234");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body) << "the answer must not tell which logins exist";
}

TEST_F(StaffSecurity, StateChangingRequestsWithoutTheCsrfTokenAreRefused) {
  Session admin = login("admin", kAdminPassword);
  const std::string body = json{
      {"login", "new.one"},
      {"display_name", "New"},
      {"role", "receptionist"},
      {"password",
       kStaffPassword}}.dump();
  auto r = client->post("/api/v1/staff/accounts", body, admin.headers(false));
  EXPECT_EQ(r.status, 403) << "missing token";
  EXPECT_EQ(error_code(r), "csrf_failed");
  r = client->post("/api/v1/staff/accounts", body,
                   {"Cookie: " + admin.cookie, "X-CSRF-Token: " + std::string(43, 'A')});
  EXPECT_EQ(r.status, 403) << "wrong token";
  EXPECT_EQ(error_code(r), "csrf_failed");
  auto cross = admin.headers();
  cross.push_back("Origin: https://evil.example");
  r = client->post("/api/v1/staff/accounts", body, cross);
  EXPECT_EQ(r.status, 403) << "a cross-site origin, even with the token";
  EXPECT_EQ(sqlite_scalar(server->database(), "SELECT COUNT(*) FROM staff_accounts"), "1");
  // Signing out is state-changing too.
  EXPECT_EQ(client->post("/api/v1/staff/logout", "{}", admin.headers(false)).status, 403);
  EXPECT_EQ(client->get("/api/v1/staff/me", admin.headers(false)).status, 200);
  // With the token it goes through.
  r = client->post("/api/v1/staff/accounts", body, admin.headers());
  EXPECT_EQ(r.status, 201) << r.body;
  // The sign-in form needs its own token (double submit: cookie and field).
  r = client->post("/staff/login", "login=admin&password=correct+horse+battery",
                   {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(r.headers["set-cookie"].starts_with("okno_staff="));
  // The JSON sign-in accepts JSON only: a cross-site HTML form cannot send it.
  r = client->post("/api/v1/staff/login", "login=admin&password=x",
                   {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(r.status, 400);
}

TEST_F(StaffSecurity, SignInFormWorksWithItsTokenAndRedirectsToTheRolesView) {
  auto page = client->get("/staff/login");
  ASSERT_EQ(page.status, 200);
  const std::string cookie = cookie_pair(page.headers["set-cookie"]);
  ASSERT_EQ(cookie.rfind("okno_login_csrf=", 0), 0u);
  const std::string token = cookie.substr(cookie.find('=') + 1);
  EXPECT_NE(page.body.find("name=\"csrf\" value=\"" + token + "\""), std::string::npos);
  auto r =
      client->post("/staff/login", "csrf=" + token + "&login=admin&password=correct+horse+battery",
                   {"Content-Type: application/x-www-form-urlencoded", "Cookie: " + cookie});
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"], "/staff/today");
  EXPECT_EQ(r.headers["set-cookie"].rfind("okno_staff=", 0), 0u);
}

TEST_F(StaffSecurity, SessionCookieIsHttpOnlyAndSameSiteStrict) {
  auto r = login_raw("admin", kAdminPassword);
  ASSERT_EQ(r.status, 200);
  const std::string c = r.headers["set-cookie"];
  EXPECT_EQ(c.rfind("okno_staff=", 0), 0u) << c;
  EXPECT_NE(c.find("; HttpOnly"), std::string::npos) << c;
  EXPECT_NE(c.find("; SameSite=Strict"), std::string::npos) << c;
  EXPECT_NE(c.find("; Path=/"), std::string::npos) << c;
  EXPECT_EQ(c.find("Secure"), std::string::npos) << "plain HTTP by default";
  // The token is long and random: 32 bytes, base64url.
  EXPECT_EQ(cookie_pair(c).size(), std::string("okno_staff=").size() + 43);
  EXPECT_EQ(r.json().value("csrf_token", "").size(), 43u);
  // The database keeps only a hash of it.
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM staff_sessions WHERE "
                          "token_hash = '" +
                              cookie_pair(c).substr(11) + "'"),
            "0");
}

TEST_F(StaffSecurity, BehindTlsTheCookieIsSecure) {
  TearDown();
  start({"--secure-cookies"});
  auto r = login_raw("admin", kAdminPassword);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["set-cookie"].find("; Secure"), std::string::npos);
}

TEST_F(StaffSecurity, SessionsEndAfterIdleTimeAndOnSignOut) {
  Session admin = login("admin", kAdminPassword);
  advance(29 * 60);
  EXPECT_EQ(client->get("/api/v1/staff/me", admin.headers()).status, 200) << "use renews it";
  advance(29 * 60);
  EXPECT_EQ(client->get("/api/v1/staff/me", admin.headers()).status, 200);
  advance(31 * 60);
  EXPECT_EQ(client->get("/api/v1/staff/me", admin.headers()).status, 401) << "idle too long";
  Session again = login("admin", kAdminPassword);
  auto r = client->post("/api/v1/staff/logout", "{}", again.headers());
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client->get("/api/v1/staff/me", again.headers()).status, 401) << "signed out";
}

TEST_F(StaffSecurity, PasswordsAreArgon2idHashesAndNeverLogged) {
  Session admin = login("admin", kAdminPassword);
  add_staff(admin, "line.one", "operator");
  login_raw("admin", "a wrong one 987");
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT substr(password_hash, 1, 10) FROM staff_accounts WHERE "
                          "login = 'line.one'"),
            "$argon2id$");
  // Weak passwords are refused.
  auto r = client->post(
      "/api/v1/staff/accounts",
      json{
          {"login", "weak"}, {"display_name", "W"}, {"role", "receptionist"}, {"password", "short"}}
          .dump(),
      admin.headers());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "password");
  const std::string audit = sqlite_scalar(
      server->database(), "SELECT group_concat(details || target, ' ') FROM staff_audit");
  const std::string log = log_text();
  EXPECT_NE(log.find("staff admin"), std::string::npos) << "staff actions are logged";
  for (const char* secret : {kAdminPassword, kStaffPassword, "a wrong one 987"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
    EXPECT_EQ(audit.find(secret), std::string::npos) << secret;
  }
}

TEST_F(StaffSecurity, R_LINE_1_OperatorBooksFindsAndCancelsForACallerAndIsAudited) {
  Session admin = login("admin", kAdminPassword);
  Session line = add_staff(admin, "line.one", "operator");
  auto slots =
      client->get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(slots.status, 200);
  const std::string start = slots.json()["slots"][0]["start"];
  json body = booking_body(start);
  body["channel"] = "web";  // whatever is sent, a line booking is recorded as "operator"
  auto r = client->post("/api/v1/staff/bookings", body.dump(), line.headers());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string code = r.json()["code"];
  EXPECT_EQ(r.json()["channel"], "operator");
  EXPECT_FALSE(r.json()["directions"]["transit"].get<std::string>().empty()) << "R-VISIT-5";
  // Without a session the same booking is refused, without the token too.
  EXPECT_EQ(client->post("/api/v1/staff/bookings", body.dump(), line.headers(false)).status, 403);

  auto found = client->get("/api/v1/staff/bookings?phone=89991234567", line.headers());
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json()["bookings"].size(), 1u);
  EXPECT_EQ(found.json()["bookings"][0]["code"], code);
  EXPECT_EQ(found.json()["bookings"][0]["client"]["phone"], "+7999***4567") << "masked";

  r = client->post("/api/v1/staff/bookings/" + code + "/cancel", "{}", line.headers());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "cancelled");
  EXPECT_EQ(client->get("/api/v1/bookings/" + code).json()["status"], "cancelled");

  // Who, what, when; the phone number only masked.
  auto audit = client->get("/api/v1/staff/audit?limit=20", admin.headers());
  ASSERT_EQ(audit.status, 200);
  std::vector<std::string> actions;
  const json entries = audit.json()["entries"];  // a copy: the temporary would dangle
  for (const auto& e : entries) {
    if (e["login"] == "line.one") actions.push_back(e["action"]);
    EXPECT_TRUE(e.contains("at"));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"booking.cancel", "booking.search_phone",
                                               "booking.create", "login"}));
  EXPECT_EQ(audit.body.find("79991234567"), std::string::npos);
  EXPECT_EQ(audit.body.find("Иван"), std::string::npos);
  EXPECT_EQ(
      sqlite_scalar(server->database(), "SELECT channel FROM bookings WHERE code = '" + code + "'"),
      "operator");
}

// Issue 16 item 1: the console sends one Idempotency-Key per form. The same key and body book
// once, whether the second request comes after the first or at the same moment (a double
// click); the replay is the same booking and is not audited twice; another body is refused.
TEST_F(StaffSecurity, R_LINE_1_AnOperatorBookingWithAnIdempotencyKeyBooksOnce) {
  Session admin = login("admin", kAdminPassword);
  Session line = add_staff(admin, "line.one", "operator");
  auto slots =
      client->get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(slots.status, 200);
  const json first_slot = slots.json()["slots"][0];
  ASSERT_EQ(first_slot["free"], 2) << "a two-place slot: a second booking would fit";
  const std::string start = first_slot["start"];
  const std::string body = booking_body(start).dump();
  auto with_key = [&](const std::string& key) {
    auto h = line.headers();
    h.push_back("Idempotency-Key: " + key);
    return h;
  };

  auto first = client->post("/api/v1/staff/bookings", body, with_key("form-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.headers.count("idempotent-replayed"), 0u);
  const std::string code = first.json()["code"];
  EXPECT_EQ(first.headers["location"], "/api/v1/bookings/" + code);
  auto again = client->post("/api/v1/staff/bookings", body, with_key("form-1"));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(again.json()["code"], code);
  EXPECT_EQ(sqlite_scalar(server->database(), "SELECT COUNT(*) FROM bookings"), "1");

  // Another body under the same key is a mistake, not a retry.
  json other = booking_body(start);
  other["client"]["name"] = "Пётр Иванов";
  auto conflict = client->post("/api/v1/staff/bookings", other.dump(), with_key("form-1"));
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(error_code(conflict), "idempotency_conflict");
  auto bad = client->post("/api/v1/staff/bookings", body, with_key(std::string(256, 'k')));
  EXPECT_EQ(bad.status, 422) << bad.body;

  // A double click: two requests with one key at the same moment, each on its own connection.
  json second_body = booking_body(start);
  second_body["client"]["phone"] = "+79990002233";
  const std::string second = second_body.dump();
  std::vector<HttpResponse> answers(2);
  std::vector<std::thread> clicks;
  for (int i = 0; i < 2; ++i) {
    clicks.emplace_back([&, i] {
      HttpClient own(server->base_url());
      answers[i] = own.post("/api/v1/staff/bookings", second, with_key("form-2"));
    });
  }
  for (auto& c : clicks) c.join();
  ASSERT_EQ(answers[0].status, 201) << answers[0].body;
  ASSERT_EQ(answers[1].status, 201) << answers[1].body;
  EXPECT_EQ(answers[0].json()["code"], answers[1].json()["code"]);
  EXPECT_EQ(sqlite_scalar(server->database(), "SELECT COUNT(*) FROM bookings"), "2")
      << "one booking per form: the slot's second place went to form 2 once";
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM staff_audit WHERE action = 'booking.create'"),
            "2");
}

// Issue 16 item 6: the operator moves a caller's booking; the change is the operator channel's
// and the operator's (audit), and only staff may use this route.
TEST_F(StaffSecurity, R_LINE_1_OperatorReschedulesForACallerAndIsAudited) {
  Session admin = login("admin", kAdminPassword);
  Session line = add_staff(admin, "line.one", "operator");
  Session desk = add_staff(admin, "desk.one", "receptionist");
  auto slots =
      client->get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-02");
  ASSERT_EQ(slots.status, 200);
  const json list = slots.json()["slots"];
  ASSERT_GE(list.size(), 10u);
  const std::string start = list[0]["start"];
  const std::string later = list[9]["start"];
  auto r = client->post("/api/v1/staff/bookings", booking_body(start).dump(), line.headers());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string code = r.json()["code"];
  const std::string path = "/api/v1/staff/bookings/" + code + "/reschedule";
  const std::string move = json{{"start", later}, {"channel", "web"}}.dump();

  EXPECT_EQ(client->post(path, move, desk.headers()).status, 403) << "a receptionist";
  EXPECT_EQ(client->post(path, move, line.headers(false)).status, 403) << "no CSRF token";
  auto bad = client->post(path, R"({"start":"tomorrow"})", line.headers());
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto moved = client->post(path, move, line.headers());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["start"], later);
  EXPECT_EQ(moved.json()["version"], 2);
  EXPECT_EQ(client->get("/api/v1/bookings/" + code).json()["start"], later);
  auto history = client->get("/api/v1/bookings/" + code + "/history").json()["events"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["kind"], "rescheduled");
  EXPECT_EQ(history[1]["channel"], "operator") << "whatever the body said";
  auto audit = client->get("/api/v1/staff/audit?limit=5", admin.headers()).json()["entries"];
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0]["action"], "booking.reschedule");
  EXPECT_EQ(audit[0]["login"], "line.one");
  EXPECT_EQ(audit[0]["target"], "booking:" + code);
  // The old place is free again (two places: both free), the new one has one taken.
  auto after =
      client->get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-02");
  const auto after_json = after.json();  // kept: a range-for over a temporary's member dangles
  for (const auto& s : after_json["slots"]) {
    if (s["start"] == start) {
      EXPECT_EQ(s["free"], 2);
    }
    if (s["start"] == later) {
      EXPECT_EQ(s["free"], 1);
    }
  }
}

// Issue 16 item 3: a session used now and then (an open console page) lives on past the idle
// limit, up to its fixed end, which /me reports with the server's clock; then it ends even
// though it was used a moment ago.
TEST_F(StaffSecurity, ASessionInUseSlidesUntilItsFixedEnd) {
  TearDown();
  start({"--staff-session-idle", "60", "--staff-session-max", "300"});
  Session admin = login("admin", kAdminPassword);
  auto me = client->get("/api/v1/staff/me", admin.headers());
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["now"], "2026-11-30T06:00:00Z");
  EXPECT_EQ(me.json()["ends_at"], "2026-11-30T06:05:00Z");
  EXPECT_EQ(me.json()["expires_at"], "2026-11-30T06:01:00Z");
  for (int i = 0; i < 5; ++i) {  // used every 50 s: 250 s in all, four times the idle limit
    advance(50);
    me = client->get("/api/v1/staff/me", admin.headers());
    ASSERT_EQ(me.status, 200) << "after " << (i + 1) * 50 << " s";
  }
  EXPECT_EQ(me.json()["now"], "2026-11-30T06:04:10Z");
  EXPECT_EQ(me.json()["expires_at"], "2026-11-30T06:05:00Z") << "never past the fixed end";
  EXPECT_EQ(me.json()["ends_at"], "2026-11-30T06:05:00Z");
  advance(50);
  EXPECT_EQ(client->get("/api/v1/staff/me", admin.headers()).status, 401) << "at its end";
  // Unused, it ends after the idle limit.
  Session again = login("admin", kAdminPassword);
  advance(59);
  EXPECT_EQ(client->get("/api/v1/staff/me", again.headers()).status, 200);
  advance(61);
  EXPECT_EQ(client->get("/api/v1/staff/me", again.headers()).status, 401);
}

}  // namespace

namespace {

TEST_F(StaffSecurity, OutboxIsOpenToAnAdministratorsSessionOnly) {
  Session admin = login("admin", kAdminPassword);
  Session desk = add_staff(admin, "desk.two", "receptionist");
  EXPECT_EQ(client->get("/api/v1/outbox?status=failed", admin.headers(false)).status, 200);
  EXPECT_EQ(client->get("/api/v1/outbox?status=failed", desk.headers(false)).status, 401);
  EXPECT_EQ(client->get("/api/v1/outbox?status=failed").status, 401);
}

}  // namespace
