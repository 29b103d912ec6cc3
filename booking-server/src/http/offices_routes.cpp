// The offices, their services and their free slots (R-VISIT-2): public, read-only JSON.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/http/slots_json.hpp"

namespace okno {

using nlohmann::json;

void office_routes(httplib::Server& http, const BookingApi& ctx) {
  auto guard = [errors = json_errors(ctx.catalog)](auto body) { return guarded(body, errors); };
  auto error = [&catalog = ctx.catalog](const httplib::Request& req, httplib::Response& res,
                                        const Error& e) { send_error(req, res, e, catalog); };

  http.Get("/api/v1/offices", guard([ctx](const httplib::Request& req, httplib::Response& res) {
             const Language lang = request_language(req);
             json list = json::array();
             for (const auto& o : ctx.offices.offices) list.push_back(api::office_json(o, lang));
             send_json(res, 200, {{"offices", list}});
           }));

  http.Get(R"(/api/v1/offices/([^/]+))",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             const Office* office = ctx.offices.find(req.matches[1].str());
             if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
             send_json(res, 200, api::office_json(*office, request_language(req)));
           }));

  http.Get(R"(/api/v1/offices/([^/]+)/services)",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             const Office* office = ctx.offices.find(req.matches[1].str());
             if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
             const Language lang = request_language(req);
             json list = json::array();
             for (const auto& s : office->services) list.push_back(api::service_json(s, lang));
             send_json(res, 200, {{"office", office->id}, {"services", list}});
           }));

  http.Get(
      R"(/api/v1/offices/([^/]+)/slots)",
      guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
        const Office* office = ctx.offices.find(req.matches[1].str());
        if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
        if (!req.has_param("service")) {
          return error(req, res, Error{ErrorCode::missing_field, "service"});
        }
        const Date today = local_date(*office, ctx.clock.now());
        std::optional<Date> from = today, to;
        if (req.has_param("from")) from = parse_iso_date(req.get_param_value("from"));
        if (!from) return error(req, res, Error{ErrorCode::invalid_date, "from"});
        to = req.has_param("to") ? parse_iso_date(req.get_param_value("to"))
                                 : Date{std::chrono::sys_days{*from} + std::chrono::days{13}};
        if (!to) return error(req, res, Error{ErrorCode::invalid_date, "to"});
        auto slots = ctx.service.free_slots(office->id, req.get_param_value("service"), *from, *to);
        if (!slots) return error(req, res, slots.error());
        // Written without a JSON tree (slots_json.hpp); moved into the response, not
        // copied as set_content would (a month of slots is 30 KB).
        res.status = 200;
        res.body = api::slots_body(*office, req.get_param_value("service"), *from, *to, *slots);
        res.set_header("Content-Type", "application/json; charset=utf-8");
      }));
}

}  // namespace okno
