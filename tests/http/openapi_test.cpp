// Keeps docs/openapi.json honest against a real okno-server process: the document parses as
// OpenAPI 3.0, its error codes are the server's, every documented route answers (and only those),
// the booking request schema lists exactly the fields the server accepts, and a real booking has
// every property the Booking schema requires.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "okno/booking.hpp"
#include "okno/error.hpp"
#include "okno/language.hpp"
#include "okno/source_root.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::booking_body;
using okno::testing::HttpClient;
using okno::testing::HttpResponse;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;

namespace {

const std::filesystem::path kDocPath =
    std::filesystem::path(OKNO_SOURCE_ROOT) / "docs/openapi.json";

json load_document() {
  std::ifstream in(kDocPath);
  if (!in) return json();
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
}

// Not const on purpose: operator[] on a missing key then yields a null (inserted) instead of the
// undefined behaviour of const operator[], so a broken document fails a check, not the process.
json& document() {
  static json doc = load_document();
  return doc;
}

// Follows local "$ref"s ("#/components/...") until a schema without one.
json& resolve(json& node) {
  json* cur = &node;
  for (int depth = 0; depth < 16 && cur->is_object() && cur->contains("$ref"); ++depth) {
    const std::string ref = (*cur)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) break;
    const json::json_pointer ptr(ref.substr(1));
    if (!document().contains(ptr)) break;
    cur = &document().at(ptr);
  }
  return *cur;
}

json& schema(const std::string& name) {
  return resolve(document()["components"]["schemas"][name]);
}

std::set<std::string> keys_of(const json& obj) {
  std::set<std::string> out;
  if (!obj.is_object()) return out;
  for (auto it = obj.begin(); it != obj.end(); ++it) out.insert(it.key());
  return out;
}

std::set<std::string> strings_of(const json& arr) {
  std::set<std::string> out;
  if (!arr.is_array()) return out;
  for (const auto& v : arr) {
    if (v.is_string()) out.insert(v.get<std::string>());
  }
  return out;
}

template <class E, size_t N>
std::set<std::string> names(const E (&values)[N]) {
  std::set<std::string> out;
  for (E v : values) out.insert(std::string(okno::to_string(v)));
  return out;
}

// The error code of an answer, "" when it is no error object.
std::string error_code(const HttpResponse& r) {
  auto body = r.json();
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  return body["error"].value("code", "");
}

bool is_route_miss(const HttpResponse& r) {
  auto body = r.json();
  return r.status == 404 && body.is_object() && body.contains("error") &&
         body["error"].value("code", "") == "not_found";
}

const char* const kMethods[] = {"get", "put", "post", "delete", "patch", "head", "options"};

// Every operation on a booking of its own, all for the same contact from one address: more than
// the per-contact limit (docs/security.md), so the limits are off here; 429 answers are checked
// against the document through abuse_test.cpp's answers (openapi.answers).
okno::testing::ServerProcessOptions without_limits() {
  okno::testing::ServerProcessOptions o;
  o.rate_limits = false;
  return o;
}

class OpenApi : public ::testing::Test {
 protected:
  ServerProcess server{without_limits()};
  HttpClient client{server.base_url()};
  std::vector<std::string> starts;  // free slot starts, each used once
  size_t next_start = 0;

  void SetUp() override {
    ASSERT_TRUE(document().is_object()) << "cannot read " << kDocPath;
    ASSERT_TRUE(server.started());
    // Server clock: Monday 2026-11-30 09:00 Moscow; Tuesday and Wednesday are working days.
    auto r =
        client.get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-02");
    ASSERT_EQ(r.status, 200) << r.body;
    const json slots = r.json()["slots"];  // a copy: the temporary from json() would dangle
    for (const auto& s : slots) starts.push_back(s["start"].get<std::string>());
    ASSERT_GE(starts.size(), 40u);
  }

  std::string fresh_start() {
    EXPECT_LT(next_start, starts.size());
    return next_start < starts.size() ? starts[next_start++] : std::string("none");
  }

  HttpResponse post_booking(const json& body, const std::vector<std::string>& headers = {}) {
    return client.post("/api/v1/bookings", body.dump(), headers);
  }

  std::string new_booking_code() {
    auto r = post_booking(booking_body(fresh_start()));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("code", "");
  }

  // The booking request example as documented (the request body's example, else the schema's).
  json documented_booking_example() {
    json& media = document()["paths"]["/api/v1/bookings"]["post"]["requestBody"]["content"]
                            ["application/json"];
    if (media.contains("examples") && !media["examples"].empty()) {
      return resolve(media["examples"].begin().value())["value"];
    }
    if (media.contains("example")) return media["example"];
    return schema("BookingRequest")["example"];
  }
};

