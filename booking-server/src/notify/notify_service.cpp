// Wiring of notifications into the server, and the two staff endpoints. Recipients are shown
// masked even to staff: the reason a message failed needs no full address.
#include "okno/server/notify/notify_service.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "okno/booking_code.hpp"
#include "okno/server/http/api_json.hpp"

namespace okno {

using nlohmann::json;

Result<std::unique_ptr<NotifyService>> NotifyService::create(
    const std::optional<NotifyConfig>& config, const OfficeDirectory& offices,
    const Catalog& catalog, const std::string& database, const Clock& clock,
    std::function<Result<Booking>(std::string_view code)> find_booking) {
  std::unique_ptr<NotifyService> s(new NotifyService());
  s->config_ = config;
  s->catalog_ = &catalog;
  const NotifyConfig defaults;
  const NotifyConfig& c = config ? *config : defaults;
  s->composer_ = std::make_unique<NotificationComposer>(offices, catalog, c.links, c.retry);
  auto outbox = SqliteOutbox::open(database);
  if (!outbox) return std::unexpected(outbox.error());
  s->outbox_ = std::move(*outbox);
  TextFiller fill;
  if (find_booking) {
    // Rows carry the envelope only; the words are composed from the booking when sent.
    s->composer_->set_texts_at_send(true);
    fill = [composer = s->composer_.get(), find = std::move(find_booking)](OutboxMessage& m,
                                                                           Seconds now) {
      auto booking = find(m.booking_code);
      return booking && composer->fill_texts(m, *booking, now);
    };
  }
  if (config) {
    s->dispatcher_ = std::make_unique<Dispatcher>(*s->outbox_, clock, *config,
                                                  channels_from_config(*config), std::move(fill));
  }
  return s;
}

NotifyService::~NotifyService() {
  stop();
}

void NotifyService::start() {
  if (dispatcher_) dispatcher_->start();
}
void NotifyService::stop() {
  if (dispatcher_) dispatcher_->stop();
}
void NotifyService::wake() {
  if (dispatcher_) dispatcher_->wake();
}

bool NotifyService::authorized(const httplib::Request& req) const {
  if (staff_check_ && staff_check_(req)) return true;
  if (!config_ || config_->admin_token.empty()) return false;
  const std::string expected = "Bearer " + config_->admin_token;
  const std::string given = req.get_header_value("Authorization");
  // Constant time, so the token cannot be guessed byte by byte from response times.
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

namespace {

std::string iso(Seconds t) {
  return date::format("%FT%TZ", t);
}

json record_json(const OutboxRecord& r) {
  const OutboxMessage& m = r.message;
  json history = json::array();
  for (const auto& a : r.history) {
    history.push_back({{"number", a.number}, {"at", iso(a.at)}, {"ok", a.ok}, {"error", a.error}});
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
              {"due_at", iso(m.due_at)},
              {"expires_at", iso(m.expires_at)},
              {"next_attempt_at", iso(r.next_attempt_at)},
              {"sent_at", r.sent_at ? json(iso(*r.sent_at)) : json(nullptr)},
              {"last_error", r.last_error},
              {"history", history}};
  return out;
}

}  // namespace

void NotifyService::routes(httplib::Server& http, BookingService& bookings) {
  auto reply = [](httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json; charset=utf-8");
  };
  auto error = [this, reply](const httplib::Request& req, httplib::Response& res, const Error& e) {
    const Language lang = req.has_param("lang")
                              ? parse_language(req.get_param_value("lang")).value_or(Language::ru)
                              : negotiate_language(req.get_header_value("Accept-Language"));
    if (http_status(e.code) >= 500) spdlog::error("notify route: {}", e.detail);
    reply(res, http_status(e.code), api::error_json(e, *catalog_, lang));
  };
  // Both endpoints are for staff: an administrator's session or the configured token (401 else).
  http.Get(
      "/api/v1/outbox", [this, reply, error](const httplib::Request& req, httplib::Response& res) {
        try {
          if (!authorized(req)) return error(req, res, Error{ErrorCode::unauthorized, {}});
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
          auto records = outbox_->list(status, code, limit);
          if (!records) return error(req, res, records.error());
          json list = json::array();
          for (const auto& r : *records) list.push_back(record_json(r));
          reply(res, 200, {{"messages", list}});
        } catch (const std::exception& e) {
          error(req, res, Error{ErrorCode::internal, e.what()});
        }
      });

  // The desk finished serving the visitor: the closing message with the survey link
  // (R-VISIT-13, R-CHAN-4). Repeating the call sends nothing new (same message id).
  http.Post(R"(/api/v1/bookings/([^/]+)/visit-finished)",
            [this, reply, error, &bookings](const httplib::Request& req, httplib::Response& res) {
              try {
                if (!authorized(req)) return error(req, res, Error{ErrorCode::unauthorized, {}});
                auto b = bookings.find(req.matches[1].str());
                if (!b) return error(req, res, b.error());
                if (b->status == BookingStatus::cancelled)
                  return error(req, res, Error{ErrorCode::booking_cancelled, {}});
                auto messages = composer_->on_visit_finished(*b, bookings.clock().now());
                if (auto r = outbox_->enqueue(messages); !r) return error(req, res, r.error());
                wake();
                reply(res, 200, {{"code", b->code}, {"messages", messages.size()}});
              } catch (const std::exception& e) {
                error(req, res, Error{ErrorCode::internal, e.what()});
              }
            });
}

}  // namespace okno
