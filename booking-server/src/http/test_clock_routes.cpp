// Time travel for tests only (okno-server --fake-now ... --test-clock-api): never in production.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/slots.hpp"

namespace okno {

void test_clock_routes(httplib::Server& http, ManualClock& clock, const Catalog& catalog,
                       std::function<void()> moved) {
  // {"now": "2026-12-01T06:00:00Z"} or {"advance_s": 3600}.
  http.Post("/api/v1/_test/clock",
            guarded(
                [&clock, &catalog, moved](const httplib::Request& req, httplib::Response& res) {
                  auto error = [&](const Error& e) { send_error(req, res, e, catalog); };
                  nlohmann::json doc = nlohmann::json::parse(req.body, nullptr, false);
                  if (doc.is_discarded() || !doc.is_object()) {
                    return error(Error{ErrorCode::invalid_json, {}});
                  }
                  if (doc.contains("now") && doc["now"].is_string()) {
                    auto t = parse_iso_instant(doc["now"].get<std::string>());
                    if (!t) return error(Error{ErrorCode::invalid_date, "now"});
                    clock.set(*t);
                  } else if (doc.contains("advance_s") && doc["advance_s"].is_number_integer()) {
                    clock.advance(std::chrono::seconds{doc["advance_s"].get<long long>()});
                  } else {
                    return error(Error{ErrorCode::missing_field, "now"});
                  }
                  moved();
                  send_json(res, 200, {{"now", api::utc_iso(clock.now())}});
                },
                json_errors(catalog)));
}

}  // namespace okno