TEST(OpenApiDocument, ParsesAndIsOpenApi30) {
  json& doc = document();
  ASSERT_TRUE(doc.is_object()) << kDocPath << " is missing or not JSON";
  ASSERT_TRUE(doc.contains("openapi") && doc["openapi"].is_string());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.0.", 0), 0u) << doc["openapi"];
  EXPECT_TRUE(doc["info"]["title"].is_string());
  EXPECT_TRUE(doc["info"]["version"].is_string());
  ASSERT_TRUE(doc["paths"].is_object());
  EXPECT_FALSE(doc["paths"].empty());
  for (const char* name :
       {"Error", "ErrorCode", "Booking", "BookingRequest", "Slot", "Office", "Service"}) {
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
  }
  // Every local $ref points somewhere.
  std::vector<const json*> stack{&doc};
  while (!stack.empty()) {
    const json* node = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      if (node->contains("$ref") && (*node)["$ref"].is_string()) {
        const std::string ref = (*node)["$ref"];
        ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
        EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << "dangling " << ref;
      }
      for (const auto& item : node->items()) stack.push_back(&item.value());
    } else if (node->is_array()) {
      for (const auto& item : *node) stack.push_back(&item);
    }
  }
}

TEST(OpenApiDocument, ErrorCodeEnumIsExactlyTheServersCodesWithTheirStatuses) {
  json& code = resolve(schema("Error")["properties"]["error"]["properties"]["code"]);
  const std::set<std::string> documented = strings_of(code["enum"]);
  std::set<std::string> server;
  for (auto c : okno::all_error_codes()) server.insert(std::string(okno::to_string(c)));
  EXPECT_EQ(documented, server);
  EXPECT_EQ(code["enum"].size(), documented.size()) << "duplicates in the enum";
  // The code list's description names each code's HTTP status as "`code` 409".
  const std::string description = code.value("description", "");
  for (auto c : okno::all_error_codes()) {
    const std::string entry =
        "`" + std::string(okno::to_string(c)) + "` " + std::to_string(okno::http_status(c));
    EXPECT_NE(description.find(entry), std::string::npos) << entry;
  }
}

TEST(OpenApiDocument, EnumsAreTheDomainsOwn) {
  using namespace okno;
  std::set<std::string> languages;
  for (auto l : kAllLanguages) languages.insert(std::string(to_string(l)));
  EXPECT_EQ(strings_of(schema("Language")["enum"]), languages);
  static constexpr BookingChannel kChannels[] = {BookingChannel::web, BookingChannel::portal,
                                                 BookingChannel::operator_line,
                                                 BookingChannel::kiosk};
  EXPECT_EQ(strings_of(schema("BookingChannel")["enum"]), names(kChannels));
  static constexpr NotifyChannel kNotify[] = {NotifyChannel::portal, NotifyChannel::email,
                                              NotifyChannel::sms};
  EXPECT_EQ(strings_of(schema("NotifyChannel")["enum"]), names(kNotify));
  static constexpr Reminder kReminders[] = {Reminder::before_24h, Reminder::before_2h};
  EXPECT_EQ(strings_of(schema("Reminder")["enum"]), names(kReminders));
  static constexpr Need kNeeds[] = {Need::sign_language, Need::tactile_interpreter,
                                    Need::wheelchair, Need::large_print};
  EXPECT_EQ(strings_of(schema("Need")["enum"]), names(kNeeds));
  static constexpr BookingStatus kStatuses[] = {BookingStatus::booked, BookingStatus::cancelled};
  EXPECT_EQ(strings_of(schema("BookingStatus")["enum"]), names(kStatuses));
}

TEST(OpenApiDocument, RequestBodiesRefuseUnknownFieldsAndTestClockIsMarked) {
  for (const char* name : {"BookingRequest", "ClientInput", "NotifyInput", "ConsentInput",
                           "CancelRequest", "RescheduleRequest"}) {
    EXPECT_EQ(schema(name).value("additionalProperties", true), false) << name;
  }
  json& clock = document()["paths"]["/api/v1/_test/clock"]["post"];
  EXPECT_EQ(clock.value("x-test-only", false), true);
  EXPECT_NE(clock.value("description", "").find("--test-clock-api"), std::string::npos);
}

