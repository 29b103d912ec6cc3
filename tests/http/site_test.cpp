// The public site's security and plain-words behaviour (issue 12; docs/site.md), against a real
// okno-server on loopback with libcurl as the browser: every form refuses a POST without the
// browser's CSRF token and stores nothing; what a client typed comes back inert; booking codes
// cannot be enumerated through the manage page (a wrong code, a wrong contact and a wrong
// secret answer alike and count alike, then 429); the security headers on every page; no
// personal data in redirects or logs; the links' key survives a restart; the language comes
// from ?lang=, the cookie, then Accept-Language; bad input is a 4xx page, never a 500.
// Rules served: R-VISIT-1, R-VISIT-2, R-VISIT-6, R-VISIT-11, R-CHAN-3.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_server.hpp"

using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;

namespace {

std::string form_escape(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + form_escape(v);
  return out;
}

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  const std::regex re(pattern);
  return std::regex_search(text, m, re) ? m[1].str() : std::string();
}

// A browser on the site: one connection and the CSRF cookie it was given.
struct Browser {
  HttpClient http;
  std::string csrf;
  explicit Browser(const std::string& url) : http(url) {}

  std::vector<std::string> cookie() const {
    return csrf.empty() ? std::vector<std::string>{}
                        : std::vector<std::string>{"Cookie: okno_site_csrf=" + csrf};
  }
  HttpResponse get(const std::string& path, std::vector<std::string> headers = {}) {
    for (auto& c : cookie()) headers.push_back(c);
    auto r = http.get(path, headers);
    const std::string set = r.headers["set-cookie"];
    if (auto v = first_match(set, "okno_site_csrf=([A-Za-z0-9_-]+)"); !v.empty()) csrf = v;
    if (auto v = first_match(r.body, "name=\"csrf\" value=\"([A-Za-z0-9_-]+)\""); !v.empty())
      csrf = v;
    return r;
  }
  HttpResponse post(const std::string& path, std::vector<std::pair<std::string, std::string>> f,
                    bool with_token = true, bool with_cookie = true) {
    if (with_token) f.emplace_back("csrf", csrf);
    std::vector<std::string> headers = {"Content-Type: application/x-www-form-urlencoded"};
    if (with_cookie) {
      for (auto& c : cookie()) headers.push_back(c);
    }
    return http.post(path, form(f), headers);
  }
};

// The details a client types (phone written as people do).
std::vector<std::pair<std::string, std::string>> details(const std::string& name = "Иван Петров") {
  return {{"lang", "ru"},
          {"name", name},
          {"phone", "8 (999) 123-45-67"},
          {"email", "ivan@example.org"},
          {"channel", "sms"},
          {"channel", "email"},
          {"reminder", "24h"},
          {"need", "wheelchair"}};
}

