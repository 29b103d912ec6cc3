// The staff JSON API under /api/v1/staff/ (docs/console.md): sign-in and sign-out, the session,
// and the consultation line's bookings
// (R-LINE-1). Every handler goes through StaffAuth's guard; answers are never cached.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/staff/staff_auth.hpp"

namespace okno {
namespace {

using nlohmann::json;

// `now` is the server's clock: a page compares ends_at with it, not with its own clock.
json session_json(const StaffSession& s, Seconds now) {
  json desks = json::array();
  for (const auto& d : s.desks) desks.push_back({{"office", d.office}, {"desk", d.desk}});
  return {{"login", s.login},
          {"display_name", s.display_name},
          {"role", to_string(s.role)},
          {"csrf_token", s.csrf_token},
          {"expires_at", api::utc_iso(s.expires_at)},
          {"ends_at", api::utc_iso(s.ends_at)},
          {"now", api::utc_iso(now)},
          {"must_change_password", s.must_change_password},
          {"desks", desks}};
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
              auto fields = api::string_fields(req.body, {"login", "password"});
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
              staff.send_json(res, 200, session_json(r->session, staff.clock().now()));
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
             staff.send_json(res, 200, session_json(*who, staff.clock().now()));
           }));

  // Accounts, desk rules and the own password: accounts_routes.cpp; the audit log and the
  // period reports: reports_routes.cpp.

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
        // The console sends one key per filled-in form: a double click or a retry after a lost
        // answer books once and gets that booking back (issue 16 item 1).
        auto idem = api::idempotency_key(
            req.has_header("Idempotency-Key")
                ? std::optional<std::string>(req.get_header_value("Idempotency-Key"))
                : std::nullopt,
            "POST /api/v1/staff/bookings", req.body);
        if (!idem) return staff.send_error(req, res, idem.error());
        auto outcome = api::book_rendered(bookings, *request, *idem, render);
        if (!outcome) return staff.send_error(req, res, outcome.error());
        if (outcome->replayed) {
          res.set_header("Idempotent-Replayed", "true");
        } else {
          staff.audit(*who, "booking.create", "booking:" + outcome->booking.code,
                      {{"office", request->office_id}, {"service", request->service_id}});
        }
        res.status = 201;
        res.set_header("Location", "/api/v1/bookings/" + outcome->booking.code);
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

  // Moves a caller's booking to another free slot: {"start"}, as the public reschedule, with
  // the channel always "operator" and the operator in the audit log (issue 16 item 6).
  http.Post(R"(/api/v1/staff/bookings/([^/]+)/reschedule)",
            guard([&staff, &bookings, render](const httplib::Request& req, httplib::Response& res) {
              auto who = staff.require_staff(req, res, StaffRole::operator_line);
              if (!who) return;
              auto change = api::parse_change_request(req.body, true);
              if (!change) return staff.send_error(req, res, change.error());
              auto b = bookings.reschedule(req.matches[1].str(), *change->start,
                                           BookingChannel::operator_line);
              if (!b) return staff.send_error(req, res, b.error());
              auto body = render(*b);
              if (!body) return staff.send_error(req, res, body.error());
              staff.audit(*who, "booking.reschedule", "booking:" + b->code,
                          {{"start", api::utc_iso(b->request.start)}});
              staff.send_json(res, 200, *body);
            }));
}

}  // namespace okno
