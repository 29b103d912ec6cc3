// The outbox's staff endpoints (docs/notifications.md): the messages and their attempts, and
// "visit finished". Recipients are shown masked even to staff: the reason a message failed
// needs no full address.
#include "okno/booking_code.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/notify/notify_service.hpp"

namespace okno {
namespace {

using nlohmann::json;

json record_json(const OutboxRecord& r) {
  const OutboxMessage& m = r.message;
  json history = json::array();
  for (const auto& a : r.history) {
    history.push_back(
        {{"number", a.number}, {"at", api::utc_iso(a.at)}, {"ok", a.ok}, {"error", a.error}});
  }
  std::string recipient = m.recipient;
  if (m.channel == NotifyChannel::email) recipient = api::mask_email(m.recipient);
  if (m.channel == NotifyChannel::sms) recipient = api::mask_phone(m.recipient);
  json out = {{"id", m.id},
              {"booking_code", m.booking_code},
              {"kind", to_string(m.kind)},
              {"channel", to_string(m.channel)},
              {"recipient", recipient},
              {"language", to_string(m.language)},
              {"status", to_string(r.status)},
              {"attempts", r.attempts},
              {"due_at", api::utc_iso(m.due_at)},
              {"expires_at", api::utc_iso(m.expires_at)},
              {"next_attempt_at", api::utc_iso(r.next_attempt_at)},
              {"sent_at", r.sent_at ? json(api::utc_iso(*r.sent_at)) : json(nullptr)},
              {"last_error", r.last_error},
              {"history", history}};
  return out;
}

}  // namespace

void outbox_routes(httplib::Server& http, NotifyService& notify, BookingService& bookings) {
  auto guard = [errors = json_errors(notify.catalog())](auto body) {
    return guarded(body, errors);
  };
  auto error = [&notify](const httplib::Request& req, httplib::Response& res, const Error& e) {
    send_error(req, res, e, notify.catalog());
  };
  // Both endpoints are for staff: an administrator's session or the configured token (401 else).
  http.Get(
      "/api/v1/outbox",
      guard([&notify, error](const httplib::Request& req, httplib::Response& res) {
        if (!notify.authorized(req)) return error(req, res, Error{ErrorCode::unauthorized, {}});
        std::optional<OutboxStatus> status;
        if (req.has_param("status")) {
          status = parse_outbox_status(req.get_param_value("status"));
          if (!status) return error(req, res, Error{ErrorCode::invalid_value, "status"});
        }
        std::string code;
        if (req.has_param("booking")) {
          auto canonical = normalize_booking_code(req.get_param_value("booking"));
          if (!canonical) return error(req, res, Error{ErrorCode::booking_not_found, {}});
          code = *canonical;
        }
        int limit = 100;
        if (req.has_param("limit")) {
          const std::string v = req.get_param_value("limit");
          if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos)
            return error(req, res, Error{ErrorCode::invalid_value, "limit"});
          limit = std::clamp(std::stoi(v), 1, 1000);
        }
        auto records = notify.outbox().list(status, code, limit);
        if (!records) return error(req, res, records.error());
        json list = json::array();
        for (const auto& r : *records) list.push_back(record_json(r));
        send_json(res, 200, {{"messages", list}});
      }));

  // The desk finished serving the visitor: the closing message with the survey link
  // (R-VISIT-13, R-CHAN-4). Repeating the call sends nothing new (same message id).
  http.Post(R"(/api/v1/bookings/([^/]+)/visit-finished)",
            guard([&notify, &bookings, error](const httplib::Request& req, httplib::Response& res) {
              if (!notify.authorized(req))
                return error(req, res, Error{ErrorCode::unauthorized, {}});
              auto b = bookings.find(req.matches[1].str());
              if (!b) return error(req, res, b.error());
              if (b->status == BookingStatus::cancelled)
                return error(req, res, Error{ErrorCode::booking_cancelled, {}});
              auto sent = notify.visit_finished(*b, bookings.clock().now());
              if (!sent) return error(req, res, sent.error());
              send_json(res, 200, {{"code", b->code}, {"messages", *sent}});
            }));
}

}  // namespace okno
