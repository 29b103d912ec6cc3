// HTTP tests against a real okno-server process on loopback, libcurl as the client: offices,
// services, slots, booking, idempotency, cancel, reschedule, calendar, QR, history.
#include <gtest/gtest.h>

#include "ical/itip_check.hpp"
#include "test_server.hpp"

using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;

namespace {

class Api : public ::testing::Test {
 protected:
  ServerProcess server;
  HttpClient client{server.base_url()};
  void SetUp() override { ASSERT_TRUE(server.started()); }

  nlohmann::json book(const std::string& start, int expect_status = 201,
                      const std::vector<std::string>& headers = {}) {
    auto r = client.post("/api/v1/bookings", booking_body(start).dump(), headers);
    EXPECT_EQ(r.status, expect_status) << r.body;
    return r.json();
  }
};

TEST_F(Api, HealthzAnswers) {
  auto r = client.get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ok");
  // 2: the notifications outbox, 4: staff accounts, 5: one outbox index fewer
  EXPECT_EQ(r.json()["schema_version"], 7);
}

TEST_F(Api, R_VISIT_11_OfficesListedInTheRequestedLanguage) {
  auto ru = client.get("/api/v1/offices").json();
  ASSERT_EQ(ru["offices"].size(), 1u);
  EXPECT_EQ(ru["offices"][0]["id"], "demo");
  EXPECT_EQ(ru["offices"][0]["time_zone"], "Europe/Moscow");
  auto en = client.get("/api/v1/offices", {"Accept-Language: en-GB,en;q=0.9"}).json();
  EXPECT_NE(ru["offices"][0]["name"], en["offices"][0]["name"]);
  auto hy = client.get("/api/v1/offices?lang=hy").json();
  EXPECT_NE(hy["offices"][0]["name"].get<std::string>().find("Գերատեսչություն"), std::string::npos);
}

TEST_F(Api, ServicesOfAnOffice) {
  auto r = client.get("/api/v1/offices/demo/services");
  ASSERT_EQ(r.status, 200);
  auto services = r.json()["services"];
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0]["id"], "passport");
  EXPECT_EQ(services[0]["places_per_slot"], 2);
  EXPECT_EQ(client.get("/api/v1/offices/nowhere/services").status, 404);
}

TEST_F(Api, R_VISIT_2_SlotsInTheOfficeZoneWithOffset) {
  // Server clock: Monday 2026-11-30 09:00 Moscow. Tuesday 1 December is an ordinary day.
  auto r = client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(r.status, 200) << r.body;
  auto slots = r.json()["slots"];
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots[0]["start"], "2026-12-01T09:00:00+03:00");
  EXPECT_EQ(slots[0]["end"], "2026-12-01T09:15:00+03:00");
  EXPECT_EQ(slots[0]["free"], 2);
  // 09:00-18:00 with a 13:00-13:45 break, 15 minutes each: 16 + 17 = 33 slots.
  EXPECT_EQ(slots.size(), 33u);
  for (const auto& s : slots) {
    const std::string start = s["start"];
    EXPECT_FALSE(start.substr(11, 5) >= "13:00" && start.substr(11, 5) < "13:45") << start;
  }
}

TEST_F(Api, R_TIME_1_NoSlotsOnHolidays) {
  // 31 December 2026 is a day off by the 2026 decree; Sunday 6 December is a weekend.
  auto r = client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-31&to=2026-12-31");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json()["slots"].empty());
  r = client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-06&to=2026-12-06");
  EXPECT_TRUE(r.json()["slots"].empty());
}

TEST_F(Api, R_VISIT_2_SaturdaySlotsFollowTheOfficeHours) {
  // The demo office opens on Saturdays 10:00-14:00 (break 13:00-13:45): an ordinary Saturday
  // is no day off for it. 15-minute slots: 10:00 ... 12:45 (12) and 13:45 (1).
  auto r = client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-05&to=2026-12-05");
  ASSERT_EQ(r.status, 200);
  auto slots = r.json()["slots"];
  ASSERT_EQ(slots.size(), 13u) << r.body;
  EXPECT_EQ(slots[0]["start"], "2026-12-05T10:00:00+03:00");
  EXPECT_EQ(slots[11]["start"], "2026-12-05T12:45:00+03:00");
  EXPECT_EQ(slots[12]["start"], "2026-12-05T13:45:00+03:00");
  EXPECT_EQ(slots[12]["end"], "2026-12-05T14:00:00+03:00");
  // Such a slot is bookable like any other.
  auto booked = book("2026-12-05T10:00:00+03:00");
  EXPECT_EQ(booked["start"], "2026-12-05T10:00:00+03:00");
}