TEST_F(OpenApi, EveryDocumentedOperationAnswersWithADocumentedSuccess) {
  int operations = 0;
  for (auto& [path, item] : document()["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      json& operation = item[method];
      ++operations;
      // Queue operations depend on each other's state (a desk calls before it finishes): they
      // run in their documented order in queue_openapi_test.cpp, with the same checks.
      if (operation.contains("x-queue-sequence")) continue;
      // Path parameters get real values, each operation on a booking of its own.
      std::string url = path;
      auto put = [&](const std::string& name, const std::string& value) {
        const std::string key = "{" + name + "}";
        if (auto at = url.find(key); at != std::string::npos) url.replace(at, key.size(), value);
      };
      put("office", "demo");
      put("id", "1");  // a kiosk device (staff only: answered 401 here)
      if (url.find("{code}") != std::string::npos) put("code", new_booking_code());
      put("login", "desk.one");  // staff account routes (anonymous here: 401)
      ASSERT_EQ(url.find('{'), std::string::npos) << "unknown path parameter in " << path;
      if (url.ends_with("/slots")) url += "?service=passport&from=2026-12-01&to=2026-12-01";

      std::string body;
      if (path == "/api/v1/bookings") body = booking_body(fresh_start()).dump();
      if (url.ends_with("/cancel")) body = json{{"channel", "operator"}}.dump();
      if (url.ends_with("/reschedule")) body = json{{"start", fresh_start()}}.dump();
      if (url.ends_with("/_test/clock")) body = json{{"advance_s", 0}}.dump();

      std::string verb = method;
      for (auto& ch : verb) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      auto r = client.request(verb, url, body, {});
      SCOPED_TRACE(verb + " " + url + " -> " + std::to_string(r.status) + " " +
                   r.body.substr(0, 200));
      EXPECT_FALSE(is_route_miss(r)) << "documented but not routed";
      // Staff operations (a security requirement, and the sign-in itself) answer this anonymous
      // client with their documented 401; tests/http/staff_security_test.cpp covers the rest.
      // An empty requirement ({}) among the alternatives means anyone may call it (the public
      // routes whose kiosk channel needs X-Kiosk-Key).
      bool anonymous_allowed = !operation.contains("security") || operation["security"].empty();
      for (const auto& requirement : operation.value("security", json::array())) {
        anonymous_allowed = anonymous_allowed || requirement.empty();
      }
      const bool staff_only = !anonymous_allowed || path == "/api/v1/staff/login";
      if (staff_only) {
        if (path == "/api/v1/staff/login") {
          r = client.request(verb, url, R"({"login":"nobody","password":"nothing at all"})", {});
        }
        EXPECT_EQ(r.status, 401);
        EXPECT_TRUE(operation["responses"].contains("401")) << "401 not documented";
        continue;
      }
      EXPECT_GE(r.status, 200);
      EXPECT_LT(r.status, 300);
      const std::string status = std::to_string(r.status);
      ASSERT_TRUE(operation["responses"].contains(status)) << "status not documented";
      json& response = resolve(operation["responses"][status]);
      const std::string type = r.headers["content-type"];
      bool type_documented = false;
      for (const auto& [media, unused] : response["content"].items()) {
        type_documented = type_documented || type.rfind(media, 0) == 0;
      }
      EXPECT_TRUE(type_documented) << "content type " << type << " not documented";
    }
  }
  EXPECT_GE(operations, 14);
}

TEST_F(OpenApi, UndocumentedPathsAndMethodsGiveNotFound) {
  for (const std::string path : {"/api/v1/undocumented", "/api/v2/offices",
                                 "/api/v1/offices/demo/x", "/api/v1/bookings/ABCDE-FGHIJ/delete"}) {
    ASSERT_FALSE(document()["paths"].contains(path));
    auto r = client.get(path);
    EXPECT_TRUE(is_route_miss(r)) << path << " -> " << r.status << " " << r.body;
  }
  // A documented path with a method it does not document.
  const std::string code = new_booking_code();
  ASSERT_FALSE(document()["paths"]["/api/v1/bookings/{code}"].contains("delete"));
  auto r = client.request("DELETE", "/api/v1/bookings/" + code, "", {});
  EXPECT_TRUE(r.status == 404 || r.status == 405) << r.status << " " << r.body;
  EXPECT_EQ(client.get("/api/v1/bookings/" + code).json()["status"], "booked");
}

TEST_F(OpenApi, TestClockRouteExistsOnlyWithItsFlag) {
  ServerProcessOptions options;
  options.test_clock_api = false;
  ServerProcess plain(options);
  ASSERT_TRUE(plain.started());
  HttpClient other(plain.base_url());
  EXPECT_TRUE(is_route_miss(other.post("/api/v1/_test/clock", R"({"advance_s":0})")));
  EXPECT_EQ(client.post("/api/v1/_test/clock", R"({"advance_s":0})").status, 200);
}

