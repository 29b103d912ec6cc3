// End to end against a real okno-server process (tests/http/support): the kiosk's HTTP backend
// and its screens, driven headlessly, on the booking and queue APIs (issue 4).
#include "harness.hpp"
#include "http_backend.hpp"
#include "test_server.hpp"

#include <date/date.h>

#include <filesystem>
#include <fstream>

namespace okno::kiosk::testing {
namespace {

using okno::testing::ServerProcess;

std::string first_free_slot(HttpBackend& backend, const std::string& service) {
  auto slots = backend.free_slots("demo", service, "2026-12-01", "2026-12-01");
  if (!slots || slots->empty()) return {};
  return slots->front().start;
}

TEST(KioskE2E, R_VISIT_2_BookThroughTheKioskScreensThenCheckInByScanningTheCode) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto backend = std::make_shared<HttpBackend>(server.base_url());
  backend->set_kiosk_key(server.kiosk_key());  // the office registered this kiosk
  Harness h(backend);
  h.tap("lang.en");
  h.tap("welcome.book");
  h.tap("book.service.passport");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::book_slots);
  ASSERT_FALSE(h.state().slots.empty()) << "the server offered no slots";
  const std::string start = h.state().slots.front().start;
  h.tap("slot." + start);
  for (const char* k : {"phone.+", "phone.7", "phone.9", "phone.9", "phone.9", "phone.1", "phone.2",
                        "phone.3", "phone.4", "phone.5", "phone.6", "phone.7"}) {
    h.tap(k);
  }
  h.tap("book.next");
  h.tap("consent.accept");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::book_done) << h.state().visitor.form_error;
  const std::string code = h.state().visitor.booking->code;
  ASSERT_EQ(code.size(), 11u);

  // The server recorded the kiosk channel, the consent version and the reminder phone.
  okno::testing::HttpClient client(server.base_url());
  auto booking = client.get("/api/v1/bookings/" + code).json();
  EXPECT_EQ(booking["channel"], "kiosk");
  EXPECT_EQ(booking["consent"]["version"], kConsentVersion);
  EXPECT_EQ(booking["language"], "en");
  EXPECT_EQ(booking["start"], start);

  // The visitor comes back on the day, a few minutes before the booked time (check-in window).
  auto now = okno::parse_iso_instant(start);
  ASSERT_TRUE(now);
  client.post(
      "/api/v1/_test/clock",
      nlohmann::json{{"now", date::format("%FT%TZ", *now - std::chrono::minutes(5))}}.dump());
  // Next visitor: scan the booking QR (keyboard wedge types the code, then Enter).
  h.tap("nav.home");
  h.type(code);
  h.press(kEnter);
  h.settle();
  ASSERT_EQ(h.screen(), Screen::checkin_done) << h.state().visitor.code_error;
  EXPECT_EQ(h.state().visitor.checkin->service, "passport");
  EXPECT_EQ(h.state().visitor.checkin->start, start);
  ASSERT_TRUE(h.state().visitor.checkin->ticket);
  EXPECT_EQ(h.state().visitor.checkin->ticket->number, "A001");
}

TEST(KioskE2E, WrongCodeIsRefusedWithTheServersMessageInTheVisitorsLanguage) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto backend = std::make_shared<HttpBackend>(server.base_url());
  backend->set_kiosk_key(server.kiosk_key());
  Harness h(backend);
  h.tap("lang.ru");
  h.type("22222-33333");
  h.press(kEnter);
  h.settle();
  EXPECT_EQ(h.screen(), Screen::checkin);
  EXPECT_NE(h.state().visitor.code_error.find("Запись не найдена"), std::string::npos)
      << h.state().visitor.code_error;
  EXPECT_FALSE(h.state().server_down);
}

