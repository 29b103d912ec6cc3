// The staff JSON API under /api/v1/staff/ (docs/console.md): sign-in and sign-out, the session,
// accounts and the audit log for administrators, and the consultation line's bookings
// (R-LINE-1). Every handler goes through StaffAuth's guard; answers are never cached.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/staff/staff_auth.hpp"

namespace okno {
namespace {

using nlohmann::json;

json session_json(const StaffSession& s) {
  return {{"login", s.login},
          {"display_name", s.display_name},
          {"role", to_string(s.role)},
          {"csrf_token", s.csrf_token},
          {"expires_at", api::utc_iso(s.expires_at)}};
}

json account_json(const StaffAccount& a) {
  return {{"id", a.id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"role", to_string(a.role)},
          {"active", a.active},
          {"created_at", api::utc_iso(a.created_at)}};
}

// Reads a flat JSON object of string fields; unknown fields and other types are refused.
Result<std::map<std::string, std::string>> string_fields(std::string_view body,
                                                         std::initializer_list<const char*> known) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return fail(ErrorCode::invalid_json);
  if (!doc.is_object()) return fail(ErrorCode::wrong_type, "body");
  std::map<std::string, std::string> out;
  for (auto& [key, value] : doc.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) return fail(ErrorCode::unknown_field, key);
    if (!value.is_string()) return fail(ErrorCode::wrong_type, key);
    out[key] = value.get<std::string>();
    if (!is_valid_utf8(out[key])) return fail(ErrorCode::invalid_utf8, key);
  }
  return out;
}

bool is_json_request(const httplib::Request& req) {
  return req.get_header_value("Content-Type").rfind("application/json", 0) == 0;
}

}  // namespace

