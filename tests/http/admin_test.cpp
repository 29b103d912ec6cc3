// Administrators' accounts and reports against a real okno-server (issue 16 items 4 and 5):
// every account action (create with desks, role change, disable / enable, password reset with a
// forced change, unlock) and its audit line; the desk-assignment rule enforced by the server; the
// failed-login throttle per account first (a colleague at the same address still signs in);
// reports over a day, week, month and chosen dates with exact numbers, "no data" for an empty
// period, CSV bytes of both dialects; the audit log on the office's clock (R-HIST-1).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "test_server.hpp"

using nlohmann::json;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;

namespace {

constexpr const char* kAdminPassword = "admin password 2026";
constexpr const char* kPassword = "desk password 2026";

struct Who {
  std::string cookie;
  std::string csrf;
  std::vector<std::string> headers() const {
    return {"Cookie: " + cookie, "X-CSRF-Token: " + csrf};
  }
};

class Admin : public ::testing::Test {
 protected:
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> http;
  Who admin;

  void SetUp() override {
    char tmpl[] = "/tmp/okno-admin-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const std::string cmd = std::string("OKNO_STAFF_PASSWORD='") + kAdminPassword + "' '" +
                            OKNO_SERVER_BINARY "' --db '" + (dir_ / "okno.db").string() +
                            "' --create-staff admin --role administrator > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    ServerProcessOptions options;
    options.database = dir_ / "okno.db";
    server = std::make_unique<ServerProcess>(options);
    ASSERT_TRUE(server->started());
    http = std::make_unique<HttpClient>(server->base_url());
    admin = sign_in("admin", kAdminPassword);
  }

