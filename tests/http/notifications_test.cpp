// Notifications end to end (issue 3): a real okno-server with the dispatcher on, a real SMTP
// server (python3-aiosmtpd) and an HTTP stand-in for the SMS gateway and the portal, all on
// loopback. The tests read what arrived: recipients, language, local time, the .ics, the HMAC
// signature; they move the server's clock to see reminders come once each, and take the SMTP
// server away and the okno-server down hard to see that nothing is lost or sent twice.
#include <signal.h>
#include <sodium.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ical/itip_check.hpp"
#include "notify_fakes.hpp"
#include "test_server.hpp"

namespace okno::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kToken = "staff-test-token";
constexpr const char* kSecret = "portal-shared-secret";
// Friday 27 November 2026, 09:00 in Moscow; the visit is on Tuesday 1 December at 09:00.
constexpr const char* kNow = "2026-11-27T06:00:00Z";
constexpr const char* kStart = "2026-12-01T09:00:00+03:00";

std::string hmac_hex(const std::string& key, const std::string& body) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

class Notifications : public ::testing::Test {
 protected:
  void SetUp() override { start_server(); }

  void start_server(double smtp_delay = 0.0, int workers = 2) {
    if (smtp_delay > 0) smtp = std::make_unique<SmtpSink>(smtp_delay);
    char tmpl[] = "/tmp/okno-notify-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    config = dir / "notify.toml";
    std::ofstream(config) << "[notify]\n"
                          << "poll_ms = 50\nworkers = " << workers << "\nbatch = 16\n"
                          << "manage_url = \"https://okno.test/b/{code}?lang={lang}\"\n"
                          << "survey_url = \"https://okno.test/survey/{code}?lang={lang}\"\n"
                          << "[retry]\ninitial_s = 60\nfactor = 2.0\nmax_s = 3600\n"
                          << "deadline_s = 86400\n"
                          << "[email]\nurl = \"" << smtp->url() << "\"\n"
                          << "from = \"okno@agency.test\"\nfrom_name = \"Ведомство\"\n"
                          << "message_id_domain = \"okno.test\"\ntimeout_s = 5\n"
                          << "[sms]\nurl = \"" << gateway.sms_url() << "\"\napi_id = \"KEY-1\"\n"
                          << "[portal]\nurl = \"" << gateway.portal_url() << "\"\n"
                          << "secret = \"" << kSecret << "\"\n"
                          << "[admin]\ntoken = \"" << kToken << "\"\n";
    ServerProcessOptions o;
    o.fake_now = kNow;
    o.rate_limits = rate_limits;
    o.extra_args = {"--notify-config", config.string()};
    server = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server->started());
    client = std::make_unique<HttpClient>(server->base_url());
  }

  void TearDown() override {
    // Every calendar file attached to an e-mail passes libical's iTIP (RFC 5546) check.
    for (const auto& m : smtp->messages()) {
      if (m.ics.empty()) continue;
      const auto problems = okno::testing::itip_problems(m.ics);
      EXPECT_TRUE(problems.empty()) << m.subject << ": " << ::testing::PrintToString(problems);
    }
    server.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  std::string book(json body) {
    auto r = client->post("/api/v1/bookings", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("code", "");
  }

  json body(const std::vector<std::string>& extra, const std::string& language = "ru",
            const std::string& start = kStart) {
    json b = booking_body(start);
    b["notify"]["extra"] = extra;
    b["language"] = language;
    return b;
  }

  void set_clock(const std::string& iso) {
    auto r = client->post("/api/v1/_test/clock", json{{"now", iso}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }

  json outbox(const std::string& query) {
    auto r =
        client->get("/api/v1/outbox?" + query, {std::string("Authorization: Bearer ") + kToken});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["messages"];
  }

  // Kinds of the mails that reached the SMTP server for a booking code, in arrival order.
  std::vector<std::string> mail_subjects_for(const std::string& code) {
    std::vector<std::string> out;
    for (const auto& m : smtp->messages()) {
      if (m.text.find(code) != std::string::npos) out.push_back(m.subject);
    }
    return out;
  }

  size_t portal_count(const std::string& code, const std::string& kind) {
    size_t n = 0;
    for (const auto& r : gateway.portal()) {
      auto doc = json::parse(r.body, nullptr, false);
      if (doc.value("booking_code", "") == code && doc.value("kind", "") == kind) ++n;
    }
    return n;
  }

  // Waits a little longer than several dispatcher polls, for "nothing more arrives" checks.
  static void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(400)); }

  std::unique_ptr<SmtpSink> smtp = std::make_unique<SmtpSink>();
  FakeGateway gateway;
  std::filesystem::path dir;
  std::filesystem::path config;
  std::unique_ptr<ServerProcess> server;
  bool rate_limits = true;  // off for a batch of bookings for one contact (docs/security.md)
  std::unique_ptr<HttpClient> client;
};

// ---- what arrives, where (must-show 1) ----

TEST_F(Notifications, R_CHAN_2_ConfirmationArrivesOnTheMandatoryChannelAndEachExtra) {
  const std::string code = book(body({"email", "sms"}, "en"));
  ASSERT_FALSE(code.empty());
  ASSERT_TRUE(wait_for(
      [&] { return smtp->count() >= 1 && !gateway.sms().empty() && !gateway.portal().empty(); }));

  // E-mail: to the client's address, in English, the visit in Moscow time, the .ics attached.
  const auto mails = smtp->messages();
  ASSERT_EQ(mails.size(), 1u);
  const ReceivedMail& mail = mails[0];
  EXPECT_EQ(mail.envelope_to, "ivan@example.org");
  EXPECT_THAT(mail.headers.at("to"), HasSubstr("ivan@example.org"));
  EXPECT_THAT(mail.subject, HasSubstr("Your appointment is booked"));
  EXPECT_THAT(mail.subject, HasSubstr("December 1, 2026"));
  EXPECT_THAT(mail.subject, HasSubstr("09:00"));  // local time, not 06:00 UTC
  EXPECT_THAT(mail.text, HasSubstr("1 Tverskaya St, 2nd floor, Moscow"));
  EXPECT_THAT(mail.text, HasSubstr("Metro Okhotny Ryad"));  // directions, R-VISIT-5
  EXPECT_THAT(mail.text, HasSubstr(code));
  EXPECT_THAT(mail.text, HasSubstr("https://okno.test/b/" + code + "?lang=en"));
  EXPECT_THAT(mail.text, Not(HasSubstr("Иван")));  // no personal data the message does not need
  EXPECT_THAT(mail.ics, HasSubstr("UID:" + code + "@okno"));
  EXPECT_THAT(mail.ics, HasSubstr("DTSTART:20261201T060000Z"));
  EXPECT_THAT(mail.ics, HasSubstr("TRIGGER:-PT24H"));
  EXPECT_THAT(mail.headers.at("from"), HasSubstr("okno@agency.test"));

  // The Message-ID is the outbox id of that message.
  const json list = outbox("booking=" + code);
  std::map<std::string, json> by_channel;
  for (const auto& m : list) {
    if (m["kind"] == "confirmation") by_channel[m["channel"]] = m;
  }
  ASSERT_EQ(by_channel.size(), 3u);
  EXPECT_EQ(mail.message_id, by_channel["email"]["id"].get<std::string>() + "@okno.test");

  // SMS: SMS.ru form with the key, the number in digits, the text in the booking's language.
  const auto sms = gateway.sms();
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].form.at("api_id"), "KEY-1");
  EXPECT_EQ(sms[0].form.at("to"), "79991234567");
  EXPECT_EQ(sms[0].form.at("json"), "1");
  EXPECT_THAT(sms[0].form.at("msg"), HasSubstr("Appointment booked"));
  EXPECT_THAT(sms[0].form.at("msg"), HasSubstr(code));
  EXPECT_EQ(sms[0].headers.at("x-okno-message-id"), by_channel["sms"]["id"]);

  // Portal: JSON signed with HMAC-SHA256 over the exact body.
  const auto portal = gateway.portal();
  ASSERT_EQ(portal.size(), 1u);
  EXPECT_EQ(portal[0].headers.at("x-okno-signature"),
            "sha256=" + hmac_hex(kSecret, portal[0].body));
  EXPECT_NE(portal[0].headers.at("x-okno-signature"),
            "sha256=" + hmac_hex("another secret", portal[0].body));
  const json payload = json::parse(portal[0].body);
  EXPECT_EQ(payload["id"], by_channel["portal"]["id"]);
  EXPECT_EQ(payload["booking_code"], code);
  EXPECT_EQ(payload["kind"], "confirmation");
  EXPECT_EQ(payload["language"], "en");
  EXPECT_THAT(payload["text"].get<std::string>(), HasSubstr("09:00"));

  ASSERT_TRUE(wait_for([&] {
    for (const auto& m : outbox("booking=" + code)) {
      if (m["kind"] == "confirmation" && m["status"] != "sent") return false;
    }
    return true;
  }));
}

