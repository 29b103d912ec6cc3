// A client's booking (R-VISIT-2..6): book (with Idempotency-Key), read, cancel, reschedule, its
// history, the calendar file and the QR code. The booking code in the path is the credential.
#include "okno/day_rules.hpp"
#include "okno/ics.hpp"
#include "okno/notifications.hpp"
#include "okno/qr.hpp"
#include "okno/secret.hpp"
#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"

namespace okno {
namespace {

using nlohmann::json;

std::pair<const Office*, const Service*> office_service(const OfficeDirectory& offices,
                                                        const Booking& b) {
  const Office* office = offices.find(b.request.office_id);
  const Service* svc = office ? office->find_service(b.request.service_id) : nullptr;
  return {office, svc};
}

}  // namespace

void booking_routes(httplib::Server& http, const BookingApi& ctx) {
  auto guard = [errors = json_errors(ctx.catalog)](auto body) { return guarded(body, errors); };
  auto error = [&catalog = ctx.catalog](const httplib::Request& req, httplib::Response& res,
                                        const Error& e) { send_error(req, res, e, catalog); };
  auto render = [ctx](const Booking& b) { return api::booking_json(b, ctx.offices, ctx.catalog); };
  auto reply_booking = [error, render](const httplib::Request& req, httplib::Response& res,
                                       const Result<Booking>& b) {
    if (!b) return error(req, res, b.error());
    auto body = render(*b);
    if (!body) return error(req, res, body.error());
    send_json(res, 200, *body);
  };

  http.Post("/api/v1/bookings",
            guard([ctx, error, render](const httplib::Request& req, httplib::Response& res) {
              auto request = api::parse_booking_request(req.body);
              if (!request) return error(req, res, request.error());
              request->consent.at = ctx.clock.now();
              // Consent counts only for the consent text the agency shows now (152-FZ: the
              // version agreed to is recorded, so it must be the current one).
              if (request->consent.given && request->consent.text_version != ctx.consent_version) {
                return error(req, res, Error{ErrorCode::consent_missing, "consent.version"});
              }
              // The kiosk channel is for registered kiosks only (X-Kiosk-Key); every booking counts
              // under its address's and its contacts' limits before anything is stored.
              auto kiosk = ctx.abuse.kiosk(req, request->channel == BookingChannel::kiosk);
              if (!kiosk) return error(req, res, kiosk.error());
              auto admitted = ctx.abuse.admit(req, res, AbuseGuard::Kind::booking, *kiosk,
                                              booking_contacts(*request));
              if (!admitted) return;
              auto idem = api::idempotency_key(
                  req.has_header("Idempotency-Key")
                      ? std::optional<std::string>(req.get_header_value("Idempotency-Key"))
                      : std::nullopt,
                  "POST /api/v1/bookings", req.body);
              if (!idem) return error(req, res, idem.error());
              auto outcome = api::book_rendered(ctx.service, *request, *idem, render);
              if (!outcome) return error(req, res, outcome.error());  // given back: nothing booked
              admitted->keep();
              res.status = 201;
              if (outcome->replayed) res.set_header("Idempotent-Replayed", "true");
              res.set_header("Location", "/api/v1/bookings/" + outcome->booking.code);
              res.set_content(outcome->response_body, "application/json; charset=utf-8");
            }));

  // Every lookup by code is throttled per address after a few wrong codes (code_allowed), and
  // every wrong code, whatever it looked like, answers the same 404 booking_not_found.
  auto found = [ctx](const httplib::Request& req, const Result<Booking>& b) {
    if (!b && b.error().code == ErrorCode::booking_not_found) ctx.abuse.code_wrong(req);
    return b.has_value();
  };
  static const std::string kCode = R"(/api/v1/bookings/([^/]+))";
  http.Get(kCode,
           guard([ctx, found, reply_booking](const httplib::Request& req, httplib::Response& res) {
             if (!ctx.abuse.code_allowed(req, res)) return;
             auto b = ctx.service.find(req.matches[1].str());
             found(req, b);
             reply_booking(req, res, b);
           }));

  http.Post(kCode + "/cancel", guard([ctx, error, found, reply_booking](const httplib::Request& req,
                                                                        httplib::Response& res) {
              auto change = api::parse_change_request(req.body, false);
              if (!change) return error(req, res, change.error());
              if (!ctx.abuse.code_allowed(req, res)) return;
              auto b = ctx.service.cancel(req.matches[1].str(), change->channel);
              found(req, b);
              reply_booking(req, res, b);
            }));

  http.Post(kCode + "/reschedule", guard([ctx, error, found, reply_booking](
                                             const httplib::Request& req, httplib::Response& res) {
              auto change = api::parse_change_request(req.body, true);
              if (!change) return error(req, res, change.error());
              if (!ctx.abuse.code_allowed(req, res)) return;
              auto b =
                  ctx.service.reschedule(req.matches[1].str(), *change->start, change->channel);
              found(req, b);
              reply_booking(req, res, b);
            }));

  http.Get(kCode + "/history",
           guard([ctx, error, found](const httplib::Request& req, httplib::Response& res) {
             if (!ctx.abuse.code_allowed(req, res)) return;
             auto b = ctx.service.find(req.matches[1].str());
             if (!found(req, b)) return error(req, res, b.error());
             auto events = ctx.service.store().history(b->code);
             if (!events) return error(req, res, events.error());
             auto [office, svc] = office_service(ctx.offices, *b);
             json list = json::array();
             for (const auto& e : *events) {
               list.push_back({{"kind", e.kind},
                               {"channel", to_string(e.channel)},
                               {"at", office ? format_local_iso(*office, e.at) : ""},
                               {"details", json::parse(e.details, nullptr, false)}});
             }
             // A booked day that ended without a check-in is a no-show from the office's
             // midnight (day_rules.hpp); the history lists it from then on.
             auto visit = ctx.service.visit(*b);
             if (!visit) return error(req, res, visit.error());
             if (office && visit->state == VisitState::no_show && !visit->ticket) {
               list.push_back({{"kind", "no_show"},
                               {"channel", to_string(b->request.channel)},
                               {"at", format_local_iso(*office, no_show_at(*office, *b))},
                               {"details", {{"checked_in", false}}}});
             }
             send_json(res, 200, {{"code", b->code}, {"events", list}});
           }));

  http.Get(kCode + "/calendar.ics",
           guard([ctx, error, found](const httplib::Request& req, httplib::Response& res) {
             if (!ctx.abuse.code_allowed(req, res)) return;
             auto b = ctx.service.find(req.matches[1].str());
             if (!found(req, b)) return error(req, res, b.error());
             auto [office, svc] = office_service(ctx.offices, *b);
             if (!office || !svc) return error(req, res, Error{ErrorCode::internal, "config"});
             res.set_header("Content-Disposition",
                            "attachment; filename=\"okno-" + b->code + ".ics\"");
             // The same texts as the file attached to the e-mails (ics_texts).
             res.set_content(booking_to_ics(*b, ics_texts(*b, *office, *svc, ctx.catalog)),
                             "text/calendar; charset=utf-8");
           }));

  http.Get(kCode + "/qr.svg",
           guard([ctx, error, found](const httplib::Request& req, httplib::Response& res) {
             if (!ctx.abuse.code_allowed(req, res)) return;
             auto b = ctx.service.find(req.matches[1].str());
             if (!found(req, b)) return error(req, res, b.error());
             auto svg = qr_svg(b->code);
             if (!svg) return error(req, res, svg.error());
             res.set_content(*svg, "image/svg+xml");
           }));

  http.Get(kCode + "/qr.png",
           guard([ctx, error, found](const httplib::Request& req, httplib::Response& res) {
             if (!ctx.abuse.code_allowed(req, res)) return;
             auto b = ctx.service.find(req.matches[1].str());
             if (!found(req, b)) return error(req, res, b.error());
             auto png = qr_png(b->code);
             if (!png) return error(req, res, png.error());
             res.set_content(std::string(png->begin(), png->end()), "image/png");
           }));
}

}  // namespace okno
