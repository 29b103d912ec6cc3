// Bad input against a real okno-server on loopback (issue 2, must-show 4): every malformed,
// mistyped, unknown, unoffered, oversized or non-UTF-8 request and every wrong or guessed booking
// code gets an exact 4xx with a JSON error in the request's language (R-CHAN-3), the server
// stays up, and nothing is stored (R-VISIT-2: only offered slots can be booked).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/source_root.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::sqlite_scalar;

namespace {

// The setup booking takes 10:00; the cases aim at 11:00, which stays free (checked at the end).
constexpr const char* kSetupStart = "2026-12-01T10:00:00+03:00";
constexpr const char* kGoodStart = "2026-12-01T11:00:00+03:00";
constexpr const char* kBookings = "/api/v1/bookings";

// The catalogs the server reads, with the hotline of the offices file it reads filled in
// ({hotline}, Catalog::set_constants), so a test sees the very text a client would.
const okno::Catalog& catalog() {
  static const okno::Catalog c = [] {
    auto loaded =
        okno::Catalog::load_directory(std::filesystem::path(OKNO_SOURCE_ROOT) / "locales");
    auto offices = okno::load_offices_file(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets" /
                                           "offices" / "demo.toml");
    if (!loaded || !offices) ADD_FAILURE() << "locales/ or demo.toml does not load";
    if (!loaded) return okno::Catalog{};
    if (offices) loaded->set_constants(okno::hotline_constants(offices->hotline));
    return *std::move(loaded);
  }();
  return c;
}

std::string expected_message(const std::string& lang, const std::string& code) {
  const auto language = okno::parse_language(lang);
  const std::string key = "error." + code;
  if (!language || !catalog().has(*language, key)) return std::string();
  return catalog().text(*language, key);
}

// What "nothing stored" is measured by.
struct Counts {
  std::string bookings, events, booked, keys;
  bool operator==(const Counts&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << "bookings=" << c.bookings << " events=" << c.events << " booked=" << c.booked
            << " idempotency_keys=" << c.keys;
}

// One way a request names its language, and the catalog it must then be answered from.
struct LangVariant {
  std::string lang;
  std::string query;  // appended to the path
  std::vector<std::string> headers;
};

const std::vector<LangVariant>& lang_variants() {
  static const std::vector<LangVariant> v = {
      {"ru", "", {}},  // no preference: Russian
      {"en", "", {"Accept-Language: en-US,en;q=0.9"}},
      {"kk", "lang=kk", {}},
  };
  return v;
}

std::string with_query(const std::string& path, const std::string& query) {
  if (query.empty()) return path;
  return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

struct Expect {
  int status;
  std::string code;
  std::optional<std::string> field = std::nullopt;
  // The message first says why (the office is closed then; the limit a range is over: issue 16
  // item 10), then the catalog's text for the code.
  bool says_why = false;
};

// Bad input is the subject: over a hundred wrong codes from one address would meet the
// code-guessing throttle (429 from the sixth), which has its own test (abuse_test.cpp).
okno::testing::ServerProcessOptions without_limits() {
  okno::testing::ServerProcessOptions o;
  o.rate_limits = false;
  return o;
}

class BadInput : public ::testing::Test {
 protected:
  ServerProcess server{without_limits()};
  HttpClient client{server.base_url()};
  std::string code;  // a real booking: the tables are not empty, and codes have a neighbour
  Counts before;
  int key_seq = 0;

  void SetUp() override {
    ASSERT_TRUE(server.started());
    auto r = client.post(kBookings, booking_body(kSetupStart).dump(), {"Idempotency-Key: setup"});
    ASSERT_EQ(r.status, 201) << r.body;
    code = r.json()["code"];
    before = counts();
    ASSERT_EQ(before.bookings, "1");
    ASSERT_EQ(before.booked, "1");
    ASSERT_EQ(before.keys, "1");
  }

  Counts counts() const {
    const auto& db = server.database();
    return {sqlite_scalar(db, "SELECT COUNT(*) FROM bookings"),
            sqlite_scalar(db, "SELECT COUNT(*) FROM events"),
            sqlite_scalar(db, "SELECT COALESCE(SUM(booked),0) FROM slot_load"),
            sqlite_scalar(db, "SELECT COUNT(*) FROM idempotency_keys")};
  }

  // Checks one answer: exact status and code, the JSON error shape, the message from the
  // catalog of `lang`, and the field when one is expected.
  void check_error(const HttpResponse& r, const Expect& e, const std::string& lang) {
    ASSERT_EQ(r.status, e.status) << r.body.substr(0, 500);
    const auto type = r.headers.find("content-type");
    ASSERT_NE(type, r.headers.end());
    EXPECT_EQ(type->second.rfind("application/json", 0), 0u) << type->second;
    const json body = r.json();
    ASSERT_TRUE(body.is_object() && body.contains("error") && body["error"].is_object())
        << r.body.substr(0, 500);
    const json& err = body["error"];
    ASSERT_TRUE(err.contains("code") && err["code"].is_string()) << r.body;
    EXPECT_EQ(err["code"].get<std::string>(), e.code) << r.body;
    ASSERT_TRUE(err.contains("message") && err["message"].is_string()) << r.body;
    const std::string message = err["message"];
    EXPECT_FALSE(message.empty());
    const std::string catalog_text = expected_message(lang, e.code);
    if (e.says_why) {
      ASSERT_GT(message.size(), catalog_text.size() + 1) << "language " << lang << ": " << message;
      EXPECT_EQ(message.substr(message.size() - catalog_text.size() - 1), " " + catalog_text)
          << "language " << lang;
    } else {
      EXPECT_EQ(message, catalog_text) << "language " << lang;
    }
    if (e.field) {
      ASSERT_TRUE(err.contains("field")) << r.body;
      EXPECT_EQ(err["field"], *e.field) << r.body;
    }
  }

  // The server still answers and nothing was written.
  void check_unharmed() {
    auto h = client.get("/healthz");
    ASSERT_EQ(h.status, 200) << "server down after the case: " << h.body;
    EXPECT_EQ(counts(), before);
  }

  // Sends the request once per language variant and checks every answer. Booking requests
  // carry a fresh Idempotency-Key, so a key stored for a refused request would show.
  // Returns the Russian answer's body.
  std::string reject(const std::string& method, const std::string& path, const std::string& body,
                     const Expect& e, std::vector<std::string> headers = {}) {
    std::string ru_body;
    const bool booking = method == "POST" && path == kBookings;
    for (const auto& v : lang_variants()) {
      SCOPED_TRACE(method + " " + path.substr(0, 120) + " [" + v.lang + "]");
      auto h = headers;
      h.insert(h.end(), v.headers.begin(), v.headers.end());
      const bool has_key = std::ranges::any_of(
          headers, [](const std::string& x) { return x.rfind("Idempotency-Key:", 0) == 0; });
      if (booking && !has_key) h.push_back("Idempotency-Key: bad-" + std::to_string(++key_seq));
      auto r = client.request(method, with_query(path, v.query), body, h);
      check_error(r, e, v.lang);
      if (v.lang == "ru") ru_body = r.body;
      check_unharmed();
    }
    return ru_body;
  }

  std::string reject_booking(const json& body, const Expect& e) {
    return reject("POST", kBookings, body.dump(), e);
  }

  // The setup booking is untouched: same start, still booked, first version.
  void expect_setup_booking_intact() {
    auto r = client.get(std::string(kBookings) + "/" + code);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["status"], "booked");
    EXPECT_EQ(r.json()["start"], kSetupStart);
    EXPECT_EQ(r.json()["version"], 1);
  }

  // The slot all the refused bookings aimed at can still be booked: they failed for their own
  // reason, not because the slot was gone.
  void expect_good_start_still_bookable() {
    auto r = client.post(kBookings, booking_body(kGoodStart).dump());
    EXPECT_EQ(r.status, 201) << r.body;
  }
};

json good() {
  return booking_body(kGoodStart);
}

json without(json body, const json::json_pointer& ptr) {
  body.at(ptr.parent_pointer()).erase(ptr.back());
  return body;
}

json with(json body, const json::json_pointer& ptr, json value) {
  body[ptr] = std::move(value);
  return body;
}

struct RawCase {
  std::string name;
  std::string body;
  Expect expect;
};

struct BodyCase {
  std::string name;
  json body;
  Expect expect;
};

// ---- malformed JSON --------------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_MalformedJsonIsRefusedAndNothingStored) {
  const std::string ok = good().dump();
  const std::vector<RawCase> cases = {
      {"truncated", ok.substr(0, ok.size() - 10), {400, "invalid_json"}},
      {"cut after a key", R"({"office":)", {400, "invalid_json"}},
      {"trailing garbage", ok + " xyz", {400, "invalid_json"}},
      {"second document", ok + ok, {400, "invalid_json"}},
      {"empty body", "", {400, "invalid_json"}},
      {"only spaces", "   \n", {400, "invalid_json"}},
      {"single quotes", "{'office':'demo'}", {400, "invalid_json"}},
      {"comment", "{/* hi */\"office\":\"demo\"}", {400, "invalid_json"}},
      {"trailing comma", R"({"office":"demo",})", {400, "invalid_json"}},
      {"NaN", R"({"office":NaN})", {400, "invalid_json"}},
      {"form encoding", "office=demo&service=passport", {400, "invalid_json"}},
      {"unclosed nesting", std::string(60000, '['), {400, "invalid_json"}},
      {"a JSON array", "[" + ok + "]", {400, "wrong_type", "(body)"}},
      {"a bare string", R"("book me")", {400, "wrong_type", "(body)"}},
      {"a number", "42", {400, "wrong_type", "(body)"}},
      {"null", "null", {400, "wrong_type", "(body)"}},
      {"deep nesting",
       std::string(30000, '[') + std::string(30000, ']'),
       {400, "wrong_type", "(body)"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    reject("POST", kBookings, c.body, c.expect);
  }
  expect_good_start_still_bookable();
}

// ---- wrong types, unknown and missing fields ----------------------------------------------------

TEST_F(BadInput, R_CHAN_3_WrongTypesAreRefusedWithTheField) {
  const std::vector<BodyCase> cases = {
      {"start as number",
       with(good(), "/start"_json_pointer, 202612011100),
       {400, "wrong_type", "start"}},
      {"office as null",
       with(good(), "/office"_json_pointer, nullptr),
       {400, "wrong_type", "office"}},
      {"service as object",
       with(good(), "/service"_json_pointer, {{"id", "passport"}}),
       {400, "wrong_type", "service"}},
      {"client as string",
       with(good(), "/client"_json_pointer, "Иван Петров"),
       {400, "wrong_type", "client"}},
      {"client.name as array",
       with(good(), "/client/name"_json_pointer, json::array({"Иван", "Петров"})),
       {400, "wrong_type", "client.name"}},
      {"client.phone as number",
       with(good(), "/client/phone"_json_pointer, 79991234567LL),
       {400, "wrong_type", "client.phone"}},
      {"reminders as string",
       with(good(), "/reminders"_json_pointer, "24h"),
       {400, "wrong_type", "reminders"}},
      {"needs containing a number",
       with(good(), "/needs"_json_pointer, {1}),
       {400, "wrong_type", "needs"}},
      {"consent.given as \"yes\"",
       with(good(), "/consent/given"_json_pointer, "yes"),
       {400, "wrong_type", "consent.given"}},
      {"consent.given as 1",
       with(good(), "/consent/given"_json_pointer, 1),
       {400, "wrong_type", "consent.given"}},
      {"consent as true",
       with(good(), "/consent"_json_pointer, true),
       {400, "wrong_type", "consent"}},
      {"notify as array",
       with(good(), "/notify"_json_pointer, {"portal"}),
       {400, "wrong_type", "notify"}},
      {"notify.extra as string",
       with(good(), "/notify/extra"_json_pointer, "email"),
       {400, "wrong_type", "notify.extra"}},
      {"language as number",
       with(good(), "/language"_json_pointer, 7),
       {400, "wrong_type", "language"}},
      {"channel as bool",
       with(good(), "/channel"_json_pointer, true),
       {400, "wrong_type", "channel"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    reject_booking(c.body, c.expect);
  }
  expect_good_start_still_bookable();
}

TEST_F(BadInput, R_CHAN_3_UnknownFieldsAreNamed) {
  const std::vector<BodyCase> cases = {
      {"top level", with(good(), "/admin"_json_pointer, true), {400, "unknown_field", "admin"}},
      {"top level, a would-be override",
       with(good(), "/status"_json_pointer, "booked"),
       {400, "unknown_field", "status"}},
      {"in client",
       with(good(), "/client/passport"_json_pointer, "4510 123456"),
       {400, "unknown_field", "client.passport"}},
      {"in notify",
       with(good(), "/notify/fax"_json_pointer, "+74951234567"),
       {400, "unknown_field", "notify.fax"}},
      {"in consent",
       with(good(), "/consent/signed"_json_pointer, true),
       {400, "unknown_field", "consent.signed"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    reject_booking(c.body, c.expect);
  }
  expect_good_start_still_bookable();
}

TEST_F(BadInput, R_CHAN_3_MissingRequiredFieldsAreNamed) {
  for (const char* field : {"office", "service", "start", "client"}) {
    SCOPED_TRACE(field);
    reject_booking(without(good(), json::json_pointer(std::string("/") + field)),
                   {400, "missing_field", field});
  }
  reject_booking(without(good(), "/client/name"_json_pointer),
                 {400, "missing_field", "client.name"});
  reject_booking(json::object(), {400, "missing_field", "office"});
  expect_good_start_still_bookable();
}

// ---- office, service, slot ------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_UnknownOfficeOrService) {
  reject_booking(with(good(), "/office"_json_pointer, "nowhere"), {404, "unknown_office"});
  reject_booking(with(good(), "/office"_json_pointer, ""), {404, "unknown_office"});
  reject_booking(with(good(), "/service"_json_pointer, "visa"), {404, "unknown_service"});
  reject_booking(with(good(), "/service"_json_pointer, "PASSPORT"), {404, "unknown_service"});
  expect_good_start_still_bookable();
}

TEST_F(BadInput, R_VISIT_2_StartNeverOfferedIsRefused) {
  const std::vector<std::pair<std::string, std::string>> starts = {
      {"09:07, off the grid", "2026-12-01T09:07:00+03:00"},
      {"10:05, open but not aligned", "2026-12-01T10:05:00+03:00"},
      {"seconds off the grid", "2026-12-01T10:00:30+03:00"},
      {"inside the 13:00-13:45 break", "2026-12-01T13:15:00+03:00"},
      {"at the break's start", "2026-12-01T13:00:00+03:00"},
  };
  for (const auto& [name, start] : starts) {
    SCOPED_TRACE(name);
    reject_booking(with(good(), "/start"_json_pointer, start), {422, "slot_not_offered"});
  }
  // The office closed at that time: the message says why first (R-CHAN-3).
  const std::vector<std::pair<std::string, std::string>> closed = {
      {"before opening", "2026-12-01T08:45:00+03:00"},
      {"at closing time", "2026-12-01T18:00:00+03:00"},
      {"at night", "2026-12-01T03:00:00+03:00"},
      {"holiday 31 December 2026", "2026-12-31T10:00:00+03:00"},
      {"Sunday 6 December", "2026-12-06T10:00:00+03:00"},
      {"Saturday 5 December after its 14:00 close", "2026-12-05T15:00:00+03:00"},
  };
  for (const auto& [name, start] : closed) {
    SCOPED_TRACE(name);
    reject_booking(with(good(), "/start"_json_pointer, start),
                   {422, "slot_not_offered", std::nullopt, true});
  }
  expect_good_start_still_bookable();
}

TEST_F(BadInput, R_VISIT_2_MalformedStartIsInvalidDate) {
  for (const char* start :
       {"2026-12-01 09:00", "2026-12-01T09:00:00", "2026-02-30T09:00:00+03:00",
        "2026-12-01T25:00:00+03:00", "2026-12-01T09:00:00+3", "01.12.2026 09:00", "tomorrow", "",
        "2026-12-01T09:00:00+03:00 ", "2026-12-01T09:00:00.000+03:00"}) {
    SCOPED_TRACE(start);
    reject_booking(with(good(), "/start"_json_pointer, start), {422, "invalid_date", "start"});
  }
  expect_good_start_still_bookable();
}

TEST_F(BadInput, R_VISIT_2_PastTooSoonAndTooFarSlots) {
  // Server clock: Monday 2026-11-30 09:00 Moscow; passport: 60 minutes lead, 30 days horizon.
  reject_booking(with(good(), "/start"_json_pointer, "2026-11-27T10:00:00+03:00"),
                 {422, "slot_in_past"});
  reject_booking(with(good(), "/start"_json_pointer, "2026-11-30T09:30:00+03:00"),
                 {422, "slot_too_soon"});
  reject_booking(with(good(), "/start"_json_pointer, "2027-01-20T10:00:00+03:00"),
                 {422, "slot_too_far"});
  // Later the same day: the morning has passed.
  auto r = client.post("/api/v1/_test/clock", R"({"now":"2026-12-01T09:00:00Z"})");
  ASSERT_EQ(r.status, 200) << r.body;
  reject_booking(with(good(), "/start"_json_pointer, "2026-12-01T09:00:00+03:00"),
                 {422, "slot_in_past"});
  reject_booking(with(good(), "/start"_json_pointer, "2026-12-01T12:30:00+03:00"),
                 {422, "slot_too_soon"});
}

// ---- the client's data ----------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_InvalidClientDataIsRefused) {
  json no_email = without(good(), "/client/email"_json_pointer);
  json no_phone_sms =
      with(without(good(), "/client/phone"_json_pointer), "/notify/extra"_json_pointer, {"sms"});
  const std::vector<BodyCase> cases = {
      {"phone with letters",
       with(good(), "/client/phone"_json_pointer, "+7999ABC4567"),
       {422, "invalid_phone"}},
      {"phone too short",
       with(good(), "/client/phone"_json_pointer, "+7999"),
       {422, "invalid_phone"}},
      {"phone too long",
       with(good(), "/client/phone"_json_pointer, "+7999123456789012"),
       {422, "invalid_phone"}},
      {"phone without country code",
       with(good(), "/client/phone"_json_pointer, "9991234567"),
       {422, "invalid_phone"}},
      {"phone two pluses",
       with(good(), "/client/phone"_json_pointer, "++79991234567"),
       {422, "invalid_phone"}},
      {"e-mail without domain",
       with(good(), "/client/email"_json_pointer, "ivan@"),
       {422, "invalid_email"}},
      {"e-mail without @",
       with(good(), "/client/email"_json_pointer, "ivan.example.org"),
       {422, "invalid_email"}},
      {"e-mail with a space",
       with(good(), "/client/email"_json_pointer, "iv an@example.org"),
       {422, "invalid_email"}},
      {"e-mail with two @",
       with(good(), "/client/email"_json_pointer, "ivan@@example.org"),
       {422, "invalid_email"}},
      {"empty name", with(good(), "/client/name"_json_pointer, ""), {422, "invalid_name"}},
      {"blank name", with(good(), "/client/name"_json_pointer, "   "), {422, "invalid_name"}},
      {"name with a control character",
       with(good(), "/client/name"_json_pointer, "Иван\x01"),
       {422, "invalid_name"}},
      {"name of 201 characters",
       with(good(), "/client/name"_json_pointer, std::string(201, 'a')),
       {422, "invalid_name"}},
      {"e-mail channel without e-mail", no_email, {422, "contact_missing"}},
      {"sms channel without phone", no_phone_sms, {422, "contact_missing"}},
      {"consent missing", without(good(), "/consent"_json_pointer), {422, "consent_missing"}},
      {"consent null", with(good(), "/consent"_json_pointer, nullptr), {422, "consent_missing"}},
      {"consent given=false",
       with(good(), "/consent/given"_json_pointer, false),
       {422, "consent_missing"}},
      {"consent without given",
       without(good(), "/consent/given"_json_pointer),
       {422, "consent_missing"}},
      {"consent without version",
       without(good(), "/consent/version"_json_pointer),
       {422, "consent_missing"}},
      {"language de",
       with(good(), "/language"_json_pointer, "de"),
       {422, "invalid_language", "language"}},
      {"language russian",
       with(good(), "/language"_json_pointer, "russian"),
       {422, "invalid_language", "language"}},
      {"reminders 1h",
       with(good(), "/reminders"_json_pointer, {"1h"}),
       {422, "invalid_value", "reminders"}},
      {"need unknown",
       with(good(), "/needs"_json_pointer, {"magic"}),
       {422, "invalid_value", "needs"}},
      {"booking channel fax",
       with(good(), "/channel"_json_pointer, "fax"),
       {422, "invalid_value", "channel"}},
      {"mandatory e-mail",
       with(good(), "/notify"_json_pointer, {{"mandatory", "email"}}),
       {422, "invalid_channel"}},
      {"mandatory pigeon",
       with(good(), "/notify/mandatory"_json_pointer, "pigeon"),
       {422, "invalid_channel", "notify.mandatory"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    reject_booking(c.body, c.expect);
  }
  expect_good_start_still_bookable();
}

// An offset is hours 00-23 and minutes 00-59: "+03:60" must not be read as +04:00 and book the
// hour before the one asked for.
TEST_F(BadInput, R_VISIT_2_OutOfRangeOffsetIsInvalidDate) {
  for (const char* start :
       {"2026-12-01T12:00:00+03:60", "2026-12-01T11:00:00+99:99", "2026-12-01T11:00:00+24:00"}) {
    SCOPED_TRACE(start);
    reject_booking(with(good(), "/start"_json_pointer, start), {422, "invalid_date", "start"});
  }
  expect_good_start_still_bookable();
}

// ---- idempotency keys ------------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_RefusedRequestDoesNotUseUpItsIdempotencyKey) {
  reject("POST", kBookings, good().dump(), {422, "invalid_value", "Idempotency-Key"},
         {"Idempotency-Key: " + std::string(256, 'k')});
  // The same key first with a refused body, then with a good one: the refusal kept nothing,
  // so the good body is booked rather than answered with idempotency_conflict.
  const std::vector<std::string> key = {"Idempotency-Key: retry-after-fix"};
  auto bad = with(good(), "/client/phone"_json_pointer, "+7999");
  reject("POST", kBookings, bad.dump(), {422, "invalid_phone"}, key);
  auto r = client.post(kBookings, good().dump(), key);
  ASSERT_EQ(r.status, 201) << r.body;
  auto again = client.post(kBookings, good().dump(), key);
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(again.json()["code"], r.json()["code"]);
  EXPECT_EQ(sqlite_scalar(server.database(), "SELECT COUNT(*) FROM idempotency_keys"), "2");
}

// ---- size and encoding ----------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_OneMebibyteBodyIsTooLarge) {
  json big = with(good(), "/client/name"_json_pointer, std::string(1 << 20, 'a'));
  reject("POST", kBookings, big.dump(), {413, "body_too_large"});
  reject("POST", kBookings, std::string(1 << 20, '{'), {413, "body_too_large"});
  reject("POST", std::string(kBookings) + "/" + code + "/cancel", std::string(1 << 20, ' '),
         {413, "body_too_large"});
  expect_setup_booking_intact();
  expect_good_start_still_bookable();
}

// The same body sent in chunks, with no Content-Length to judge it by up front. cpp-httplib 0.11
// applies its size limit to Content-Length bodies only, so the server refuses chunked bodies
// before reading them (411 Length Required) rather than take any size into memory.
TEST_F(BadInput, R_CHAN_3_ChunkedBodyIsRefusedBeforeItIsRead) {
  json big = with(good(), "/client/name"_json_pointer, std::string(1 << 20, 'a'));
  reject("POST", kBookings, big.dump(), {411, "bad_request"}, {"Transfer-Encoding: chunked"});
  reject("POST", kBookings, good().dump(), {411, "bad_request"}, {"Transfer-Encoding: chunked"});
  reject("POST", std::string(kBookings) + "/" + code + "/cancel", std::string(1 << 20, ' '),
         {411, "bad_request"}, {"Transfer-Encoding: chunked"});
  expect_setup_booking_intact();
}

TEST_F(BadInput, R_CHAN_3_InvalidUtf8IsRefused) {
  const std::string tmpl = with(good(), "/client/name"_json_pointer, "@NAME@").dump();
  auto with_name = [&](const std::string& raw) {
    std::string s = tmpl;
    s.replace(s.find("@NAME@"), 6, raw);
    return s;
  };
  const std::vector<std::pair<std::string, std::string>> names = {
      {"C3 28: lead byte without continuation", "\xC3\x28"},
      {"C0 AF: overlong '/'", "\xC0\xAF"},
      {"E0 80 AF: overlong '/' in three bytes", "\xE0\x80\xAF"},
      {"ED A0 80: lone surrogate", "\xED\xA0\x80"},
      {"ED B0 80: lone low surrogate", "\xED\xB0\x80"},
      {"F4 90 80 80: above U+10FFFF", "\xF4\x90\x80\x80"},
      {"FF", "\xFF"},
      {"stray continuation", "\x80\x80"},
      {"truncated at the end", "Иван\xD0"},
  };
  for (const auto& [name, raw] : names) {
    SCOPED_TRACE(name);
    reject("POST", kBookings, with_name(raw), {400, "invalid_utf8"});
  }
  // Outside a string, in a key, and in an e-mail.
  std::string key = good().dump();
  key.replace(key.find("\"office\""), 8, "\"off\xC3\x28ice\"");
  reject("POST", kBookings, key, {400, "invalid_utf8"});
  std::string email = good().dump();
  email.replace(email.find("ivan@example.org"), 4, "iv\xC0\xAF");
  reject("POST", kBookings, email, {400, "invalid_utf8"});
  // A lone surrogate written as a JSON escape cannot be read either.
  reject("POST", kBookings, with_name("\\ud800"), {400, "invalid_json"});
  // And in the Idempotency-Key header.
  reject("POST", kBookings, good().dump(), {422, "invalid_value", "Idempotency-Key"},
         {"Idempotency-Key: k\xC3\x28"});
  // The body of a change request.
  reject("POST", std::string(kBookings) + "/" + code + "/cancel", "{\"channel\":\"w\xC3\x28\"}",
         {400, "invalid_utf8"});
  expect_setup_booking_intact();
  expect_good_start_still_bookable();
}

// ---- wrong or guessed codes -----------------------------------------------------------------

std::string url_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

TEST_F(BadInput, R_CHAN_3_WrongOrGuessedCodeIsNotFoundWithoutAnOracle) {
  // The alphabet of core/src/booking_code.cpp: "23456789ACEKMPTX".
  std::string one_off = code;  // "XXXXX-XXXXX": change the last character
  one_off.back() = one_off.back() == '2' ? '3' : '2';
  std::string unknown = "23456-789AC";
  if (unknown == code) unknown = "XTPMK-ECA98";
  const std::vector<std::pair<std::string, std::string>> codes = {
      {"valid-looking, unknown", unknown},
      {"valid-looking without dash", "XTPMKECA98"},
      {"real code, one character changed", one_off},
      {"real code, one character dropped", code.substr(0, code.size() - 1)},
      {"real code, one character added", code + "2"},
      {"SQL", url_encode("'; DROP TABLE bookings;--")},
      {"SQL wildcard", url_encode("%")},
      {"5 KB of alphabet", std::string(5120, 'A')},
      {"5 KB of garbage", url_encode(std::string(5120 / 3, '\x7f'))},
      {"letters outside the alphabet", "BBBBB-BBBBB"},
      {"invalid UTF-8", "%C3%28%C3%28%C3%28%C3%28%C3%28"},
      {"NUL", "AAAAA%00AAAAA"},
  };
  const std::string reschedule = json{{"start", kGoodStart}}.dump();
  struct Endpoint {
    std::string method, suffix, body;
  };
  const std::vector<Endpoint> endpoints = {
      {"GET", "", ""},
      {"POST", "/cancel", ""},
      {"POST", "/cancel", R"({"channel":"operator"})"},
      {"POST", "/reschedule", reschedule},
      {"GET", "/calendar.ics", ""},
      {"GET", "/qr.png", ""},
      {"GET", "/qr.svg", ""},
      {"GET", "/history", ""},
  };
  for (const auto& ep : endpoints) {
    std::optional<std::string> first_body;
    for (const auto& [name, c] : codes) {
      SCOPED_TRACE(ep.method + " " + ep.suffix + " with " + name);
      const std::string body = reject(ep.method, std::string(kBookings) + "/" + c + ep.suffix,
                                      ep.body, {404, "booking_not_found"});
      // No oracle: the answer is the same, byte for byte, whatever the code looked like.
      if (!first_body) first_body = body;
      EXPECT_EQ(body, *first_body);
    }
  }
  EXPECT_EQ(sqlite_scalar(server.database(), "SELECT COUNT(*) FROM bookings"), "1");
  expect_setup_booking_intact();
}

TEST_F(BadInput, R_CHAN_3_PathTraversalInTheCodeFindsNothing) {
  // A slash in the decoded code takes the request off the booking routes: the plain 404.
  const std::string traversal = url_encode("../../etc/passwd");
  reject("GET", std::string(kBookings) + "/" + traversal, "", {404, "not_found"});
  reject("GET", std::string(kBookings) + "/" + traversal + "/qr.png", "", {404, "not_found"});
  reject("POST", std::string(kBookings) + "/" + traversal + "/cancel", "", {404, "not_found"});
  expect_setup_booking_intact();
}

// ---- slots query ----------------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_SlotsQueryErrors) {
  const std::string base = "/api/v1/offices/demo/slots";
  reject("GET", base + "?from=2026-12-01&to=2026-12-01", "", {400, "missing_field", "service"});
  reject("GET", base + "?service=passport&from=2026-13-01", "", {422, "invalid_date", "from"});
  reject("GET", base + "?service=passport&from=2026-12-01&to=2026-02-30", "",
         {422, "invalid_date", "to"});
  reject("GET", base + "?service=passport&from=1.12.2026", "", {422, "invalid_date", "from"});
  reject("GET", base + "?service=passport&from=2026-12-10&to=2026-12-09", "",
         {422, "invalid_range"});
  // Over the limit is its own refusal, whose message names the limit (issue 16, item 10).
  reject("GET", base + "?service=passport&from=2026-12-01&to=2027-03-01", "",
         {422, "range_too_long", std::nullopt, true});
  reject("GET", base + "?service=passport&from=2026-12-01&to=2027-02-01", "",
         {422, "range_too_long", std::nullopt, true});  // 63 days
  reject("GET", base + "?service=visa&from=2026-12-01&to=2026-12-01", "", {404, "unknown_service"});
  reject("GET", "/api/v1/offices/nowhere/slots?service=passport", "", {404, "unknown_office"});
  reject("GET", base + "?service=", "", {404, "unknown_service"});
  // The longest allowed range, 62 days, is answered.
  auto ok = client.get(base + "?service=passport&from=2026-12-01&to=2027-01-31");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

// ---- change requests ------------------------------------------------------------------------

TEST_F(BadInput, R_VISIT_6_RescheduleAndCancelWithABadBody) {
  const std::string self = std::string(kBookings) + "/" + code;
  reject("POST", self + "/reschedule", "{}", {400, "missing_field", "start"});
  reject("POST", self + "/reschedule", "", {400, "invalid_json"});
  reject("POST", self + "/reschedule", R"({"start":"2026-12-01T11:00:00+03:00","when":"now"})",
         {400, "unknown_field", "when"});
  reject("POST", self + "/reschedule", R"({"start":"2026-12-01T11:00:00+03:00")",
         {400, "invalid_json"});
  reject("POST", self + "/reschedule", R"({"start":202612011100})", {400, "wrong_type", "start"});
  reject("POST", self + "/reschedule", R"({"start":"2026-12-01 11:00"})",
         {422, "invalid_date", "start"});
  reject("POST", self + "/reschedule", R"({"start":"2026-12-01T11:07:00+03:00"})",
         {422, "slot_not_offered"});
  reject("POST", self + "/reschedule", R"({"start":"2026-12-31T11:00:00+03:00"})",
         {422, "slot_not_offered", std::nullopt, true});  // says the office is closed then
  reject("POST", self + "/reschedule", R"({"start":"2026-11-27T11:00:00+03:00"})",
         {422, "slot_in_past"});
  reject("POST", self + "/reschedule", R"({"start":"2027-01-20T11:00:00+03:00"})",
         {422, "slot_too_far"});
  reject("POST", self + "/reschedule",
         R"({"start":"2026-12-01T11:00:00+03:00","channel":"pigeon"})",
         {422, "invalid_value", "channel"});
  reject("POST", self + "/cancel", R"({"channel":"fax"})", {422, "invalid_value", "channel"});
  reject("POST", self + "/cancel", R"({"channel":"web","reason":"changed my mind"})",
         {400, "unknown_field", "reason"});
  reject("POST", self + "/cancel", R"({"start":"2026-12-01T11:00:00+03:00"})",
         {400, "unknown_field", "start"});
  reject("POST", self + "/cancel", "[]", {400, "wrong_type", "(body)"});
  reject("POST", self + "/cancel", "{", {400, "invalid_json"});
  expect_setup_booking_intact();
}

// ---- unknown URLs ---------------------------------------------------------------------------

TEST_F(BadInput, R_CHAN_3_UnknownUrlIsJsonNotFound) {
  reject("GET", "/api/v1/nothing", "", {404, "not_found"});
  reject("GET", "/nope", "", {404, "not_found"});
  reject("GET", "/api/v2/offices", "", {404, "not_found"});
  reject("POST", "/api/v1/bookings/" + code + "/delete", "{}", {404, "not_found"});
  reject("GET", "/api/v1/offices/demo/services/passport/secret", "", {404, "not_found"});
  reject("GET", "/api/v1/offices/nowhere/services", "", {404, "unknown_office"});
  expect_setup_booking_intact();
}

// ---- personal data stays out of the log -----------------------------------------------------

TEST(BadInputLog, R_CHAN_3_RefusedRequestsLeaveNoPersonalDataInTheLog) {
  char tmpl[] = "/tmp/okno-bad-log-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::filesystem::path dir = tmpl;
  const std::filesystem::path log = dir / "server.log";
  const std::string phone = "+79995550142";
  const std::string email = "secret.person@example.org";
  const std::string name = "Тайна Клиентова";
  {
    ServerProcessOptions options;
    options.extra_args = {"--log-level", "debug"};
    options.log_file = log;
    ServerProcess server(options);
    ASSERT_TRUE(server.started());
    HttpClient client(server.base_url());
    json body = booking_body(kGoodStart);
    body["client"] = {{"name", name}, {"phone", phone}, {"email", email}};
    const std::vector<std::pair<json, int>> cases = {
        {with(body, "/client/email"_json_pointer, email + "@"), 422},
        {with(body, "/client/phone"_json_pointer, phone + "X"), 422},
        {with(body, "/client/phone"_json_pointer, phone + "1234567"), 422},
        {with(body, "/consent/given"_json_pointer, false), 422},
        {with(body, "/start"_json_pointer, "2026-12-01T11:07:00+03:00"), 422},
        {with(body, "/client/secret"_json_pointer, phone), 400},
        {with(body, "/office"_json_pointer, "nowhere"), 404},
    };
    for (const auto& [b, status] : cases) {
      auto r = client.post(kBookings, b.dump(), {"Idempotency-Key: " + email});
      EXPECT_EQ(r.status, status) << r.body;
    }
    auto r = client.post(kBookings, body.dump().substr(0, 60) + phone, {});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(sqlite_scalar(server.database(), "SELECT COUNT(*) FROM bookings"), "0");
  }  // the server stops here and flushes its log
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string logged = text.str();
  // The debug log has the access lines, so the check below looks at a real log.
  EXPECT_NE(logged.find("/api/v1/bookings"), std::string::npos) << logged;
  for (const std::string& secret : {phone, phone.substr(2), std::string("5550142"), email,
                                    std::string("secret.person"), name}) {
    EXPECT_EQ(logged.find(secret), std::string::npos) << secret << " in the log:\n" << logged;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