TEST_F(Notifications, R_VISIT_11_MessageInTheBookingsLanguageWithLocalTime) {
  const std::string hy = book(body({"email"}, "hy"));
  const std::string kk = book(body({"email"}, "kk", "2026-12-01T09:15:00+03:00"));
  ASSERT_TRUE(wait_for([&] { return smtp->count() >= 2; }));
  for (const auto& m : smtp->messages()) {
    if (m.text.find(hy) != std::string::npos) {
      EXPECT_THAT(m.subject, HasSubstr("Դուք գրանցված եք ընդունելության"));
      EXPECT_THAT(m.subject, HasSubstr("դեկտեմբերի"));
      EXPECT_THAT(m.text, HasSubstr("Մոսկվա, Տվերսկայա փ., 1, 2-րդ հարկ"));
    } else {
      EXPECT_THAT(m.text, HasSubstr(kk));
      EXPECT_THAT(m.subject, HasSubstr("Сіз қабылдауға жазылдыңыз"));
      EXPECT_THAT(m.subject, HasSubstr("09:15"));
      EXPECT_THAT(m.text, HasSubstr("желтоқсан"));
    }
  }
}

TEST_F(Notifications, R_CHAN_1_RefusedNumberIsAFailureWithItsReasonForStaff) {
  gateway.refuse_number("79990001122");
  json b = body({"sms"});
  b["client"]["phone"] = "+79990001122";
  const std::string code = book(b);
  ASSERT_TRUE(wait_for([&] { return !outbox("status=failed&booking=" + code).empty(); }));
  const json failed = outbox("status=failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["channel"], "sms");
  EXPECT_EQ(failed[0]["kind"], "confirmation");
  EXPECT_EQ(failed[0]["attempts"], 1);
  EXPECT_THAT(failed[0]["last_error"].get<std::string>(), HasSubstr("sms refused: code 207"));
  // Staff see the reason, not the number.
  EXPECT_THAT(failed[0]["recipient"].get<std::string>(), Not(HasSubstr("79990001122")));
  // The portal copy of the same notice went through.
  EXPECT_TRUE(wait_for([&] { return portal_count(code, "confirmation") == 1; }));
}

TEST_F(Notifications, R_CHAN_4_ClosingMessageWithTheSurveyLinkOnceWhenTheVisitIsFinished) {
  json b = body({"email"});
  b["reminders"] = json::array();
  const std::string code = book(b);
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 1; }));
  set_clock("2026-12-01T06:20:00Z");
  const std::vector<std::string> auth = {std::string("Authorization: Bearer ") + kToken};
  auto r = client->post("/api/v1/bookings/" + code + "/visit-finished", "{}", auth);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 2; }));
  // Pressed twice at the desk: still one message.
  EXPECT_EQ(client->post("/api/v1/bookings/" + code + "/visit-finished", "{}", auth).status, 200);
  settle();
  const auto mails = smtp->messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_THAT(mails[1].subject, HasSubstr("Спасибо за визит"));
  EXPECT_THAT(mails[1].text, HasSubstr("https://okno.test/survey/" + code + "?lang=ru"));
  EXPECT_TRUE(wait_for([&] { return portal_count(code, "visit_thanks") == 1; }));
  // Without the staff token or an administrator's session: 401.
  EXPECT_EQ(client->post("/api/v1/bookings/" + code + "/visit-finished", "{}").status, 401);
  EXPECT_EQ(client->get("/api/v1/outbox?status=failed").status, 401);
}

