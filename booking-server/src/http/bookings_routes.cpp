// A client's booking (R-VISIT-2..6): book (with Idempotency-Key), read, cancel, reschedule, its
// history, the calendar file and the QR code. The booking code in the path is the credential.
#include <sodium.h>

#include "okno/ics.hpp"
#include "okno/notifications.hpp"
#include "okno/qr.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"

namespace okno {
namespace {

using nlohmann::json;

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

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

  http.Post(
      "/api/v1/bookings",
      guard([ctx, error, render](const httplib::Request& req, httplib::Response& res) {
        auto request = api::parse_booking_request(req.body);
        if (!request) return error(req, res, request.error());
        request->consent.at = ctx.clock.now();
        // Consent counts only for the consent text the agency shows now (152-FZ: the
        // version agreed to is recorded, so it must be the current one).
        if (request->consent.given && request->consent.text_version != ctx.consent_version) {
          return error(req, res, Error{ErrorCode::consent_missing, "consent.version"});
        }
        std::optional<IdempotencyKey> idem;
        if (req.has_header("Idempotency-Key")) {
          auto key = req.get_header_value("Idempotency-Key");
          if (key.empty() || key.size() > 255 || !is_valid_utf8(key)) {
            return error(req, res, Error{ErrorCode::invalid_value, "Idempotency-Key"});
          }
          // The body's meaning, not its bytes, as at Stripe: a client that re-serialises the same
          // object with other spacing or key order is retrying, not asking for something else.
          // (parse_booking_request accepted the body, so it parses; nlohmann sorts the keys.)
          const auto canonical = json::parse(req.body, nullptr, false);
          idem = IdempotencyKey{key, sha256_hex("POST /api/v1/bookings\n" + canonical.dump())};
        }
        auto outcome = api::book_rendered(ctx.service, *request, idem, render);
        if (!outcome) return error(req, res, outcome.error());
        res.status = 201;
        if (outcome->replayed) res.set_header("Idempotent-Replayed", "true");
        res.set_header("Location", "/api/v1/bookings/" + outcome->booking.code);
        res.set_content(outcome->response_body, "application/json; charset=utf-8");
      }));

  static const std::string kCode = R"(/api/v1/bookings/([^/]+))";
  http.Get(kCode, guard([ctx, reply_booking](const httplib::Request& req, httplib::Response& res) {
             reply_booking(req, res, ctx.service.find(req.matches[1].str()));
           }));

  http.Post(kCode + "/cancel",
            guard([ctx, error, reply_booking](const httplib::Request& req, httplib::Response& res) {
              auto change = api::parse_change_request(req.body, false);
              if (!change) return error(req, res, change.error());
              reply_booking(req, res, ctx.service.cancel(req.matches[1].str(), change->channel));
            }));

  http.Post(kCode + "/reschedule",
            guard([ctx, error, reply_booking](const httplib::Request& req, httplib::Response& res) {
              auto change = api::parse_change_request(req.body, true);
              if (!change) return error(req, res, change.error());
              reply_booking(
                  req, res,
                  ctx.service.reschedule(req.matches[1].str(), *change->start, change->channel));
            }));

  http.Get(kCode + "/history",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             auto b = ctx.service.find(req.matches[1].str());
             if (!b) return error(req, res, b.error());
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
             send_json(res, 200, {{"code", b->code}, {"events", list}});
           }));

  http.Get(kCode + "/calendar.ics",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             auto b = ctx.service.find(req.matches[1].str());
             if (!b) return error(req, res, b.error());
             auto [office, svc] = office_service(ctx.offices, *b);
             if (!office || !svc) return error(req, res, Error{ErrorCode::internal, "config"});
             res.set_header("Content-Disposition",
                            "attachment; filename=\"okno-" + b->code + ".ics\"");
             // The same texts as the file attached to the e-mails (ics_texts).
             res.set_content(booking_to_ics(*b, ics_texts(*b, *office, *svc, ctx.catalog)),
                             "text/calendar; charset=utf-8");
           }));

  http.Get(kCode + "/qr.svg",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             auto b = ctx.service.find(req.matches[1].str());
             if (!b) return error(req, res, b.error());
             auto svg = qr_svg(b->code);
             if (!svg) return error(req, res, svg.error());
             res.set_content(*svg, "image/svg+xml");
           }));

  http.Get(kCode + "/qr.png",
           guard([ctx, error](const httplib::Request& req, httplib::Response& res) {
             auto b = ctx.service.find(req.matches[1].str());
             if (!b) return error(req, res, b.error());
             auto png = qr_png(b->code);
             if (!png) return error(req, res, png.error());
             res.set_content(std::string(png->begin(), png->end()), "image/png");
           }));
}

}  // namespace okno