TEST_F(Api, R_VISIT_2_BookedSlotLosesAPlaceAndFullSlotDisappears) {
  const std::string start = "2026-12-01T10:00:00+03:00";
  book(start);
  auto slots =
      client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01")
          .json()["slots"];
  auto find = [&](const nlohmann::json& list) {
    for (const auto& s : list) {
      if (s["start"] == start) return s;
    }
    return nlohmann::json();
  };
  EXPECT_EQ(find(slots)["free"], 1);
  book(start);
  slots = client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01")
              .json()["slots"];
  EXPECT_TRUE(find(slots).is_null());
  auto third = book(start, 409);
  EXPECT_EQ(third["error"]["code"], "slot_taken");
}

TEST_F(Api, R_VISIT_1_BookingReturnsCodeStartStatusAndDirections) {
  auto b = book("2026-12-01T09:00:00+03:00");
  EXPECT_EQ(b["status"], "booked");
  EXPECT_EQ(b["start"], "2026-12-01T09:00:00+03:00");
  const std::string code = b["code"];
  EXPECT_EQ(code.size(), 11u);
  // R-VISIT-5: the directions come with the booking, in the booking's language.
  EXPECT_FALSE(b["directions"]["transit"].get<std::string>().empty());
  EXPECT_FALSE(b["directions"]["address"].get<std::string>().empty());
  // Personal data is masked in answers.
  EXPECT_EQ(b["client"]["phone"], "+7999***4567");
  auto again = client.get("/api/v1/bookings/" + code);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["code"], code);
  EXPECT_EQ(again.json()["needs"][0], "sign_language");
  EXPECT_EQ(again.json()["notify"]["mandatory"], "portal");
  EXPECT_EQ(again.json()["notify"]["extra"][0], "email");
  // A code typed in lower case with spaces still finds it.
  std::string typed = code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  typed.erase(typed.find('-'), 1);
  EXPECT_EQ(client.get("/api/v1/bookings/" + typed).status, 200);
}

TEST_F(Api, KioskBookingNeedsNoNameOtherChannelsDo) {
  auto body = booking_body("2026-12-01T14:00:00+03:00");
  body["channel"] = "kiosk";
  body["client"] = {{"phone", "+79991234567"}};
  body["notify"] = {{"extra", {"sms"}}};
  auto r = client.post("/api/v1/bookings", body.dump(), {server.kiosk_header()});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["client"]["name"], "");
  body["channel"] = "web";
  auto refused = client.post("/api/v1/bookings", body.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["error"]["code"], "missing_field");
  EXPECT_EQ(refused.json()["error"]["field"], "client.name");
}

TEST_F(Api, IdempotencyKeyReplaysTheSameResponseAndRefusesAnotherBody) {
  const std::vector<std::string> key = {"Idempotency-Key: 5b7a0d61-req-1"};
  auto first =
      client.post("/api/v1/bookings", booking_body("2026-12-02T09:00:00+03:00").dump(), key);
  ASSERT_EQ(first.status, 201);
  auto second =
      client.post("/api/v1/bookings", booking_body("2026-12-02T09:00:00+03:00").dump(), key);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.headers["idempotent-replayed"], "true");
  // The same object re-serialised (other spacing, keys in another order) is the same request.
  const auto same = booking_body("2026-12-02T09:00:00+03:00");
  std::vector<std::string> members;
  for (const auto& [name, value] : same.items()) {
    members.insert(members.begin(), "  \"" + name + "\" : " + value.dump(2));  // reversed
  }
  std::string reordered = "{\n";
  for (size_t i = 0; i < members.size(); ++i) {
    reordered += members[i] + (i + 1 < members.size() ? ",\n" : "\n}");
  }
  ASSERT_NE(reordered.substr(0, 20), same.dump(2).substr(0, 20));
  auto respaced = client.post("/api/v1/bookings", reordered, key);
  EXPECT_EQ(respaced.status, 201) << respaced.body;
  EXPECT_EQ(respaced.body, first.body);
  EXPECT_EQ(respaced.headers["idempotent-replayed"], "true");
  auto other =
      client.post("/api/v1/bookings", booking_body("2026-12-02T09:15:00+03:00").dump(), key);
  EXPECT_EQ(other.status, 409);
  EXPECT_EQ(other.json()["error"]["code"], "idempotency_conflict");
  // Only one place was taken.
  EXPECT_EQ(okno::testing::sqlite_scalar(server.database(), "SELECT COUNT(*) FROM bookings"), "1");
}