// ---- time travel (must-show 2) ----

TEST_F(Notifications, R_VISIT_3_RemindersArriveAtTheirTimeOnceEachAndNothingAfterCancel) {
  const std::string code = book(body({"email"}));
  // A second booking cancelled before its reminders were due: it must get none.
  const std::string gone = book(body({"email"}, "ru", "2026-12-01T09:15:00+03:00"));
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 2; }));
  ASSERT_EQ(client->post("/api/v1/bookings/" + gone + "/cancel", R"({"channel":"web"})").status,
            200);
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(gone).size() == 2; }));

  // A minute before the 24 h reminder: nothing.
  set_clock("2026-11-30T05:59:00Z");
  settle();
  EXPECT_EQ(mail_subjects_for(code).size(), 1u);
  // At start - 24 h: the reminder comes, within a few polls of the clock move.
  set_clock("2026-11-30T06:00:00Z");
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(code).size() == 2; }, 5000));
  EXPECT_THAT(mail_subjects_for(code)[1], HasSubstr("Напоминание о приёме"));
  set_clock("2026-11-30T12:00:00Z");
  settle();
  EXPECT_EQ(mail_subjects_for(code).size(), 2u);  // once
  // At start - 2 h: the second one.
  set_clock("2026-12-01T04:00:00Z");
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(code).size() == 3; }, 5000));
  EXPECT_THAT(mail_subjects_for(code)[2], HasSubstr("Сегодня ваш приём"));
  EXPECT_EQ(portal_count(code, "reminder_24h"), 1u);
  EXPECT_TRUE(wait_for([&] { return portal_count(code, "reminder_2h") == 1; }));

  // The cancelled booking got its confirmation and its cancellation, nothing else.
  const auto gone_mails = mail_subjects_for(gone);
  ASSERT_EQ(gone_mails.size(), 2u);
  EXPECT_THAT(gone_mails[1], HasSubstr("Запись отменена"));
  for (const auto& m : outbox("booking=" + gone)) {
    if (m["kind"] == "reminder_24h" || m["kind"] == "reminder_2h") {
      EXPECT_EQ(m["status"], "cancelled");
      EXPECT_EQ(m["attempts"], 0);
    }
  }

  // Cancel the first one too and move past the visit: only the cancellation notice.
  ASSERT_EQ(client->post("/api/v1/bookings/" + code + "/cancel", R"({"channel":"web"})").status,
            200);
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(code).size() == 4; }));
  set_clock("2026-12-02T06:00:00Z");
  settle();
  EXPECT_EQ(mail_subjects_for(code).size(), 4u);
  EXPECT_EQ(smtp->count(), 6u);
}