TEST_F(OpenApi, BookingRequestSchemaListsExactlyTheAcceptedFields) {
  json& request = schema("BookingRequest");
  const std::set<std::string> documented = keys_of(request["properties"]);
  ASSERT_FALSE(documented.empty());

  // The documented example uses every documented property (top level and nested) and, at a
  // slot the server offers, is booked: every documented field is accepted.
  json example = documented_booking_example();
  ASSERT_TRUE(example.is_object());
  EXPECT_EQ(keys_of(example), documented);
  const std::pair<const char*, const char*> nested[] = {
      {"client", "ClientInput"}, {"notify", "NotifyInput"}, {"consent", "ConsentInput"}};
  for (const auto& [field, name] : nested) {
    EXPECT_EQ(keys_of(resolve(request["properties"][field])["properties"]),
              keys_of(schema(name)["properties"]));
    EXPECT_EQ(keys_of(example[field]), keys_of(schema(name)["properties"])) << field;
  }
  example["start"] = fresh_start();
  auto r = post_booking(example);
  EXPECT_EQ(r.status, 201) << r.body;

  // A field outside the schema, at any level, is refused by name.
  std::string extra = "not_in_schema";
  while (documented.contains(extra)) extra += "_";
  json body = booking_body(fresh_start());
  body[extra] = 1;
  r = post_booking(body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "unknown_field");
  EXPECT_EQ(r.json()["error"]["field"], extra);
  for (const auto& [field, name] : nested) {
    body = booking_body(fresh_start());
    body[field][extra] = 1;
    r = post_booking(body);
    EXPECT_EQ(r.json()["error"]["code"], "unknown_field") << field << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], std::string(field) + "." + extra);
  }

  // "required" is honest: leaving out a required field is refused as missing (consent by its
  // own code, 152-FZ), leaving out an optional one never is.
  const std::set<std::string> required = strings_of(request["required"]);
  for (const auto& field : documented) {
    body = booking_body(fresh_start());
    ASSERT_TRUE(body.contains(field)) << "booking_body lacks " << field;
    body.erase(field);
    r = post_booking(body);
    const std::string code = error_code(r);
    if (required.contains(field)) {
      EXPECT_GE(r.status, 400) << field;
      EXPECT_TRUE(code == "missing_field" || code == "consent_missing") << field << ": " << r.body;
    } else {
      EXPECT_NE(code, "missing_field") << field << ": " << r.body;
      EXPECT_NE(code, "consent_missing") << field << ": " << r.body;
    }
  }
}

TEST_F(OpenApi, RealBookingHasEveryRequiredPropertyAndNothingUndocumented) {
  auto r = post_booking(booking_body(fresh_start()));
  ASSERT_EQ(r.status, 201) << r.body;
  json booking = r.json();
  json& schema_booking = schema("Booking");
  const auto required = strings_of(schema_booking["required"]);
  ASSERT_FALSE(required.empty());
  for (const auto& field : required) EXPECT_TRUE(booking.contains(field)) << field;
  EXPECT_EQ(keys_of(booking), keys_of(schema_booking["properties"]));
  // Nested objects too.
  for (const char* field : {"client", "notify", "consent", "directions", "links"}) {
    json& sub = resolve(schema_booking["properties"][field]);
    json& object = sub.contains("allOf") ? resolve(sub["allOf"][0]) : sub;
    for (const auto& name : strings_of(object["required"])) {
      EXPECT_TRUE(booking[field].contains(name)) << field << "." << name;
    }
    for (const auto& name : keys_of(booking[field])) {
      EXPECT_TRUE(object["properties"].contains(name)) << field << "." << name << " undocumented";
    }
  }
  EXPECT_EQ(booking["status"], "booked");
  // The documented Location and Idempotent-Replayed headers are the server's.
  json& created = document()["paths"]["/api/v1/bookings"]["post"]["responses"]["201"];
  EXPECT_TRUE(created["headers"].contains("Location"));
  EXPECT_TRUE(created["headers"].contains("Idempotent-Replayed"));
  EXPECT_EQ(r.headers["location"], "/api/v1/bookings/" + booking["code"].get<std::string>());
}

TEST_F(OpenApi, IdempotencyBehavesAsDocumented) {
  const std::vector<std::string> key = {"Idempotency-Key: openapi-test-1"};
  const json body = booking_body(fresh_start());
  auto first = post_booking(body, key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.headers.contains("idempotent-replayed"));
  auto again = post_booking(body, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(again.body, first.body);
  json other = body;
  other["client"]["name"] = "Пётр Иванов";
  auto conflict = post_booking(other, key);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.json()["error"]["code"], "idempotency_conflict");
  EXPECT_TRUE(document()["paths"]["/api/v1/bookings"]["post"]["responses"].contains("409"));
  json& param = resolve(document()["components"]["parameters"]["IdempotencyKey"]);
  EXPECT_EQ(param["name"], "Idempotency-Key");
  EXPECT_EQ(param["in"], "header");
}

}  // namespace