TEST(KioskE2E, R_VISIT_7_AtNightTheTicketScreenShowsTheServersWordsOnWhenTheOfficeOpens) {
  okno::testing::ServerProcessOptions options;
  options.fake_now = "2026-12-02T21:44:00Z";  // Thursday 3 December, 00:44 in Moscow
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  auto backend = std::make_shared<HttpBackend>(server.base_url());
  backend->set_kiosk_key(server.kiosk_key());
  Harness h(backend);
  h.tap("lang.en");
  h.tap("welcome.take_ticket");
  h.settle();
  h.tap("ticket.service.passport");
  h.tap("ticket.take");
  h.settle();
  EXPECT_EQ(h.screen(), Screen::ticket_options);
  EXPECT_FALSE(h.state().visitor.ticket.has_value());
  EXPECT_EQ(h.state().visitor.form_error,
            "The office is closed now. Tickets are given out only during opening hours. It opens "
            "today at 09:00.");
  EXPECT_FALSE(h.state().server_down);
}

TEST(KioskE2E, ServerKilledMidSessionShowsMessageAndRecoversAfterRestart) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  KioskConfig config;
  config.retry_s = 1;
  auto backend = std::make_shared<HttpBackend>(server.base_url(), 1000);
  backend->set_kiosk_key(server.kiosk_key());
  Harness h(backend, config);
  server.kill_hard();
  h.tap("welcome.book");
  h.tap("book.service.consultation");
  h.settle();
  EXPECT_TRUE(h.state().server_down);
  ASSERT_TRUE(server.restart());
  for (int i = 0; i < 30 && h.state().server_down; ++i) {
    h.advance(1.1);
    h.settle();
  }
  EXPECT_FALSE(h.state().server_down);
}

TEST(KioskE2E, WalkInTicketFromTheQueueApiOfIssue4) {
  // A staff token, so that a desk can serve the ticket the feedback is about.
  char tmpl[] = "/tmp/okno-kiosk-e2e-XXXXXX";
  const std::filesystem::path dir = mkdtemp(tmpl);
  std::ofstream(dir / "queue.toml") << "[queue]\nstaff_token = \"kiosk-e2e\"\n";
  okno::testing::ServerProcessOptions options;
  options.extra_args = {"--queue-config", (dir / "queue.toml").string()};
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  HttpBackend backend(server.base_url());
  backend.set_kiosk_key(server.kiosk_key());
  auto ticket = backend.take_ticket(
      "demo", TicketRequest{"passport", Language::kk, Priority::elderly, {"wheelchair"}});
  ASSERT_TRUE(ticket) << ticket.error().code << " " << ticket.error().message;
  // The contract in docs/kiosk.md.
  EXPECT_EQ(ticket->number, "A001");
  EXPECT_EQ(ticket->service, "passport");
  EXPECT_EQ(ticket->issued_at, "2026-11-30T09:00:00+03:00");
  EXPECT_EQ(ticket->people_ahead, 0);
  auto second =
      backend.take_ticket("demo", TicketRequest{"passport", Language::ru, Priority::none, {}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->number, "A002");
  EXPECT_EQ(second->people_ahead, 1);
  auto queue = backend.queue_status("demo");
  ASSERT_TRUE(queue);
  ASSERT_FALSE(queue->empty());
  EXPECT_EQ(queue->front().service, "passport");
  EXPECT_EQ(queue->front().people_waiting, 2);
  EXPECT_FALSE(queue->front().daily_cap_reached);
  FeedbackAnswers answers;
  answers.ticket = "A001";
  answers.got_answer = true;
  answers.satisfaction = "satisfied";
  answers.federal[0] = 5;
  // Feedback is for a visit that is over (issue 16): refused while A001 waits, then taken once.
  auto early = backend.send_feedback("demo", answers);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "feedback_not_served");
  okno::testing::HttpClient desk(server.base_url(), {"Authorization: Bearer kiosk-e2e"});
  for (const char* action : {"call-next", "start", "finish"}) {
    ASSERT_EQ(desk.post(std::string("/api/v1/offices/demo/desks/1/") + action, "").status, 200);
  }
  EXPECT_TRUE(backend.send_feedback("demo", answers));
  auto again = backend.send_feedback("demo", answers);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "feedback_given");
  EXPECT_FALSE(again.error().message.empty());
  std::filesystem::remove_all(dir);
}

