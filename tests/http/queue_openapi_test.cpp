// Keeps the queue's part of docs/openapi.json honest: every operation marked x-queue-sequence
// runs against a real okno-server in that order, with its documented example body, after the
// desk was brought into a state where the action is legal (a ticket to finish must be served),
// and must answer a documented success status and content type. The generic check in
// openapi_test.cpp leaves these operations to this file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "okno/source_root.hpp"
#include "process/response_log.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;

namespace {

struct Operation {
  int sequence;
  std::string path, method;
  json spec;
};

size_t drop_body(char*, size_t, size_t, void*) {
  return 0;  // the first bytes of the stream are enough: abort
}
size_t keep_header(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

TEST(QueueOpenApi, EveryQueueOperationAnswersADocumentedSuccessInItsDocumentedOrder) {
  std::ifstream in(std::filesystem::path(OKNO_SOURCE_ROOT) / "docs/openapi.json");
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  std::vector<Operation> ops;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, spec] : item.items()) {
      if (spec.is_object() && spec.contains("x-queue-sequence"))
        ops.push_back({spec["x-queue-sequence"].get<int>(), path, method, spec});
    }
  }
  std::sort(ops.begin(), ops.end(),
            [](const Operation& a, const Operation& b) { return a.sequence < b.sequence; });
  ASSERT_GE(ops.size(), 22u);

  char tmpl[] = "/tmp/okno-queue-openapi-XXXXXX";
  const std::filesystem::path dir = mkdtemp(tmpl);
  std::ofstream(dir / "queue.toml")
      << "[queue]\nstaff_token = \"openapi-token\"\nrecalls_before_no_show = 0\n";
  ServerProcessOptions options;
  options.extra_args = {"--queue-config", (dir / "queue.toml").string()};
  ServerProcess server(options);
  ASSERT_TRUE(server.started());
  HttpClient client(server.base_url(), {server.kiosk_header()});  // tickets come from the kiosk
  const std::vector<std::string> staff = {"Authorization: Bearer openapi-token",
                                          "X-Staff-Actor: openapi"};
  // A booking for 09:00 tomorrow, and the clock at 09:00 tomorrow: check-in is on time, and the
  // office is open for walk-in tickets (none are given before it opens).
  auto booked = client.post("/api/v1/bookings",
                            okno::testing::booking_body("2026-12-01T09:00:00+03:00").dump());
  ASSERT_EQ(booked.status, 201) << booked.body;
  ASSERT_EQ(client.post("/api/v1/_test/clock", R"({"now":"2026-12-01T06:00:00Z"})").status, 200);

  const std::string desk_url = "/api/v1/offices/demo/desks/2";
  auto current = [&]() { return client.get(desk_url, staff).json()["current"]; };
  auto helper = [&](const std::string& action) {
    auto r = client.post(desk_url + "/" + action, "", staff);
    ASSERT_EQ(r.status, 200) << action << " " << r.body;
  };
  auto new_ticket = [&]() {
    return client.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})")
        .json()
        .value("number", "none");
  };
  // Brings desk 2 to: no visitor ("idle"), a called one, or one being served.
  auto bring_to = [&](const std::string& want) {
    json cur = current();
    if (want == "idle") {
      if (cur.is_null()) return;
      if (cur["state"] == "called") helper("start");
      helper("finish");
      return;
    }
    if (!cur.is_null() && cur["state"] == "serving") {
      helper("finish");
      cur = nullptr;
    }
    if (cur.is_null()) {
      new_ticket();
      helper("call-next");
    }
    if (want == "serving") helper("start");
  };

  for (auto& op : ops) {
    std::string url = op.path;
    if (url.ends_with("/call-next") || url.ends_with("/call")) bring_to("idle");
    for (const char* action : {"/recall", "/no-show", "/hold", "/transfer", "/start"}) {
      if (url.ends_with(action)) bring_to("called");
    }
    if (url.ends_with("/finish")) bring_to("serving");
    auto put = [&](const std::string& name, const std::string& value) {
      const std::string key = "{" + name + "}";
      if (auto at = url.find(key); at != std::string::npos) url.replace(at, key.size(), value);
    };
    put("office", "demo");
    put("desk", "2");
    if (url.ends_with("/unhold")) {
      // Only a ticket on hold can be unheld: desk 2 calls one and holds it.
      bring_to("called");
      put("number", current().value("number", "none"));
      helper("hold");
    }
    if (url.find("{number}") != std::string::npos) {
      auto t = client.post("/api/v1/offices/demo/tickets", R"({"service":"passport"})");
      put("number", t.json().value("number", "none"));
    }
    if (url.find("{announcement}") != std::string::npos) {
      // The announcement of a call made above (call-next, recall, call).
      put("announcement",
          okno::testing::sqlite_scalar(
              server.database(), "SELECT MAX(id) FROM queue_events WHERE kind = 'ticket.called'") +
              ".wav");
    }
    ASSERT_EQ(url.find('{'), std::string::npos) << op.path;
    std::string body;
    if (op.spec.contains("requestBody")) {
      json example = op.spec["requestBody"]["content"]["application/json"]["example"];
      if (url.ends_with("/checkin")) example["code"] = booked.json()["code"];
      if (url.ends_with("/call")) example["ticket"] = new_ticket();
      if (url == "/api/v1/feedback") {
        // Feedback is for a served ticket only (once): desk 2 serves one to the end.
        bring_to("serving");
        example["ticket"] = current().value("number", "none");
        helper("finish");
      }
      body = example.dump();
    }
    std::string verb = op.method;
    for (auto& ch : verb) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    long status = 0;
    std::string type;
    std::string answer;
    if (op.spec.value("x-stream", false)) {
      // An endless stream: read the status and headers, then hang up.
      std::string headers;
      CURL* c = curl_easy_init();
      const std::string full = server.base_url() + url;
      curl_easy_setopt(c, CURLOPT_URL, full.c_str());
      curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop_body);
      curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_header);
      curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
      curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
      curl_easy_perform(c);
      okno::testing::log_response(c, "GET", nullptr);  // a stream: status and type only
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
      curl_easy_cleanup(c);
      auto at = headers.find("Content-Type: ");
      if (at != std::string::npos) type = headers.substr(at + 14, headers.find('\r', at) - at - 14);
    } else {
      auto r = client.request(verb, url, body, staff);
      status = r.status;
      type = r.headers["content-type"];
      answer = r.body.substr(0, 300);
    }
    SCOPED_TRACE(std::to_string(op.sequence) + " " + verb + " " + url + " -> " +
                 std::to_string(status) + " " + answer);
    EXPECT_GE(status, 200);
    EXPECT_LT(status, 300);
    ASSERT_TRUE(op.spec["responses"].contains(std::to_string(status))) << "status not documented";
    bool documented = false;
    for (auto& [media, unused] : op.spec["responses"][std::to_string(status)]["content"].items()) {
      documented = documented || type.rfind(media, 0) == 0;
    }
    EXPECT_TRUE(documented) << "content type " << type << " not documented";
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
