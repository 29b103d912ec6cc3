// End to end against a real okno-server process (tests/http/support): the kiosk's HTTP backend
// and its screens, driven headlessly, on the booking and queue APIs (issue 4).
#include "harness.hpp"
#include "http_backend.hpp"
#include "test_server.hpp"

#include <date/date.h>

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
  Harness h(std::make_shared<HttpBackend>(server.base_url()));
  h.tap("lang.ru");
  h.type("22222-33333");
  h.press(kEnter);
  h.settle();
  EXPECT_EQ(h.screen(), Screen::checkin);
  EXPECT_NE(h.state().visitor.code_error.find("Запись не найдена"), std::string::npos)
      << h.state().visitor.code_error;
  EXPECT_FALSE(h.state().server_down);
}

TEST(KioskE2E, ServerKilledMidSessionShowsMessageAndRecoversAfterRestart) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  KioskConfig config;
  config.retry_s = 1;
  Harness h(std::make_shared<HttpBackend>(server.base_url(), 1000), config);
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
  ServerProcess server;
  ASSERT_TRUE(server.started());
  HttpBackend backend(server.base_url());
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
  EXPECT_TRUE(backend.send_feedback("demo", answers));
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