// The server's log of one test (every request is logged at debug level).
std::filesystem::path fresh_log_path() {
  static int n = 0;
  return std::filesystem::temp_directory_path() /
         ("okno-site-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".log");
}

struct Site : ::testing::Test {
  std::filesystem::path log_path = fresh_log_path();
  ServerProcess server;
  Browser browser{server.base_url()};

  Site() : server(options(log_path)) {}
  ~Site() override {
    std::error_code ec;
    std::filesystem::remove(log_path, ec);
  }
  static ServerProcessOptions options(const std::filesystem::path& log) {
    ServerProcessOptions o;
    o.log_file = log;
    o.extra_args = {"--log-level", "debug"};
    return o;
  }
  std::string bookings_count() {
    return sqlite_scalar(server.database(), "SELECT count(*) FROM bookings");
  }
  // The first free time of the passport service, as its details page path.
  std::string first_time_path(const std::string& day = "") {
    auto r = browser.get("/book/demo/passport?lang=ru" + (day.empty() ? "" : "&day=" + day));
    EXPECT_EQ(r.status, 200);
    std::string path = first_match(r.body, "href=\"(/book/demo/passport/details\\?start=[0-9]+)");
    EXPECT_FALSE(path.empty()) << r.body.substr(0, 2000);
    return path;
  }
  // Books through the site's forms; answers the booking page's location.
  std::string book(const std::string& name = "Иван Петров", const std::string& day = "") {
    const std::string details_path = first_time_path(day);
    browser.get(details_path + "&lang=ru");
    auto consent = browser.post(details_path, details(name));
    EXPECT_EQ(consent.status, 200) << consent.body.substr(0, 3000);
    const std::string idem = first_match(consent.body, "name=\"idem\" value=\"([A-Za-z0-9_-]+)\"");
    const std::string confirm =
        std::regex_replace(details_path, std::regex("/details"), "/confirm");
    auto f = details(name);
    f.emplace_back("consent", "pd-2025-09");
    f.emplace_back("idem", idem);
    auto done = browser.post(confirm, f);
    EXPECT_EQ(done.status, 303) << done.body.substr(0, 3000);
    return done.headers["location"];
  }
};

TEST_F(Site, R_VISIT_1_BookingThroughTheFormsOnceEvenWhenTheConfirmationIsSentTwice) {
  const std::string details_path = first_time_path();
  browser.get(details_path + "&lang=ru");
  auto consent = browser.post(details_path, details());
  ASSERT_EQ(consent.status, 200);
  // 152-FZ: the consent is its own step, with its text's version; nothing is stored before it.
  EXPECT_NE(consent.body.find("pd-2025-09"), std::string::npos);
  EXPECT_EQ(bookings_count(), "0");
  const std::string idem = first_match(consent.body, "name=\"idem\" value=\"([A-Za-z0-9_-]+)\"");
  const std::string confirm = std::regex_replace(details_path, std::regex("/details"), "/confirm");
  auto f = details();
  f.emplace_back("idem", idem);
  // Without the tick: the consent page again, with the rule's words, and nothing stored.
  auto refused = browser.post(confirm, f);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(bookings_count(), "0");
  f.emplace_back("consent", "pd-2025-09");
  auto first = browser.post(confirm, f);
  auto second = browser.post(confirm, f);  // a double click, a reload
  ASSERT_EQ(first.status, 303);
  ASSERT_EQ(second.status, 303);
  EXPECT_EQ(first.headers["location"], second.headers["location"]);
  EXPECT_EQ(bookings_count(), "1");
  // No personal data in the address: the code, its secret, and the page's flags only.
  const std::string location = first.headers["location"];
  EXPECT_TRUE(std::regex_match(
      location, std::regex("/booking/[A-Z0-9-]+\\?t=[A-Za-z0-9_-]{20}&new=1&lang=ru")))
      << location;
  auto page = browser.get(location);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Вы записаны"), std::string::npos);
  EXPECT_NE(page.body.find("Иван Петров"), std::string::npos);
  // The phone as stored (E.164) was taken from "8 (999) 123-45-67".
  EXPECT_EQ(sqlite_scalar(server.database(),
                          "SELECT count(*) FROM bookings WHERE client_phone = '+79991234567'"),
            "1");
}

TEST_F(Site, R_CHAN_1_R_VISIT_3_ChannelsAndRemindersChangedFromTheBookingPage) {
  // SMS and e-mail, the 24 h reminder; booked on Monday 09:00 for Wednesday 09:00.
  const std::string location = book("Иван Петров", "2026-12-02");
  const std::string code = first_match(location, "/booking/([A-Z0-9-]+)");
  const std::string secret = first_match(location, "t=([A-Za-z0-9_-]+)");
  auto pending = [&](const std::string& where) {
    return sqlite_scalar(server.database(),
                         "SELECT count(*) FROM outbox WHERE booking_code = '" + code +
                             "' AND status = 'pending' AND kind LIKE 'reminder%'" + where);
  };
  EXPECT_EQ(pending(""), "2");  // the 24 h reminder on SMS and on e-mail
  auto form_page = browser.get("/booking/" + code + "/notify?t=" + secret + "&lang=ru");
  ASSERT_EQ(form_page.status, 200);
  EXPECT_NE(form_page.body.find("id=\"channel-sms\" name=\"channel\" value=\"sms\" checked"),
            std::string::npos);
  // A reminder with no channel to send it on: the form again, the reason next to the field.
  auto refused = browser.post("/booking/" + code + "/notify",
                              {{"lang", "ru"}, {"t", secret}, {"reminder", "2h"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"reminder-error\""), std::string::npos);
  // E-mail only, two hours before: stored, in the history, and the reminder queued on e-mail.
  auto changed =
      browser.post("/booking/" + code + "/notify",
                   {{"lang", "ru"}, {"t", secret}, {"channel", "email"}, {"reminder", "2h"}});
  ASSERT_EQ(changed.status, 303) << changed.body.substr(0, 2000);
  EXPECT_NE(changed.headers["location"].find("done=notify"), std::string::npos);
  EXPECT_EQ(sqlite_scalar(server.database(),
                          "SELECT notify_extra || '|' || reminders FROM bookings WHERE code = '" +
                              code + "'"),
            "email|2h");
  EXPECT_EQ(sqlite_scalar(server.database(), "SELECT count(*) FROM events WHERE booking_code = '" +
                                                 code + "' AND kind = 'notifications_changed'"),
            "1");
  EXPECT_EQ(pending(""), "1");  // the 24 h ones were replaced
  EXPECT_EQ(pending(" AND channel = 'email' AND kind = 'reminder_2h'"), "1");
  auto page = browser.get(changed.headers["location"]);
  EXPECT_NE(page.body.find("Способы уведомления изменены"), std::string::npos);
  // The wrong secret changes nothing.
  EXPECT_EQ(browser
                .post("/booking/" + code + "/notify",
                      {{"lang", "ru"}, {"t", "AAAAAAAAAAAAAAAAAAAA"}, {"channel", "sms"}})
                .status,
            404);
  EXPECT_EQ(sqlite_scalar(server.database(),
                          "SELECT notify_extra FROM bookings WHERE code = '" + code + "'"),
            "email");
}

TEST_F(Site, CsrfEveryFormRefusesAPostWithoutTheBrowsersTokenAndStoresNothing) {
  const std::string location = book();
  const std::string code = first_match(location, "/booking/([A-Z0-9-]+)");
  const std::string secret = first_match(location, "t=([A-Za-z0-9_-]+)");
  const std::string details_path = first_time_path();
  const std::string confirm = std::regex_replace(details_path, std::regex("/details"), "/confirm");
  auto f = details("Другой Клиент");
  f.emplace_back("consent", "pd-2025-09");
  f.emplace_back("idem", "csrf-test-idem-key-1");
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>
      forms = {
          {details_path, details()},
          {confirm, f},
          {"/booking", {{"code", code}, {"contact", "+79991234567"}}},
          {"/booking/" + code + "/cancel", {{"t", secret}}},
          {"/booking/" + code + "/move", {{"t", secret}, {"start", "1796284800"}}},
          {"/booking/" + code + "/notify", {{"t", secret}, {"channel", "email"}}},
          {"/survey/" + code,
           {{"t", secret}, {"got_answer", "yes"}, {"satisfaction", "satisfied"}}},
      };
  const std::string before = bookings_count();
  for (const auto& [path, fields] : forms) {
    SCOPED_TRACE(path);
    // No token in the form; a cookie but a wrong field; a field without its cookie (another site).
    EXPECT_EQ(browser.post(path, fields, false, true).status, 403);
    auto wrong = fields;
    wrong.emplace_back("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_EQ(browser.post(path, wrong, false, true).status, 403);
    auto no_cookie = browser.post(path, fields, true, false);
    EXPECT_EQ(no_cookie.status, 403);
    EXPECT_NE(no_cookie.body.find("Ничего не сохранено"), std::string::npos);
  }
  EXPECT_EQ(bookings_count(), before);
  EXPECT_EQ(
      sqlite_scalar(server.database(), "SELECT status FROM bookings WHERE code = '" + code + "'"),
      "booked");
  EXPECT_EQ(sqlite_scalar(server.database(), "SELECT count(*) FROM feedback"), "0");
}

TEST_F(Site, WhatTheClientTypedComesBackInert) {
  const std::string evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
  const std::string details_path = first_time_path();
  browser.get(details_path + "&lang=ru");
  // A form error shows the typed value again: escaped in the attribute.
  auto f = details(evil);
  f[2].second = "12";  // a wrong phone
  auto again = browser.post(details_path, f);
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(again.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(again.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"), std::string::npos);
  // R-CHAN-3: the field and why, in the page's language, what was typed kept.
  EXPECT_NE(again.body.find("id=\"phone-error\""), std::string::npos);
  EXPECT_NE(again.body.find("Номер телефона"), std::string::npos) << again.body.substr(0, 4000);
  EXPECT_NE(again.body.find("value=\"12\" aria-invalid=\"true\""), std::string::npos);
  // Booked with that name, the booking page shows it as text.
  auto page = browser.get(book(evil));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(Site, R_VISIT_6_CodesCannotBeEnumeratedThroughTheManagePage) {
  const std::string location = book();
  const std::string code = first_match(location, "/booking/([A-Z0-9-]+)");
  browser.get("/booking?lang=ru");
  // The right code with its contact opens the booking; lower case and a phone as typed too.
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ok =
      browser.post("/booking", {{"lang", "ru"}, {"code", lower}, {"contact", "+7 999 123 45 67"}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(ok.headers["location"], std::regex_replace(location, std::regex("&new=1"), ""));
  auto by_email =
      browser.post("/booking", {{"lang", "ru"}, {"code", code}, {"contact", "IVAN@example.org"}});
  EXPECT_EQ(by_email.status, 303);
  // A wrong code, the right code with a wrong phone, a wrong secret: the same page, word for word.
  auto wrong_code = browser.post(
      "/booking", {{"lang", "ru"}, {"code", "AAAAA-AAAAA"}, {"contact", "+79991234567"}});
  auto wrong_contact =
      browser.post("/booking", {{"lang", "ru"}, {"code", code}, {"contact", "+79990000000"}});
  auto wrong_secret = browser.get("/booking/" + code + "?t=AAAAAAAAAAAAAAAAAAAA&lang=ru");
  EXPECT_EQ(wrong_code.status, 404);
  EXPECT_EQ(wrong_contact.status, 404);
  EXPECT_EQ(wrong_secret.status, 404);
  auto main_of = [](const std::string& html) {
    return first_match(html, "(<main[\\s\\S]*</main>)");
  };
  EXPECT_FALSE(main_of(wrong_code.body).empty());
  EXPECT_EQ(main_of(wrong_code.body), main_of(wrong_contact.body));
  EXPECT_EQ(main_of(wrong_code.body), main_of(wrong_secret.body));
  // Five wrong tries are free (limits.toml), then the address waits: 429 with Retry-After,
  // also for the right code and contact, so guessing gains nothing.
  bool throttled = false;
  for (int i = 0; i < 6 && !throttled; ++i) {
    auto r = browser.post(
        "/booking",
        {{"lang", "ru"}, {"code", "BBBBB-BBBB" + std::to_string(i)}, {"contact", "+79991234567"}});
    if (r.status == 429) {
      throttled = true;
      EXPECT_FALSE(r.headers["retry-after"].empty());
      EXPECT_NE(r.body.find("Слишком много попыток"), std::string::npos);
    } else {
      EXPECT_EQ(r.status, 404);
    }
  }
  EXPECT_TRUE(throttled);
  EXPECT_EQ(browser.post("/booking", {{"lang", "ru"}, {"code", code}, {"contact", "+79991234567"}})
                .status,
            429);
  EXPECT_EQ(browser.get(location).status, 429);
}

TEST_F(Site, SecurityHeadersOnEveryPageAndNoInlineScript) {
  const std::string location = book();
  const std::string code = first_match(location, "/booking/([A-Z0-9-]+)");
  const std::string secret = first_match(location, "t=([A-Za-z0-9_-]+)");
  const std::vector<std::string> pages = {"/book/demo?lang=en",
                                          "/book/demo/passport?lang=en",
                                          first_time_path() + "&lang=en",
                                          "/booking?lang=en",
                                          location,
                                          "/booking/" + code + "/cancel?t=" + secret,
                                          "/booking/" + code + "/move?t=" + secret,
                                          "/offices?lang=en",
                                          "/offices/demo?lang=en",
                                          "/book/nowhere?lang=en"};
  for (const auto& path : pages) {
    SCOPED_TRACE(path);
    auto r = browser.get(path);
    EXPECT_TRUE(r.status == 200 || r.status == 404) << r.status;
    const std::string csp = r.headers["content-security-policy"];
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(r.headers["x-frame-options"], "DENY");
    EXPECT_EQ(r.headers["referrer-policy"], "no-referrer");
    EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
    // Scripts only from this site's file; no handlers in attributes.
    EXPECT_EQ(std::regex_search(r.body, std::regex("<script(?![^>]*\\bsrc=)")), false);
    EXPECT_EQ(std::regex_search(r.body, std::regex("\\son[a-z]+=\"")), false);
    // R-VISIT-11: a language switch on every page, Russian first.
    EXPECT_NE(r.body.find("hreflang=\"ru\""), std::string::npos);
    EXPECT_LT(r.body.find("hreflang=\"ru\""), r.body.find("hreflang=\"en\""));
    // Fast on a phone: the page with its styles and script under 100 KB.
    EXPECT_LT(r.body.size() + browser.get("/site/assets/site.css").body.size() +
                  browser.get("/site/assets/site.js").body.size(),
              100u * 1024u);
  }
  // The CSRF cookie is HttpOnly and SameSite.
  Browser fresh(server.base_url());
  auto first = fresh.http.get("/book/demo");
  EXPECT_NE(first.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  EXPECT_NE(first.headers["set-cookie"].find("SameSite=Lax"), std::string::npos);
}

TEST_F(Site, NoPersonalDataInTheLogAndLinksSurviveARestart) {
  const std::string location = book("Аглая Неповторимая");
  const std::string code = first_match(location, "/booking/([A-Z0-9-]+)");
  ASSERT_EQ(browser.get(location).status, 200);
  // The links' key lives beside the database, readable by the server's user only.
  const auto key_file = std::filesystem::path(server.database().string() + ".link-key");
  ASSERT_TRUE(std::filesystem::exists(key_file));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string secret = first_match(location, "t=([A-Za-z0-9_-]+)");
  ASSERT_EQ(browser.post("/booking/" + code + "/cancel", {{"lang", "ru"}, {"t", secret}}).status,
            303);
  ASSERT_TRUE(server.restart());  // the first run's log is complete once it stopped
  Browser again(server.base_url());
  EXPECT_EQ(again.get(location).status, 200);  // a link sent yesterday still opens
  std::ifstream in(log_path);
  std::stringstream log;
  log << in.rdbuf();
  const std::string text = log.str();
  ASSERT_NE(text.find("/booking/"), std::string::npos) << "the requests are in the log";
  for (const std::string& secret_text :
       {std::string("Аглая"), std::string("+79991234567"), std::string("999"),
        std::string("ivan@example.org"), code, secret}) {
    EXPECT_EQ(text.find(secret_text), std::string::npos) << secret_text;
  }
}

TEST_F(Site, R_VISIT_11_LanguageFromTheQueryThenTheCookieThenTheBrowser) {
  auto kk = browser.get("/book/demo", {"Accept-Language: kk-KZ,kk;q=0.9,ru;q=0.5"});
  EXPECT_NE(kk.body.find("<html lang=\"kk\">"), std::string::npos);
  auto hy = browser.get("/book/demo?lang=hy");
  EXPECT_NE(hy.body.find("<html lang=\"hy\">"), std::string::npos);
  EXPECT_NE(hy.headers["set-cookie"].find("okno_site_lang=hy"), std::string::npos);
  auto remembered = browser.get("/book/demo", {"Cookie: okno_site_lang=hy", "Accept-Language: en"});
  EXPECT_NE(remembered.body.find("<html lang=\"hy\">"), std::string::npos);
  auto unknown = browser.get("/book/demo?lang=xx", {"Accept-Language: be"});
  EXPECT_NE(unknown.body.find("<html lang=\"be\">"), std::string::npos);
  // R-VISIT-2 / R-VISIT-7: Saturday is offered (the demo office works Saturdays 10-14), named.
  auto en = browser.get("/book/demo/passport?lang=en");
  EXPECT_NE(en.body.find("Saturday, 05.12.2026"), std::string::npos);
  auto ru = browser.get("/book/demo/passport?lang=ru");
  EXPECT_NE(ru.body.find("суббота, 05.12.2026"), std::string::npos);
  EXPECT_EQ(ru.body.find("воскресенье, 06.12.2026"), std::string::npos);  // closed on Sundays
}

TEST_F(Site, R_CHAN_3_BadInputIsAPageInPlainWordsNeverA500) {
  const std::vector<std::pair<std::string, long>> cases = {
      {"/book/nowhere?lang=en", 404},
      {"/book/demo/nothing?lang=en", 404},
      {"/book/demo/passport/details?start=abc&lang=en", 404},
      {"/book/demo/passport/details?start=-5&lang=en", 404},
      {"/book/demo/passport/details?start=1796284801&lang=en", 409},  // not a slot's start
      {"/book/demo/passport/details?start=1000000000&lang=en", 409},  // long past
      {"/book/demo/passport?day=2099-99-99&lang=en", 200},            // ignored: the first day
      {"/booking/AAAAA-AAAAA?lang=en", 404},
      {"/survey/AAAAA-AAAAA?t=x&lang=en", 404},
      {"/offices/nowhere?lang=en", 404},
      {"/view?set=L1&back=https://evil.example/", 303},
  };
  for (const auto& [path, status] : cases) {
    SCOPED_TRACE(path);
    auto r = browser.get(path);
    EXPECT_EQ(r.status, status);
    if (status != 303) {
      EXPECT_NE(r.body.find("<html lang=\"en\">"), std::string::npos);
    } else {
      EXPECT_EQ(r.headers["location"].rfind("/book", 0), 0u) << r.headers["location"];
    }
  }
  // A time someone else took meanwhile: the refusal says so and leads back to the times.
  const std::string path = first_time_path();
  browser.get(path + "&lang=ru");
  auto consent = browser.post(path, details());
  ASSERT_EQ(consent.status, 200);
  const long long start = std::stoll(first_match(path, "start=([0-9]+)"));
  const std::time_t t = static_cast<std::time_t>(start);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &utc);
  HttpClient api(server.base_url());
  for (int i = 0; i < 2; ++i) {  // the passport service has two places per slot
    auto body = okno::testing::booking_body(iso);
    body["client"]["phone"] = "+7999000000" + std::to_string(i);
    body["client"]["email"] = "other" + std::to_string(i) + "@example.org";
    ASSERT_EQ(api.post("/api/v1/bookings", body.dump(), {"Content-Type: application/json"}).status,
              201);
  }
  auto f = details();
  f.emplace_back("consent", "pd-2025-09");
  f.emplace_back("idem", "slot-taken-idem-key");
  auto taken = browser.post(std::regex_replace(path, std::regex("/details"), "/confirm"), f);
  EXPECT_EQ(taken.status, 409);
  EXPECT_NE(taken.body.find("Выбрать другое время"), std::string::npos);
  EXPECT_NE(taken.body.find("href=\"/book/demo/passport?lang=ru\""), std::string::npos);
  EXPECT_EQ(bookings_count(), "2");
}

}  // namespace