// Issue 16 item 12: a booking made on the web in Kazakh with large print. At check-in the kiosk
// goes on in Kazakh at 1.5x for this visitor (the server's check-in answer carries the ticket's
// "language" and "needs"), and the next visitor starts in Russian at 1x again.
TEST(KioskE2E, R_VISIT_10_CheckInFollowsTheBookingsLanguageAndLargePrintForThatVisitorOnly) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto backend = std::make_shared<HttpBackend>(server.base_url());
  backend->set_kiosk_key(server.kiosk_key());  // the office registered this kiosk
  const std::string start = first_free_slot(*backend, "passport");
  ASSERT_FALSE(start.empty());
  okno::testing::HttpClient client(server.base_url());
  const nlohmann::json request = {
      {"office", "demo"},
      {"service", "passport"},
      {"start", start},
      {"channel", "web"},
      {"client",
       {{"name", "Айгерім Серікова"}, {"phone", "+79991234567"}, {"email", "aigerim@example.org"}}},
      {"notify", {{"mandatory", "portal"}, {"extra", {"email"}}}},
      {"reminders", nlohmann::json::array()},
      {"language", "kk"},
      {"needs", {"large_print"}},
      {"consent", {{"given", true}, {"version", kConsentVersion}}}};
  const auto made = client.post("/api/v1/bookings", request.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string code = made.json()["code"];
  auto now = okno::parse_iso_instant(start);
  ASSERT_TRUE(now);
  client.post(
      "/api/v1/_test/clock",
      nlohmann::json{{"now", date::format("%FT%TZ", *now - std::chrono::minutes(5))}}.dump());

  Harness h(backend);
  ASSERT_EQ(h.state().visitor.language, Language::ru);
  h.tap("welcome.checkin");
  for (char c : code) {
    if (c != '-') h.tap(std::string("key.") + c);
  }
  h.tap("checkin.submit");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::checkin_done) << h.state().visitor.code_error;
  EXPECT_EQ(h.state().visitor.language, Language::kk);
  EXPECT_FLOAT_EQ(h.state().visitor.text_scale, kLargePrintScale);
  // Drawn so: Kazakh labels, fonts at 1.5x.
  const auto& catalog = demo_data().catalog;
  ASSERT_TRUE(h.has_button("checkin.finish"));
  EXPECT_EQ(h.app().find_button("checkin.finish")->label,
            catalog.text(Language::kk, "kiosk.finish"));
  EXPECT_FLOAT_EQ(ImGui::GetIO().Fonts->Fonts[0]->FontSize, kBodyPx * kLargePrintScale);
  // The rest of the visit keeps it: "Find your way" is in Kazakh and large too.
  h.tap("checkin.route");
  EXPECT_EQ(h.screen(), Screen::wayfinding);
  EXPECT_EQ(h.state().visitor.language, Language::kk);
  EXPECT_FLOAT_EQ(h.state().visitor.text_scale, kLargePrintScale);
  // The next visitor: Russian, normal size.
  h.tap("nav.home");
  h.frames(2);
  EXPECT_EQ(h.state().visitor.language, Language::ru);
  EXPECT_FLOAT_EQ(h.state().visitor.text_scale, 1.0f);
  EXPECT_EQ(h.app().find_button("welcome.checkin")->label,
            catalog.text(Language::ru, "kiosk.welcome.checkin"));
  EXPECT_FLOAT_EQ(ImGui::GetIO().Fonts->Fonts[0]->FontSize, kBodyPx);

  // A visitor who chose English before checking in keeps English (and still gets large print).
  client.post(
      "/api/v1/_test/clock",
      nlohmann::json{{"now", date::format("%FT%TZ", *now - std::chrono::minutes(4))}}.dump());
  h.tap("lang.en");
  h.tap("welcome.checkin");
  h.type(code);
  h.press(kEnter);
  h.settle();
  ASSERT_EQ(h.screen(), Screen::checkin_done) << h.state().visitor.code_error;
  EXPECT_EQ(h.state().visitor.language, Language::en);
  EXPECT_FLOAT_EQ(h.state().visitor.text_scale, kLargePrintScale);
}

TEST(KioskE2E, HttpBackendReportsAnUnreachableServerAsUnreachable) {
  HttpBackend backend("http://127.0.0.1:9", 500);  // discard port: nothing listens
  auto r = backend.health();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, BackendError::Kind::unreachable);
  EXPECT_TRUE(first_free_slot(backend, "passport").empty());
}

}  // namespace
}  // namespace okno::kiosk::testing