TEST_F(Notifications, R_VISIT_3_BookedThreeHoursAheadGetsOnlyTheTwoHourReminder) {
  set_clock("2026-12-01T03:00:00Z");  // 06:00 in Moscow, the visit at 09:00
  const std::string code = book(body({"email"}));
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(code).size() == 1; }));
  std::set<std::string> kinds;
  for (const auto& m : outbox("booking=" + code)) kinds.insert(m["kind"]);
  EXPECT_EQ(kinds, (std::set<std::string>{"confirmation", "reminder_2h"}));
  set_clock("2026-12-01T04:00:00Z");
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(code).size() == 2; }, 5000));
}

// The files attached to the confirmation, the reschedule and the cancellation: one event (same
// UID), each a later SEQUENCE with the DTSTAMP of its change, PUBLISH then CANCEL, the office as
// ORGANIZER; libical checks each in TearDown.
TEST_F(Notifications, CalendarFilesOfEachChangeCarryTheTimeOfThatChange) {
  const std::string code = book(body({"email"}));
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 1; }));
  set_clock("2026-11-27T07:30:00Z");
  ASSERT_EQ(client
                ->post("/api/v1/bookings/" + code + "/reschedule",
                       R"({"channel":"web","start":"2026-12-02T10:00:00+03:00"})")
                .status,
            200);
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 2; }));
  set_clock("2026-11-27T08:45:00Z");
  ASSERT_EQ(client->post("/api/v1/bookings/" + code + "/cancel", R"({"channel":"web"})").status,
            200);
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 3; }));
  const auto mails = smtp->messages();
  const char* expected[][3] = {{"PUBLISH", "1", "20261127T060000Z"},
                               {"PUBLISH", "2", "20261127T073000Z"},
                               {"CANCEL", "3", "20261127T084500Z"}};
  for (size_t i = 0; i < 3; ++i) {
    std::string ics = mails[i].ics;
    ASSERT_FALSE(ics.empty()) << mails[i].subject;
    // Unfolded (RFC 5545 3.1: a CRLF and a space continue the line).
    for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at))
      ics.erase(at, 3);
    EXPECT_THAT(ics, HasSubstr("UID:" + code + "@okno"));
    EXPECT_THAT(ics, HasSubstr(std::string("METHOD:") + expected[i][0] + "\r\n"));
    EXPECT_THAT(ics, HasSubstr(std::string("SEQUENCE:") + expected[i][1] +
                               "\r\nDTSTAMP:" + expected[i][2] + "\r\n"));
    EXPECT_THAT(ics, HasSubstr(":mailto:tverskaya@okno.example\r\n"));
  }
}