  void TearDown() override {
    http.reset();
    server.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  HttpResponse try_sign_in(const std::string& login, const std::string& password) {
    return http->post("/api/v1/staff/login", json{{"login", login}, {"password", password}}.dump());
  }
  Who sign_in(const std::string& login, const std::string& password) {
    auto r = try_sign_in(login, password);
    EXPECT_EQ(r.status, 200) << login << " " << r.body;
    const std::string set = r.headers["set-cookie"];
    return Who{set.substr(0, set.find(';')), r.json().value("csrf_token", "")};
  }
  HttpResponse call(const Who& who, const std::string& method, const std::string& path,
                    const json& body = json::object()) {
    return http->request(method, path, method == "GET" ? "" : body.dump(), who.headers());
  }
  // A receptionist with the given desks of the demo office, created by the administrator.
  void add_receptionist(const std::string& login, const std::vector<std::string>& desks) {
    json list = json::array();
    for (const auto& d : desks) list.push_back({{"office", "demo"}, {"desk", d}});
    auto r = call(admin, "POST", "/api/v1/staff/accounts",
                  {{"login", login},
                   {"display_name", "Staff " + login},
                   {"role", "receptionist"},
                   {"password", kPassword},
                   {"desks", list}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["desks"], list);
  }
  void advance(int seconds) {
    auto r = http->post("/api/v1/_test/clock", json{{"advance_s", seconds}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  static std::string code(const HttpResponse& r) {
    auto j = r.json();
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
  std::string audit_count(const std::string& action, const std::string& target) {
    return sqlite_scalar(server->database(),
                         "SELECT COUNT(*) FROM staff_audit WHERE login = "
                         "'admin' AND action = '" +
                             action + "' AND target = '" + target + "'");
  }

 private:
  std::filesystem::path dir_;
};

TEST_F(Admin, AdministratorChangesRoleDisablesEnablesAndEveryActionIsAudited) {
  add_receptionist("desk.one", {"1"});
  Who desk = sign_in("desk.one", kPassword);
  // Role change: takes effect on the open session at once.
  auto r = call(admin, "PUT", "/api/v1/staff/accounts/desk.one/role", {{"role", "operator"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["role"], "operator");
  EXPECT_EQ(call(desk, "GET", "/api/v1/staff/me").json()["role"], "operator");
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/accounts/desk.one/role", {{"role", "root"}}).status,
            422);
  // Disabled: the session ends and the right password no longer opens it.
  r = call(admin, "POST", "/api/v1/staff/accounts/desk.one/disable");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["active"].get<bool>());
  EXPECT_EQ(call(desk, "GET", "/api/v1/staff/me").status, 401);
  EXPECT_EQ(try_sign_in("desk.one", kPassword).status, 401);
  r = call(admin, "POST", "/api/v1/staff/accounts/desk.one/enable");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["active"].get<bool>());
  sign_in("desk.one", kPassword);
  // Desks: replaced as a whole; an unknown desk or office is refused.
  r = call(admin, "PUT", "/api/v1/staff/accounts/desk.one/desks",
           {{"desks", {{{"office", "demo"}, {"desk", "2"}}, {{"office", "demo"}, {"desk", "3"}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["desks"].size(), 2u);
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/accounts/desk.one/desks",
                 {{"desks", {{{"office", "demo"}, {"desk", "99"}}}}})
                .status,
            404);
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/accounts/desk.one/desks", {{"desks", "1"}}).status,
            400);
  // An administrator may not disable or demote themselves; unknown accounts are 404.
  r = call(admin, "POST", "/api/v1/staff/accounts/admin/disable");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(code(r), "own_account");
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/accounts/admin/role", {{"role", "operator"}}).status,
            409);
  r = call(admin, "POST", "/api/v1/staff/accounts/nobody/unlock");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "account_not_found");
  // Only an administrator manages accounts.
  EXPECT_EQ(call(desk, "POST", "/api/v1/staff/accounts/admin/disable").status, 401);
  Who line = sign_in("desk.one", kPassword);
  EXPECT_EQ(call(line, "POST", "/api/v1/staff/accounts/admin/disable").status, 403);
  // Who, what and when: every action is a line of the staff audit log.
  for (const char* action :
       {"staff.create", "staff.role", "staff.disable", "staff.enable", "staff.desks"}) {
    EXPECT_EQ(audit_count(action, "account:desk.one"), "1") << action;
  }
  auto list = call(admin, "GET", "/api/v1/staff/accounts");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["accounts"].size(), 2u);
  EXPECT_EQ(list.body.find("argon2"), std::string::npos);
}

TEST_F(Admin, PasswordResetIsShownOnceAndMustBeChangedAtTheNextSignIn) {
  add_receptionist("desk.one", {"1"});
  Who before = sign_in("desk.one", kPassword);
  auto r = call(admin, "POST", "/api/v1/staff/accounts/desk.one/password");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string given = r.json()["password"];
  EXPECT_TRUE(r.json()["generated"].get<bool>());
  EXPECT_EQ(given.size(), 19u);  // xxxx-xxxx-xxxx-xxxx
  // The old session and the old password are gone.
  EXPECT_EQ(call(before, "GET", "/api/v1/staff/me").status, 401);
  EXPECT_EQ(try_sign_in("desk.one", kPassword).status, 401);
  // The new password signs in, but only to choose one's own.
  Who after = sign_in("desk.one", given);
  EXPECT_TRUE(call(after, "GET", "/api/v1/staff/me").json()["must_change_password"].get<bool>());
  r = call(after, "GET", "/api/v1/offices/demo/desks/1");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code(r), "change_password");
  EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
  auto page = http->get("/staff/desk", {"Cookie: " + after.cookie});
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.headers["location"], "/staff/password");
  // A wrong current password or a too short new one is refused, the right change accepted.
  EXPECT_EQ(call(after, "POST", "/api/v1/staff/password",
                 {{"current_password", "wrong wrong 1"}, {"password", "my own password 1"}})
                .status,
            422);
  EXPECT_EQ(call(after, "POST", "/api/v1/staff/password",
                 {{"current_password", given}, {"password", "short"}})
                .status,
            422);
  r = call(after, "POST", "/api/v1/staff/password",
           {{"current_password", given}, {"password", "my own password 1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(call(after, "GET", "/api/v1/offices/demo/desks/1").status, 200);
  EXPECT_EQ(try_sign_in("desk.one", given).status, 401);
  sign_in("desk.one", "my own password 1");
  // The administrator may set the password instead; it is then not echoed as generated.
  r = call(admin, "POST", "/api/v1/staff/accounts/desk.one/password",
           {{"password", "chosen by admin 7"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["generated"].get<bool>());
  EXPECT_EQ(call(admin, "POST", "/api/v1/staff/accounts/desk.one/password", {{"password", "short"}})
                .status,
            422);
  sign_in("desk.one", "chosen by admin 7");
  EXPECT_EQ(audit_count("staff.password_reset", "account:desk.one"), "2");
  // Never a password in the audit log.
  EXPECT_EQ(
      sqlite_scalar(server->database(), "SELECT COUNT(*) FROM staff_audit WHERE details LIKE '%" +
                                            given + "%' OR details LIKE '%chosen by admin%'"),
      "0");
}

TEST_F(Admin, ReceptionistWorksOnlyTheAssignedDesksUnlessTheOfficeAllowsAny) {
  add_receptionist("desk.one", {"1"});
  Who desk = sign_in("desk.one", kPassword);
  EXPECT_EQ(call(desk, "GET", "/api/v1/offices/demo/desks/1").status, 200);
  EXPECT_EQ(call(desk, "POST", "/api/v1/offices/demo/desks/1/call-next").status, 200);
  for (const char* path :
       {"/api/v1/offices/demo/desks/2/call-next", "/api/v1/offices/demo/desks/2/pause"}) {
    auto r = call(desk, "POST", path);
    EXPECT_EQ(r.status, 403) << path << " " << r.body;
    EXPECT_EQ(code(r), "desk_not_assigned");
    // In the request's language (Russian by default): says it is not their desk.
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("окно"), std::string::npos);
  }
  EXPECT_EQ(call(desk, "GET", "/api/v1/offices/demo/desks/2").status, 403);
  EXPECT_EQ(sqlite_scalar(server->database(),
                          "SELECT COUNT(*) FROM queue_desks WHERE desk = '2' "
                          "AND paused = 1"),
            "0");
  // The administrator works any desk; the office's setting opens every desk to receptionists.
  EXPECT_EQ(call(admin, "POST", "/api/v1/offices/demo/desks/2/call-next").status, 200);
  auto r = call(admin, "PUT", "/api/v1/staff/desk-rules/demo", {{"any_desk", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(call(desk, "POST", "/api/v1/offices/demo/desks/2/call-next").status, 200);
  auto rules = call(admin, "GET", "/api/v1/staff/desk-rules");
  ASSERT_EQ(rules.status, 200);
  EXPECT_EQ(rules.json()["offices"][0], (json{{"office", "demo"}, {"any_desk", true}}));
  ASSERT_EQ(call(admin, "PUT", "/api/v1/staff/desk-rules/demo", {{"any_desk", false}}).status, 200);
  EXPECT_EQ(call(desk, "POST", "/api/v1/offices/demo/desks/2/call-next").status, 403);
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/desk-rules/demo", {{"any_desk", "yes"}}).status, 400);
  EXPECT_EQ(call(admin, "PUT", "/api/v1/staff/desk-rules/nowhere", {{"any_desk", true}}).status,
            404);
  EXPECT_EQ(call(desk, "PUT", "/api/v1/staff/desk-rules/demo", {{"any_desk", true}}).status, 403);
  EXPECT_EQ(audit_count("staff.desk_rule", "office:demo"), "2");
}

TEST_F(Admin, OnePersonsWrongPasswordsNeverLockOutAColleagueAtTheSameAddress) {
  add_receptionist("desk.one", {"1"});
  add_receptionist("desk.two", {"2"});
  // desk.one mistypes until the account locks (10 failures, each after its delay).
  for (int i = 0; i < 10; ++i) {
    auto r = try_sign_in("desk.one", "wrong password " + std::to_string(i));
    EXPECT_EQ(r.status, 401) << i << " " << r.body;
    advance(61);
  }
  auto r = try_sign_in("desk.one", kPassword);
  EXPECT_EQ(r.status, 429) << "the attacked account is locked";
  // The colleague at the same address signs in at once.
  r = try_sign_in("desk.two", kPassword);
  EXPECT_EQ(r.status, 200) << r.body;
  // The administrator sees the lock and lifts it.
  auto list = call(admin, "GET", "/api/v1/staff/accounts").json()["accounts"];
  for (const auto& a : list) {
    if (a["login"] == "desk.one") {
      EXPECT_TRUE(a["locked_until"].is_string()) << a.dump();
    }
    if (a["login"] == "desk.two") {
      EXPECT_TRUE(a["locked_until"].is_null()) << a.dump();
    }
  }
  r = call(admin, "POST", "/api/v1/staff/accounts/desk.one/unlock");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["locked_until"].is_null());
  EXPECT_EQ(try_sign_in("desk.one", kPassword).status, 200);
  EXPECT_EQ(audit_count("staff.unlock", "account:desk.one"), "1");
}

// A known day: three passport tickets, two served by two employees, one still waiting; two
// feedback answers. Monday 30 November 2026 from 09:00 in Moscow (06:00Z).
class Reports : public Admin {
 protected:
  std::string first, second;

  void SetUp() override {
    Admin::SetUp();
    add_receptionist("anna", {"1"});
    add_receptionist("boris", {"2"});
    Who anna = sign_in("anna", kPassword);
    first = issue();
    advance(4 * 60);
    desk(anna, "1", "call-next");
    desk(anna, "1", "start");
    advance(10 * 60);
    desk(anna, "1", "finish");
    second = issue();  // 09:14
    advance(20 * 60);  // waits 20 minutes: past the 15-minute standard
    Who boris = sign_in("boris", kPassword);
    desk(boris, "2", "call-next");
    desk(boris, "2", "start");
    advance(6 * 60);
    desk(boris, "2", "finish");
    issue();  // 09:40, still waiting at the report
    advance(60);
    feedback(first, true, "satisfied", {{"waiting", 5}, {"staff", 4}}, "Спасибо; всё \"быстро\"");
    feedback(second, false, "not_satisfied", {{"waiting", 1}}, "=1+1 долго");
    admin = sign_in("admin", kAdminPassword);  // the first session has been idle for 41 minutes
  }
  std::string issue() {
    auto r = http->post("/api/v1/offices/demo/tickets", json{{"service", "passport"}}.dump(),
                        {server->kiosk_header()});  // from the registered kiosk
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("number", "");
  }
  void desk(const Who& who, const std::string& id, const std::string& action) {
    auto r = call(who, "POST", "/api/v1/offices/demo/desks/" + id + "/" + action);
    EXPECT_EQ(r.status, 200) << action << " " << r.body;
  }
  void feedback(const std::string& ticket, bool answer, const std::string& satisfaction,
                const json& federal, const std::string& comment) {
    auto r = http->post("/api/v1/feedback", json{{"office", "demo"},
                                                 {"ticket", ticket},
                                                 {"got_answer", answer},
                                                 {"satisfaction", satisfaction},
                                                 {"federal", federal},
                                                 {"comment", comment}}
                                                .dump());
    EXPECT_EQ(r.status, 201) << r.body;
  }
  json report(const std::string& query) {
    auto r = call(admin, "GET", "/api/v1/offices/demo/report?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    return r.json();
  }
};

TEST_F(Reports, ADayWeekMonthAndChosenDatesGiveTheExactFigures) {
  for (const char* q :
       {"period=day&day=2026-11-30", "period=week&day=2026-12-03", "period=month&day=2026-11-02",
        "period=custom&from=2026-11-29&to=2026-12-01"}) {
    SCOPED_TRACE(q);
    const json r = report(q);
    EXPECT_FALSE(r["empty"].get<bool>());
    const json& s = r["totals"];
    EXPECT_EQ(s["tickets"], 3);
    EXPECT_EQ(s["served"], 2);
    EXPECT_EQ(s["waiting"], 1);
    EXPECT_DOUBLE_EQ(s["avg_wait_min"].get<double>(), 12.0);    // (4 + 20) / 2
    EXPECT_DOUBLE_EQ(s["avg_service_min"].get<double>(), 8.0);  // (10 + 6) / 2
    EXPECT_DOUBLE_EQ(s["share_called_within_15_min"].get<double>(), 0.5);
    EXPECT_TRUE(s["share_booked_called_within_5_min"].is_null()) << "no booked visitor: no data";
    ASSERT_EQ(r["desks"].size(), 2u);
    EXPECT_EQ(r["desks"][0]["key"], "1");
    EXPECT_EQ(r["desks"][0]["served"], 1);
    EXPECT_DOUBLE_EQ(r["desks"][0]["avg_service_min"].get<double>(), 10.0);
    EXPECT_DOUBLE_EQ(r["desks"][0]["share_called_within_15_min"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(r["desks"][1]["share_called_within_15_min"].get<double>(), 0.0);
    ASSERT_EQ(r["employees"].size(), 3u);
    EXPECT_EQ(r["employees"][0]["key"], "");  // the waiting ticket: nobody worked it yet
    EXPECT_EQ(r["employees"][1]["key"], "anna");
    EXPECT_EQ(r["employees"][1]["name"], "Staff anna");
    EXPECT_EQ(r["employees"][1]["served"], 1);
    EXPECT_EQ(r["employees"][2]["key"], "boris");
    EXPECT_DOUBLE_EQ(r["employees"][2]["avg_wait_min"].get<double>(), 20.0);
    const json& f = r["feedback"];
    EXPECT_EQ(f["responses"], 2);
    EXPECT_EQ(f["got_answer"], (json{{"yes", 1}, {"no", 1}}));
    EXPECT_DOUBLE_EQ(f["share_satisfied"].get<double>(), 0.5);
    EXPECT_EQ(f["federal"][1]["criterion"], "waiting");
    EXPECT_EQ(f["federal"][1]["count"], 2);
    EXPECT_DOUBLE_EQ(f["federal"][1]["average"].get<double>(), 3.0);
    EXPECT_DOUBLE_EQ(f["federal"][2]["average"].get<double>(), 4.0);
    EXPECT_TRUE(f["federal"][0]["average"].is_null());
    ASSERT_EQ(f["comments"].size(), 2u);
    EXPECT_EQ(f["comments"][0]["comment"], "Спасибо; всё \"быстро\"");
    EXPECT_EQ(f["comments"][0]["ticket"], first);
  }
  const json week = report("period=week&day=2026-12-03");
  EXPECT_EQ(week["from"], "2026-11-30");
  EXPECT_EQ(week["to"], "2026-12-06");
  EXPECT_EQ(week["days"].size(), 7u);
  EXPECT_EQ(week["days"][0]["tickets"], 3);
  EXPECT_TRUE(week["days"][1]["share_called_within_15_min"].is_null());
  EXPECT_EQ(report("period=month&day=2026-11-02")["days"].size(), 30u);
}

TEST_F(Reports, AnEmptyPeriodIsNoDataNeverAHundredPercent) {
  const json r = report("period=day&day=2026-12-01");
  EXPECT_TRUE(r["empty"].get<bool>());
  EXPECT_EQ(r["totals"]["tickets"], 0);
  for (const char* k : {"avg_wait_min", "avg_service_min", "share_called_within_15_min",
                        "share_booked_called_within_5_min"}) {
    EXPECT_TRUE(r["totals"][k].is_null()) << k;
  }
  EXPECT_TRUE(r["feedback"]["share_satisfied"].is_null());
  EXPECT_TRUE(r["feedback"]["share_got_answer"].is_null());
  EXPECT_EQ(r["feedback"]["responses"], 0);
  // Bad periods are a clear 4xx.
  auto bad =
      call(admin, "GET", "/api/v1/offices/demo/report?period=custom&from=2026-12-02&to=2026-12-01");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(code(bad), "invalid_range");
  EXPECT_EQ(call(admin, "GET", "/api/v1/offices/demo/report?period=year").status, 422);
  EXPECT_EQ(call(admin, "GET", "/api/v1/offices/demo/report?period=custom&from=2026-12-01").status,
            400);
  EXPECT_EQ(call(admin, "GET", "/api/v1/offices/demo/report?day=30.11.2026").status, 422);
  EXPECT_EQ(call(admin, "GET", "/api/v1/offices/nowhere/report").status, 404);
  Who anna = sign_in("anna", kPassword);
  EXPECT_EQ(call(anna, "GET", "/api/v1/offices/demo/report").status, 403);
}

TEST_F(Reports, CsvForRussianExcelHasBomSemicolonsDecimalCommasAndQuotedFields) {
  auto excel =
      call(admin, "GET", "/api/v1/offices/demo/report.csv?period=day&day=2026-11-30&dialect=excel");
  ASSERT_EQ(excel.status, 200) << excel.body;
  EXPECT_EQ(excel.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(
      excel.headers["content-disposition"].find("report-demo-2026-11-30-2026-11-30-excel.csv"),
      std::string::npos);
  const std::string& b = excel.body;
  ASSERT_GE(b.size(), 3u);
  EXPECT_EQ(b.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(b.substr(3, b.find("\r\n") - 3),
            "section;key;name;tickets;served;no_shows;cancelled;waiting;avg_wait_min;"
            "avg_service_min;called_within_15_min_pct;booked_called_within_5_min_pct;"
            "desk_load_pct");
  EXPECT_NE(b.find("\r\noffice;;;3;2;0;0;1;12;8;50;;\r\n"), std::string::npos) << b;
  // 10 of the day's 495 open minutes (09:00-18:00 without the 45-minute break): 2,0 %.
  EXPECT_NE(b.find("\r\ndesk;1;Окно 1;1;1;0;0;0;4;10;100;;2\r\n"), std::string::npos) << b;
  EXPECT_NE(b.find(";\"Спасибо; всё \"\"быстро\"\"\"\r\n"), std::string::npos) << b;
  EXPECT_NE(b.find(";'=1+1 долго\r\n"), std::string::npos) << "a formula is shown, not run";
  EXPECT_NE(b.find("\r\nfederal.waiting;;2;;3\r\n"), std::string::npos) << b;

  auto plain = call(admin, "GET", "/api/v1/offices/demo/report.csv?period=day&day=2026-11-30");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.substr(0, 8), "section,");
  EXPECT_NE(plain.body.find("\r\noffice,,,3,2,0,0,1,12,8,50,,\r\n"), std::string::npos);
  EXPECT_NE(plain.body.find(",\"Спасибо; всё \"\"быстро\"\"\"\r\n"), std::string::npos)
      << "plain CSV quotes a field with quotes";
  EXPECT_EQ(call(admin, "GET", "/api/v1/offices/demo/report.csv?dialect=word").status, 422);
  auto empty = call(admin, "GET", "/api/v1/offices/demo/report.csv?day=2026-12-01");
  EXPECT_NE(empty.body.find("\r\noffice,,,0,0,0,0,0,,,,,\r\n"), std::string::npos) << empty.body;
}

TEST_F(Reports, TheAuditLogOfAPeriodIsOnTheOfficesClock) {
  auto r =
      call(admin, "GET", "/api/v1/staff/audit?office=demo&period=day&day=2026-11-30&limit=500");
  ASSERT_EQ(r.status, 200) << r.body;
  const json entries = r.json()["entries"];
  ASSERT_FALSE(entries.empty());
  bool found = false;
  for (const auto& e : entries) {
    if (e["action"] == "staff.create" && e["target"] == "account:anna") {
      found = true;
      EXPECT_EQ(e["at"], "2026-11-30T06:00:00Z");
      EXPECT_EQ(e["at_local"], "2026-11-30T09:00:00+03:00");
      EXPECT_EQ(e["login"], "admin");
    }
  }
  EXPECT_TRUE(found) << r.body;
  EXPECT_LE(entries.front()["at"].get<std::string>(), entries.back()["at"].get<std::string>());
  auto next_day = call(admin, "GET", "/api/v1/staff/audit?office=demo&period=day&day=2026-12-01");
  EXPECT_EQ(next_day.json()["entries"].size(), 0u);
  EXPECT_EQ(call(admin, "GET", "/api/v1/staff/audit?from=2026-11-30").status, 400);
}

}  // namespace