void staff_routes(httplib::Server& http, StaffAuth& staff, BookingService& bookings) {
  auto guard = [&staff](auto body) {
    return guarded(body, [&staff](const httplib::Request& req, httplib::Response& res,
                                  const Error& e) { staff.send_error(req, res, e); });
  };
  auto render = [&staff, &bookings](const Booking& b) {
    return api::booking_json(b, bookings.offices(), staff.catalog());
  };

  // JSON sign-in for scripts and the console. Cross-site forms cannot send application/json
  // without a CORS preflight this server never grants, so the content type is the CSRF check.
  http.Post("/api/v1/staff/login",
            guard([&staff](const httplib::Request& req, httplib::Response& res) {
              if (!is_json_request(req)) {
                return staff.send_error(req, res, Error{ErrorCode::bad_request, "content type"});
              }
              auto fields = string_fields(req.body, {"login", "password"});
              if (!fields) return staff.send_error(req, res, fields.error());
              for (const char* f : {"login", "password"}) {
                if (!fields->contains(f)) {
                  return staff.send_error(req, res, Error{ErrorCode::missing_field, f});
                }
              }
              auto r = staff.login((*fields)["login"], (*fields)["password"], req.remote_addr);
              if (!r) {
                if (r.error().retry_at) {
                  const auto wait = *r.error().retry_at - staff.clock().now();
                  res.set_header("Retry-After", std::to_string(std::max<long long>(
                                                    1, static_cast<long long>(wait.count()))));
                }
                return staff.send_error(req, res, r.error().error);
              }
              res.set_header("Set-Cookie", staff.session_cookie(r->token));
              staff.send_json(res, 200, session_json(r->session));
            }));

  http.Post("/api/v1/staff/logout",
            guard([&staff](const httplib::Request& req, httplib::Response& res) {
              // Any signed-in role may sign out; CSRF still applies (no forced sign-outs).
              auto who = staff.session(req);
              if (!who) return staff.send_error(req, res, Error{ErrorCode::unauthorized, {}});
              if (!staff.csrf_ok(req, *who))
                return staff.send_error(req, res, Error{ErrorCode::csrf_failed, {}});
              staff.audit(*who, "logout", "account:" + who->login);
              staff.logout(req);
              res.set_header("Set-Cookie", staff.expired_session_cookie());
              staff.send_json(res, 200, json::object());
            }));

  http.Get("/api/v1/staff/me", guard([&staff](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.session(req);
             if (!who) return staff.send_error(req, res, Error{ErrorCode::unauthorized, {}});
             staff.send_json(res, 200, session_json(*who));
           }));

  http.Get("/api/v1/staff/accounts",
           guard([&staff](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::administrator);
             if (!who) return;
             auto list = staff.store().list_accounts();
             if (!list) return staff.send_error(req, res, list.error());
             json out = json::array();
             for (const auto& a : *list) out.push_back(account_json(a));
             staff.send_json(res, 200, {{"accounts", out}});
           }));

  http.Post("/api/v1/staff/accounts",
            guard([&staff](const httplib::Request& req, httplib::Response& res) {
              auto who = staff.require_staff(req, res, StaffRole::administrator);
              if (!who) return;
              auto fields = string_fields(req.body, {"login", "display_name", "role", "password"});
              if (!fields) return staff.send_error(req, res, fields.error());
              for (const char* f : {"login", "display_name", "role", "password"}) {
                if (!fields->contains(f)) {
                  return staff.send_error(req, res, Error{ErrorCode::missing_field, f});
                }
              }
              auto role = parse_staff_role((*fields)["role"]);
              if (!role) return staff.send_error(req, res, Error{ErrorCode::invalid_value, "role"});
              auto created = staff.create_account((*fields)["login"], (*fields)["display_name"],
                                                  *role, (*fields)["password"]);
              if (!created) return staff.send_error(req, res, created.error());
              staff.audit(*who, "staff.create", "account:" + created->login,
                          {{"role", to_string(created->role)}});
              staff.send_json(res, 201, account_json(*created));
            }));

  http.Get(
      "/api/v1/staff/audit", guard([&staff](const httplib::Request& req, httplib::Response& res) {
        auto who = staff.require_staff(req, res, StaffRole::administrator);
        if (!who) return;
        int limit = 50;
        if (req.has_param("limit")) {
          const std::string v = req.get_param_value("limit");
          if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
            return staff.send_error(req, res, Error{ErrorCode::invalid_value, "limit"});
          limit = std::clamp(std::stoi(v), 1, 1000);
        }
        auto entries = staff.store().recent_audit(limit);
        if (!entries) return staff.send_error(req, res, entries.error());
        json out = json::array();
        for (const auto& e : *entries) {
          out.push_back({{"id", e.id},
                         {"at", api::utc_iso(e.at)},
                         {"login", e.login},
                         {"action", e.action},
                         {"target", e.target},
                         {"details", json::parse(e.details, nullptr, false)}});
        }
        staff.send_json(res, 200, {{"entries", out}});
      }));

  // ---- The consultation line (R-LINE-1): book, find and cancel for a caller. ----

  // The body is the public booking request; the channel is always "operator" and the choices
  // (channels, reminders, needs, language) are the caller's own, as the form records them
  // (R-LINE-2). Consent is the caller's, given on the phone to the consent text in force.
  http.Post(
      "/api/v1/staff/bookings",
      guard([&staff, &bookings, render](const httplib::Request& req, httplib::Response& res) {
        auto who = staff.require_staff(req, res, StaffRole::operator_line);
        if (!who) return;
        auto request = api::parse_booking_request(req.body);
        if (!request) return staff.send_error(req, res, request.error());
        request->channel = BookingChannel::operator_line;
        request->consent.at = staff.clock().now();
        if (request->consent.given &&
            request->consent.text_version != staff.options().consent_version) {
          return staff.send_error(req, res, Error{ErrorCode::consent_missing, "consent.version"});
        }
        auto outcome = api::book_rendered(bookings, *request, std::nullopt, render);
        if (!outcome) return staff.send_error(req, res, outcome.error());
        staff.audit(*who, "booking.create", "booking:" + outcome->booking.code,
                    {{"office", request->office_id}, {"service", request->service_id}});
        res.status = 201;
        res.set_header("Cache-Control", "no-store");
        res.set_content(outcome->response_body, "application/json; charset=utf-8");
      }));

  // Find by code or by the caller's phone. Masked contacts only, as everywhere.
  http.Get("/api/v1/staff/bookings",
           guard([&staff, &bookings, render](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::operator_line);
             if (!who) return;
             std::vector<std::string> codes;
             if (req.has_param("code")) {
               codes.push_back(req.get_param_value("code"));
             } else if (req.has_param("phone")) {
               auto phone = normalize_phone(req.get_param_value("phone"));
               if (!phone) return staff.send_error(req, res, phone.error());
               auto found =
                   staff.store().live_booking_codes_by_phone(*phone, staff.clock().now(), 20);
               if (!found) return staff.send_error(req, res, found.error());
               codes = std::move(*found);
               // Looking people up by phone is access to personal data: logged, number masked.
               staff.audit(*who, "booking.search_phone", "phone:" + api::mask_phone(*phone),
                           {{"found", codes.size()}});
             } else {
               return staff.send_error(req, res, Error{ErrorCode::missing_field, "code"});
             }
             json list = json::array();
             for (const auto& code : codes) {
               auto b = bookings.find(code);
               if (!b) {
                 if (b.error().code == ErrorCode::booking_not_found) continue;
                 return staff.send_error(req, res, b.error());
               }
               auto body = render(*b);
               if (!body) return staff.send_error(req, res, body.error());
               list.push_back(std::move(*body));
             }
             staff.send_json(res, 200, {{"bookings", list}});
           }));

  http.Post(R"(/api/v1/staff/bookings/([^/]+)/cancel)",
            guard([&staff, &bookings, render](const httplib::Request& req, httplib::Response& res) {
              auto who = staff.require_staff(req, res, StaffRole::operator_line);
              if (!who) return;
              auto b = bookings.cancel(req.matches[1].str(), BookingChannel::operator_line);
              if (!b) return staff.send_error(req, res, b.error());
              auto body = render(*b);
              if (!body) return staff.send_error(req, res, body.error());
              staff.audit(*who, "booking.cancel", "booking:" + b->code);
              staff.send_json(res, 200, *body);
            }));
}

}  // namespace okno