TEST_F(Notifications, R_VISIT_3_RescheduleReplacesThePendingReminders) {
  const std::string code = book(body({"email"}));
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 1; }));
  auto r = client->post("/api/v1/bookings/" + code + "/reschedule",
                        R"({"channel":"web","start":"2026-12-02T10:00:00+03:00"})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 2; }));
  EXPECT_THAT(smtp->messages()[1].subject, HasSubstr("Запись перенесена"));
  EXPECT_THAT(smtp->messages()[1].subject, HasSubstr("2 декабря 2026"));
  EXPECT_THAT(smtp->messages()[1].ics, HasSubstr("SEQUENCE:2"));
  // The old time's reminder moment passes quietly ...
  set_clock("2026-11-30T06:00:00Z");
  settle();
  EXPECT_EQ(smtp->count(), 2u);
  // ... and the new time's reminder comes, naming the new time.
  set_clock("2026-12-01T07:00:00Z");
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 3; }, 5000));
  EXPECT_THAT(smtp->messages()[2].subject, HasSubstr("2 декабря 2026"));
  EXPECT_THAT(smtp->messages()[2].subject, HasSubstr("10:00"));
}

// ---- outage (must-show 3) ----

TEST_F(Notifications, R_CHAN_1_SmtpOutageRetriedWithBackoffEveryMessageArrivesOnce) {
  smtp->stop();
  std::vector<std::string> codes;
  for (const char* start :
       {"2026-12-01T09:00:00+03:00", "2026-12-01T09:15:00+03:00", "2026-12-01T09:30:00+03:00"}) {
    codes.push_back(book(body({"email"}, "ru", start)));
  }
  auto email_attempts = [&](int n) {
    for (const auto& c : codes) {
      for (const auto& m : outbox("booking=" + c)) {
        if (m["channel"] == "email" && m["kind"] == "confirmation" && m["attempts"] != n)
          return false;
      }
    }
    return true;
  };
  ASSERT_TRUE(wait_for([&] { return email_attempts(1); }));
  // The clock moves in steps; each retry waits twice as long as the one before (60, 120 s).
  set_clock("2026-11-27T06:01:00Z");
  ASSERT_TRUE(wait_for([&] { return email_attempts(2); }));
  set_clock("2026-11-27T06:02:59Z");  // one second short of the third attempt
  settle();
  ASSERT_TRUE(email_attempts(2));
  set_clock("2026-11-27T06:03:00Z");
  ASSERT_TRUE(wait_for([&] { return email_attempts(3); }));
  EXPECT_EQ(smtp->count(), 0u);
  // The server comes back; the next retry (240 s later) delivers everything.
  ASSERT_TRUE(smtp->start());
  set_clock("2026-11-27T06:07:00Z");
  ASSERT_TRUE(wait_for([&] { return email_attempts(4); }));
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 3; }));
  set_clock("2026-11-27T08:00:00Z");
  settle();

  std::multiset<std::string> ids;
  for (const auto& m : smtp->messages()) ids.insert(m.message_id);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 3u);  // none twice
  for (const auto& c : codes) {
    for (const auto& m : outbox("booking=" + c)) {
      if (m["channel"] != "email" || m["kind"] != "confirmation") continue;
      EXPECT_EQ(m["status"], "sent");
      const json& h = m["history"];
      ASSERT_EQ(h.size(), 4u);
      EXPECT_EQ(h[0]["at"], "2026-11-27T06:00:00Z");
      EXPECT_EQ(h[1]["at"], "2026-11-27T06:01:00Z");
      EXPECT_EQ(h[2]["at"], "2026-11-27T06:03:00Z");
      EXPECT_EQ(h[3]["at"], "2026-11-27T06:07:00Z");
      for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(h[i]["ok"].get<bool>());
        EXPECT_THAT(h[i]["error"].get<std::string>(), HasSubstr("smtp"));
      }
      EXPECT_TRUE(h[3]["ok"].get<bool>());
    }
  }
}