TEST_F(Api, R_VISIT_6_CancelAnyTimeFreesThePlaceAndIsRecorded) {
  auto b = book("2026-12-01T11:00:00+03:00");
  const std::string code = b["code"];
  auto c = client.post("/api/v1/bookings/" + code + "/cancel", R"({"channel":"operator"})");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json()["status"], "cancelled");
  // Cancelling twice is harmless.
  EXPECT_EQ(client.post("/api/v1/bookings/" + code + "/cancel", "").status, 200);
  auto slots =
      client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01")
          .json()["slots"];
  bool seen = false;
  for (const auto& s : slots) {
    if (s["start"] == "2026-12-01T11:00:00+03:00") {
      EXPECT_EQ(s["free"], 2);
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  // R-HIST-1: booked then cancelled, each with its channel.
  auto h = client.get("/api/v1/bookings/" + code + "/history").json()["events"];
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0]["kind"], "booked");
  EXPECT_EQ(h[0]["channel"], "web");
  EXPECT_EQ(h[1]["kind"], "cancelled");
  EXPECT_EQ(h[1]["channel"], "operator");
}

TEST_F(Api, RescheduleMovesAtomically) {
  auto b = book("2026-12-01T12:00:00+03:00");
  const std::string code = b["code"];
  // Fill 12:15 completely, then try to move there: refused, nothing changes.
  book("2026-12-01T12:15:00+03:00");
  book("2026-12-01T12:15:00+03:00");
  auto refused = client.post("/api/v1/bookings/" + code + "/reschedule",
                             R"({"start":"2026-12-01T12:15:00+03:00"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(client.get("/api/v1/bookings/" + code).json()["start"], "2026-12-01T12:00:00+03:00");
  auto moved = client.post("/api/v1/bookings/" + code + "/reschedule",
                           R"({"start":"2026-12-01T12:30:00+03:00","channel":"portal"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["start"], "2026-12-01T12:30:00+03:00");
  EXPECT_EQ(moved.json()["version"], 2);
  EXPECT_EQ(
      okno::testing::sqlite_scalar(
          server.database(),
          "SELECT booked FROM slot_load WHERE start_utc = strftime('%s','2026-12-01 09:00:00')"),
      "0");
  // A cancelled booking cannot be moved.
  client.post("/api/v1/bookings/" + code + "/cancel", "");
  EXPECT_EQ(client
                .post("/api/v1/bookings/" + code + "/reschedule",
                      R"({"start":"2026-12-01T14:00:00+03:00"})")
                .status,
            409);
}

TEST_F(Api, R_VISIT_3_CalendarFileHasAddressAndChosenAlarms) {
  auto b = book("2026-12-01T09:30:00+03:00");
  auto ics = client.get("/api/v1/bookings/" + b["code"].get<std::string>() + "/calendar.ics");
  ASSERT_EQ(ics.status, 200);
  EXPECT_NE(ics.headers["content-type"].find("text/calendar"), std::string::npos);
  EXPECT_NE(ics.body.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(ics.body.find("DTSTART:20261201T063000Z"), std::string::npos);
  EXPECT_NE(ics.body.find("TRIGGER:-PT24H"), std::string::npos);
  EXPECT_NE(ics.body.find("TRIGGER:-PT2H"), std::string::npos);
  EXPECT_NE(ics.body.find("LOCATION:"), std::string::npos);
  // libical accepts it as iTIP (RFC 5546 PUBLISH): the office is the organizer.
  EXPECT_TRUE(okno::testing::itip_problems(ics.body).empty()) << ics.body;
  std::string unfolded = ics.body;  // RFC 5545 3.1: a CRLF and a space continue the line
  for (auto at = unfolded.find("\r\n "); at != std::string::npos; at = unfolded.find("\r\n ", at))
    unfolded.erase(at, 3);
  EXPECT_NE(
      unfolded.find("\r\nORGANIZER;CN=\"Ведомство, Тверская\":mailto:tverskaya@okno.example\r\n"),
      std::string::npos)
      << ics.body;
}

// The downloaded file of each version: the same file twice for one version; a reschedule and a
// cancel each give a later SEQUENCE with the DTSTAMP of that change, and libical accepts each.
TEST_F(Api, CalendarFileDtstampMovesWithEachVersion) {
  const std::string code = book("2026-12-01T10:00:00+03:00")["code"];
  const std::string path = "/api/v1/bookings/" + code + "/calendar.ics";
  auto fetch = [&] {
    auto r = client.get(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(okno::testing::itip_problems(r.body).empty()) << r.body;
    return r.body;
  };
  auto set_clock = [&](const char* iso) {
    ASSERT_EQ(client.post("/api/v1/_test/clock", std::string(R"({"now":")") + iso + "\"}").status,
              200);
  };
  const std::string booked = fetch();
  EXPECT_NE(booked.find("SEQUENCE:1\r\nDTSTAMP:20261130T060000Z\r\n"), std::string::npos) << booked;
  set_clock("2026-11-30T07:15:00Z");
  EXPECT_EQ(fetch(), booked);  // nothing changed: the same file, whatever the time of download
  ASSERT_EQ(client
                .post("/api/v1/bookings/" + code + "/reschedule",
                      R"({"start":"2026-12-01T11:00:00+03:00"})")
                .status,
            200);
  const std::string moved = fetch();
  EXPECT_NE(moved.find("SEQUENCE:2\r\nDTSTAMP:20261130T071500Z\r\n"), std::string::npos) << moved;
  EXPECT_NE(moved.find("METHOD:PUBLISH"), std::string::npos);
  set_clock("2026-11-30T08:00:00Z");
  ASSERT_EQ(client.post("/api/v1/bookings/" + code + "/cancel", "").status, 200);
  const std::string cancelled = fetch();
  EXPECT_NE(cancelled.find("METHOD:CANCEL"), std::string::npos);
  EXPECT_NE(cancelled.find("SEQUENCE:3\r\nDTSTAMP:20261130T080000Z\r\n"), std::string::npos)
      << cancelled;
}

TEST_F(Api, R_VISIT_5_QrCodesDecodeToTheBookingCode) {
  auto b = book("2026-12-01T09:45:00+03:00");
  const std::string code = b["code"];
  auto svg = client.get("/api/v1/bookings/" + code + "/qr.svg");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg", 0) == 0 || svg.body.rfind("<?xml", 0) == 0, true);
  auto png = client.get("/api/v1/bookings/" + code + "/qr.png");
  ASSERT_EQ(png.status, 200);
  ASSERT_GT(png.body.size(), 8u);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  const std::string path = server.database().parent_path() / "qr.png";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(png.body.data(), 1, png.body.size(), f);
  std::fclose(f);
  FILE* p = popen(("zbarimg --raw -q " + path).c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[128] = {};
  std::string decoded = std::fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, code);
}

TEST_F(Api, TestClockMovesTimeSoSlotsPass) {
  auto r = client.post("/api/v1/_test/clock", R"({"now":"2026-12-01T06:50:00Z"})");
  ASSERT_EQ(r.status, 200);
  // 09:50 Moscow: with a 60-minute lead time the first slot offered is 11:00.
  auto slots =
      client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-01")
          .json()["slots"];
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots[0]["start"], "2026-12-01T11:00:00+03:00");
  auto past = book("2026-12-01T09:00:00+03:00", 422);
  EXPECT_EQ(past["error"]["code"], "slot_in_past");
  auto soon = book("2026-12-01T10:30:00+03:00", 422);
  EXPECT_EQ(soon["error"]["code"], "slot_too_soon");
}

}  // namespace