TEST_F(Notifications, R_CHAN_1_PortalErrorsRetriedUntilTheDeadlineThenFailedWithReason) {
  gateway.fail_portal(1000);
  const std::string code = book(body({}));
  ASSERT_TRUE(wait_for([&] { return gateway.portal().size() == 1; }));
  // Past the 24 h deadline the message fails for good and shows up for staff.
  for (const char* t : {"2026-11-27T07:00:00Z", "2026-11-27T12:00:00Z", "2026-11-28T00:00:00Z",
                        "2026-11-28T05:00:00Z", "2026-11-28T06:30:00Z"}) {
    set_clock(t);
    settle();
  }
  ASSERT_TRUE(wait_for([&] {
    for (const auto& m : outbox("status=failed&booking=" + code)) {
      if (m["kind"] == "confirmation") return true;
    }
    return false;
  }));
  const json failed = outbox("status=failed&booking=" + code);
  EXPECT_THAT(failed[0]["last_error"].get<std::string>(), HasSubstr("portal http 503"));
  EXPECT_GE(failed[0]["attempts"].get<int>(), 2);
}

// ---- crash and restart (must-show 4) ----

TEST_F(Notifications, R_HIST_1_KillDashNineWhileSendingLosesNothingRepeatsOnlyInFlight) {
  // A slow mail server (80 ms a message) so that the batch is still going when the kill comes.
  server.reset();
  smtp.reset();
  std::filesystem::remove_all(dir);
  rate_limits = false;  // 24 bookings of one contact at once: the kill is the subject
  start_server(0.08, 2);
  std::vector<std::string> codes;
  for (int day = 1; day <= 3; ++day) {
    for (int slot = 0; slot < 8; ++slot) {
      char start[40];
      std::snprintf(start, sizeof start, "2026-12-0%dT%02d:%02d:00+03:00", day, 9 + slot / 4,
                    (slot % 4) * 15);
      json b = body({"email"}, "ru", start);
      b["notify"] = {{"extra", {"email"}}};  // e-mail only: one message per booking
      b["reminders"] = json::array();
      codes.push_back(book(b));
    }
  }
  ASSERT_EQ(codes.size(), 24u);
  ASSERT_TRUE(wait_for([&] { return smtp->count() >= 6; }, 10000));
  server->kill_hard();
  const size_t before_restart = smtp->count();
  EXPECT_LT(before_restart, 24u) << "the kill came too late to catch the batch";
  ASSERT_TRUE(server->restart());
  client = std::make_unique<HttpClient>(server->base_url());
  ASSERT_TRUE(wait_for([&] { return outbox("status=pending").empty(); }, 15000));

  std::map<std::string, int> received;
  for (const auto& m : smtp->messages()) ++received[m.message_id];
  std::set<std::string> expected;
  for (const auto& c : codes) {
    for (const auto& m : outbox("booking=" + c)) {
      EXPECT_EQ(m["status"], "sent");
      expected.insert(m["id"].get<std::string>() + "@okno.test");
    }
  }
  ASSERT_EQ(expected.size(), 24u);
  std::set<std::string> got;
  int repeats = 0;
  for (const auto& [id, n] : received) {
    got.insert(id);
    repeats += n - 1;
  }
  std::printf("crash: %zu of 24 delivered before the kill, %d repeated after the restart\n",
              before_restart, repeats);
  EXPECT_EQ(got, expected);  // nothing lost, nothing foreign
  // At most the messages in flight (one per worker) came twice, with the same id.
  EXPECT_LE(repeats, 2);
}

TEST_F(Notifications, R_VISIT_3_AfterARestartDueRemindersGoOutPointlessOnesDoNot) {
  const std::string early = book(body({"email"}));
  const std::string late = book(body({"email"}, "ru", "2026-12-01T12:00:00+03:00"));
  ASSERT_TRUE(wait_for([&] { return smtp->count() == 2; }));
  server->kill_hard();
  ASSERT_TRUE(server->restart());
  client = std::make_unique<HttpClient>(server->base_url());
  // Back up at 10:00 Moscow on the visit day: the 09:00 visit has begun, the 12:00 one not.
  set_clock("2026-12-01T07:00:00Z");
  ASSERT_TRUE(wait_for([&] { return mail_subjects_for(late).size() == 3; }, 5000));
  settle();
  EXPECT_EQ(mail_subjects_for(early).size(), 1u);
  for (const auto& m : outbox("booking=" + early)) {
    if (m["kind"] == "reminder_24h" || m["kind"] == "reminder_2h") {
      EXPECT_EQ(m["status"], "failed");
      EXPECT_THAT(m["last_error"].get<std::string>(), HasSubstr("visit has already started"));
      EXPECT_EQ(m["attempts"], 0);
    }
  }
}

}  // namespace
}  // namespace okno::testing
