// HTTP routes of okno-server over BookingService, with cpp-httplib. Every handler answers
// JSON; expected failures become a 4xx with a message in the request's language (R-CHAN-3),
// and no exception leaves a handler.
#include "okno/server/app.hpp"

#include <sys/socket.h>

#include <chrono>
#include <mutex>

#include <httplib.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "okno/booking_code.hpp"
#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/ics.hpp"
#include "okno/qr.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/notify/notify_service.hpp"
#include "okno/server/pages/staff_console.hpp"
#include "okno/server/queue/queue_service.hpp"
#include "okno/server/staff/staff_auth.hpp"
#include "okno/server/storage/sqlite/queue_store.hpp"
#include "okno/server/storage/sqlite/sqlite_store.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"

namespace okno {
namespace {

using nlohmann::json;

// The listen backlog compiled into Debian's cpp-httplib is 5: a burst of clients would lose
// SYNs and retry a second later. A second listen() on the bound socket raises it.
constexpr int kListenBacklog = 1024;

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

// Booking codes are bearer secrets: the access log shows only their first characters.
std::string loggable_path(const std::string& path) {
  static constexpr std::string_view kPrefix = "/api/v1/bookings/";
  if (path.rfind(kPrefix, 0) != 0 || path.size() <= kPrefix.size() + 2) return path;
  auto rest = path.substr(kPrefix.size());
  auto slash = rest.find('/');
  std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
  return std::string(kPrefix) + rest.substr(0, 2) + "***" + tail;
}

}  // namespace

struct App::Impl {
  ServerOptions options;
  std::unique_ptr<Clock> clock;
  ManualClock* manual_clock = nullptr;
  ProductionCalendar calendar;
  OfficeDirectory offices;
  Catalog catalog;
  std::unique_ptr<SqliteBookingStore> store;
  std::unique_ptr<BookingService> service;
  std::unique_ptr<NotifyService> notify;  // outbox, dispatcher, staff endpoints (issue 3)
  std::unique_ptr<QueueService> queue;    // tickets, desks, live events (issue 4)
  std::unique_ptr<StaffAuth> staff;       // staff sign-in, sessions, CSRF, audit (issue 4)
  std::unique_ptr<StaffConsole> console;  // the staff console's pages (issue 4)
  httplib::Server http;
  int listen_fd = -1;
  int port = 0;

  Language request_language(const httplib::Request& req) const {
    if (req.has_param("lang")) {
      if (auto l = parse_language(req.get_param_value("lang"))) return *l;
    }
    return negotiate_language(req.get_header_value("Accept-Language"));
  }

  void send_json(httplib::Response& res, int status, const json& body) const {
    res.status = status;
    // error_handler_t::replace: a stray invalid byte never turns into an exception here.
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json; charset=utf-8");
  }

  void send_error(const httplib::Request& req, httplib::Response& res, const Error& error) const {
    const int status = http_status(error.code);
    if (status >= 500) {
      spdlog::error("{} {}: {} ({})", req.method, loggable_path(req.path), to_string(error.code),
                    error.detail);
    }
    send_json(res, status, api::error_json(error, catalog, request_language(req)));
  }

  // Runs a handler body, turning any escaped exception into a logged 500 (never expected).
  template <class F>
  httplib::Server::Handler guarded(F&& body) {
    return
        [this, body = std::forward<F>(body)](const httplib::Request& req, httplib::Response& res) {
          try {
            body(req, res);
          } catch (const std::exception& e) {
            send_error(req, res, Error{ErrorCode::internal, std::string("exception: ") + e.what()});
          } catch (...) {
            send_error(req, res, Error{ErrorCode::internal, "unknown exception"});
          }
        };
  }

  std::pair<const Office*, const Service*> office_service(const Booking& b) const {
    const Office* office = offices.find(b.request.office_id);
    const Service* svc = office ? office->find_service(b.request.service_id) : nullptr;
    return {office, svc};
  }

  // Renders a booking, or an internal error when the configuration lost its office/service.
  Result<json> render(const Booking& b) const {
    auto [office, svc] = office_service(b);
    if (!office || !svc)
      return fail(ErrorCode::internal, "booking's office or service is no longer configured");
    return api::booking_json(b, *office, *svc, catalog);
  }

  void reply_booking(const httplib::Request& req, httplib::Response& res, const Result<Booking>& b,
                     int status = 200) const {
    if (!b) return send_error(req, res, b.error());
    auto body = render(*b);
    if (!body) return send_error(req, res, body.error());
    send_json(res, status, *body);
  }

  void routes();
};

App::App() : impl_(std::make_unique<Impl>()) {}
App::~App() = default;

Result<std::unique_ptr<App>> App::create(const ServerOptions& options) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to initialise");
  std::unique_ptr<App> app(new App());
  Impl& s = *app->impl_;
  s.options = options;
  if (options.fake_now) {
    auto manual = std::make_unique<ManualClock>(*options.fake_now);
    s.manual_clock = manual.get();
    s.clock = std::move(manual);
  } else {
    s.clock = std::make_unique<SystemClock>();
  }
  auto assets = options.assets_dir.empty() ? default_assets_dir() : options.assets_dir;
  auto calendar = ProductionCalendar::load_directory(assets / "calendar");
  if (!calendar) return std::unexpected(calendar.error());
  s.calendar = std::move(*calendar);
  auto offices = load_offices_file(options.offices_file.empty() ? assets / "offices" / "demo.toml"
                                                                : options.offices_file);
  if (!offices) return std::unexpected(offices.error());
  s.offices = std::move(*offices);
  // R-TIME-1: a booking horizon reaching into a year with no calendar file offers that year's
  // holidays as ordinary days. Loud at start-up (and on every console page, staff_console.cpp).
  for (const int y : uncovered_calendar_years(s.offices, s.calendar, s.clock->now())) {
    spdlog::warn(
        "production calendar: no {}/ru-{}.toml, yet booking horizons reach into {}: its "
        "holidays and transfers are unknown and offered as ordinary days; import the decree "
        "(okno-server import-calendar)",
        (assets / "calendar").string(), y, y);
  }
  auto catalog = Catalog::load_directory(options.locales_dir.empty() ? default_locales_dir()
                                                                     : options.locales_dir);
  if (!catalog) return std::unexpected(catalog.error());
  s.catalog = std::move(*catalog);
  auto store = SqliteBookingStore::open(options.database.string());
  if (!store) return std::unexpected(store.error());
  s.store = std::move(*store);
  s.service = std::make_unique<BookingService>(s.offices, s.calendar, *s.store, *s.clock);
  std::optional<NotifyConfig> notify_config;
  if (!options.notify_config.empty()) {
    auto loaded = load_notify_config(options.notify_config);
    if (!loaded) return std::unexpected(loaded.error());
    notify_config = std::move(*loaded);
  }
  auto notify = NotifyService::create(
      notify_config, s.offices, s.catalog, options.database.string(), *s.clock,
      [store = s.store.get()](std::string_view code) { return store->find(code); });
  if (!notify) return std::unexpected(notify.error());
  s.notify = std::move(*notify);
  s.store->set_outbox_composer(&s.notify->composer());
  auto staff = StaffAuth::create(options.database.string(), *s.clock, s.catalog,
                                 StaffAuthOptions{.secure_cookies = options.secure_cookies,
                                                  .consent_version = options.consent_version});
  if (!staff) return std::unexpected(staff.error());
  s.staff = std::move(*staff);
  auto console = StaffConsole::create(assets / "web", *s.staff, s.offices, s.calendar);
  if (!console) return std::unexpected(console.error());
  s.console = std::move(*console);
  auto queue_store = SqliteQueueStore::open(options.database.string(), s.store->committer());
  if (!queue_store) return std::unexpected(queue_store.error());
  auto queue = QueueService::create(
      {options.queue_config.empty() ? assets / "queue.toml" : options.queue_config},
      std::move(*queue_store), s.offices, s.calendar, s.catalog, *s.service, s.notify.get(),
      *s.clock);
  if (!queue) return std::unexpected(queue.error());
  s.queue = std::move(*queue);
  s.queue->set_staff_check(s.staff->queue_staff_check());  // desk actions need a staff session
  // The outbox is an administrator's view; "visit finished" is the desk's.
  s.notify->set_staff_check([staff = s.staff.get()](const httplib::Request& req) {
    return staff->allows(
        req, req.path == "/api/v1/outbox" ? StaffRole::administrator : StaffRole::receptionist);
  });
  s.routes();
  s.notify->routes(s.http, *s.service);
  s.staff->routes(s.http, *s.service);
  s.console->routes(s.http);
  s.queue->routes(s.http);
  return app;
}

void App::Impl::routes() {
  const int threads = std::max(4, options.threads);
  // Grows past `threads` for open event streams (queue_events.hpp), so they never starve requests.
  http.new_task_queue = [threads] {
    return new ElasticTaskQueue(static_cast<size_t>(threads),
                                static_cast<size_t>(threads) + kMaxEventStreams);
  };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_timeout(5);
  // cpp-httplib closes a keep-alive connection after 5 requests by default: every 5th request
  // then pays a new TCP connection and a pool hand-off (bench/: ~1 reconnect per 5 bookings).
  http.set_keep_alive_max_count(1000);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_tcp_nodelay(true);
  http.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = sock;
  });
  // Errors cpp-httplib answers itself (no route, body too large, malformed request) get the
  // same JSON shape as ours.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ErrorCode code = ErrorCode::bad_request;
        if (res.status == 404) code = ErrorCode::not_found;
        if (res.status == 405) code = ErrorCode::method_not_allowed;
        if (res.status == 413) code = ErrorCode::body_too_large;
        if (res.status >= 500) code = ErrorCode::internal;
        const int status = res.status;
        send_json(res, status, api::error_json(Error{code, {}}, catalog, request_language(req)));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        send_error(req, res, Error{ErrorCode::internal, "exception outside a handler"});
      });
  // cpp-httplib 0.11 applies the payload limit to Content-Length bodies only; a chunked body
  // would be read whole, of any size. Refuse it before it is read.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.set_header("Connection", "close");
    send_json(res, 411,
              api::error_json(Error{ErrorCode::bad_request, {}}, catalog, request_language(req)));
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("{} {} -> {}", req.method, loggable_path(req.path), res.status);
  });

  http.Get("/healthz", guarded([this](const httplib::Request&, httplib::Response& res) {
             send_json(res, 200,
                       {{"status", "ok"},
                        {"schema_version", store->schema_version()},
                        {"now", date::format("%FT%TZ", clock->now())}});
           }));

  http.Get("/api/v1/offices", guarded([this](const httplib::Request& req, httplib::Response& res) {
             const Language lang = request_language(req);
             json list = json::array();
             for (const auto& o : offices.offices) list.push_back(api::office_json(o, lang));
             send_json(res, 200, {{"offices", list}});
           }));

  http.Get(R"(/api/v1/offices/([^/]+))",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             const Office* office = offices.find(req.matches[1].str());
             if (!office) return send_error(req, res, Error{ErrorCode::unknown_office, {}});
             send_json(res, 200, api::office_json(*office, request_language(req)));
           }));

  http.Get(R"(/api/v1/offices/([^/]+)/services)",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             const Office* office = offices.find(req.matches[1].str());
             if (!office) return send_error(req, res, Error{ErrorCode::unknown_office, {}});
             const Language lang = request_language(req);
             json list = json::array();
             for (const auto& s : office->services) list.push_back(api::service_json(s, lang));
             send_json(res, 200, {{"office", office->id}, {"services", list}});
           }));

  http.Get(R"(/api/v1/offices/([^/]+)/slots)",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             const Office* office = offices.find(req.matches[1].str());
             if (!office) return send_error(req, res, Error{ErrorCode::unknown_office, {}});
             if (!req.has_param("service")) {
               return send_error(req, res, Error{ErrorCode::missing_field, "service"});
             }
             const Date today = local_date(*office, clock->now());
             std::optional<Date> from = today, to;
             if (req.has_param("from")) from = parse_iso_date(req.get_param_value("from"));
             if (!from) return send_error(req, res, Error{ErrorCode::invalid_date, "from"});
             to = req.has_param("to") ? parse_iso_date(req.get_param_value("to"))
                                      : Date{std::chrono::sys_days{*from} + std::chrono::days{13}};
             if (!to) return send_error(req, res, Error{ErrorCode::invalid_date, "to"});
             auto slots =
                 service->free_slots(office->id, req.get_param_value("service"), *from, *to);
             if (!slots) return send_error(req, res, slots.error());
             json list = json::array();
             for (const auto& s : *slots) list.push_back(api::slot_json(s, *office));
             send_json(res, 200,
                       {{"office", office->id},
                        {"service", req.get_param_value("service")},
                        {"time_zone", office->time_zone_name},
                        {"from", format_iso_date(*from)},
                        {"to", format_iso_date(*to)},
                        {"slots", list}});
           }));

  http.Post(
      "/api/v1/bookings", guarded([this](const httplib::Request& req, httplib::Response& res) {
        auto request = api::parse_booking_request(req.body);
        if (!request) return send_error(req, res, request.error());
        request->consent.at = clock->now();
        // Consent counts only for the consent text the agency shows now (152-FZ: the
        // version agreed to is recorded, so it must be the current one).
        if (request->consent.given && request->consent.text_version != options.consent_version) {
          return send_error(req, res, Error{ErrorCode::consent_missing, "consent.version"});
        }
        std::optional<IdempotencyKey> idem;
        if (req.has_header("Idempotency-Key")) {
          auto key = req.get_header_value("Idempotency-Key");
          if (key.empty() || key.size() > 255 || !is_valid_utf8(key)) {
            return send_error(req, res, Error{ErrorCode::invalid_value, "Idempotency-Key"});
          }
          // The body's meaning, not its bytes, as at Stripe: a client that re-serialises the same
          // object with other spacing or key order is retrying, not asking for something else.
          // (parse_booking_request accepted the body, so it parses; nlohmann sorts the keys.)
          const auto canonical = json::parse(req.body, nullptr, false);
          idem = IdempotencyKey{key, sha256_hex("POST /api/v1/bookings\n" + canonical.dump())};
        }
        auto outcome = api::book_rendered(*service, *request, idem,
                                          [this](const Booking& b) { return render(b); });
        if (!outcome) return send_error(req, res, outcome.error());
        res.status = 201;
        if (outcome->replayed) res.set_header("Idempotent-Replayed", "true");
        res.set_header("Location", "/api/v1/bookings/" + outcome->booking.code);
        res.set_content(outcome->response_body, "application/json; charset=utf-8");
      }));

  static const char* kCode = R"(/api/v1/bookings/([^/]+))";
  http.Get(kCode, guarded([this](const httplib::Request& req, httplib::Response& res) {
             reply_booking(req, res, service->find(req.matches[1].str()));
           }));

  http.Post(std::string(kCode) + "/cancel",
            guarded([this](const httplib::Request& req, httplib::Response& res) {
              auto change = api::parse_change_request(req.body, false);
              if (!change) return send_error(req, res, change.error());
              reply_booking(req, res, service->cancel(req.matches[1].str(), change->channel));
            }));

  http.Post(std::string(kCode) + "/reschedule",
            guarded([this](const httplib::Request& req, httplib::Response& res) {
              auto change = api::parse_change_request(req.body, true);
              if (!change) return send_error(req, res, change.error());
              reply_booking(
                  req, res,
                  service->reschedule(req.matches[1].str(), *change->start, change->channel));
            }));

  http.Get(std::string(kCode) + "/history",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             auto b = service->find(req.matches[1].str());
             if (!b) return send_error(req, res, b.error());
             auto events = store->history(b->code);
             if (!events) return send_error(req, res, events.error());
             auto [office, svc] = office_service(*b);
             json list = json::array();
             for (const auto& e : *events) {
               list.push_back({{"kind", e.kind},
                               {"channel", to_string(e.channel)},
                               {"at", office ? format_local_iso(*office, e.at) : ""},
                               {"details", json::parse(e.details, nullptr, false)}});
             }
             send_json(res, 200, {{"code", b->code}, {"events", list}});
           }));

  http.Get(std::string(kCode) + "/calendar.ics",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             auto b = service->find(req.matches[1].str());
             if (!b) return send_error(req, res, b.error());
             auto [office, svc] = office_service(*b);
             if (!office || !svc) return send_error(req, res, Error{ErrorCode::internal, "config"});
             res.set_header("Content-Disposition",
                            "attachment; filename=\"okno-" + b->code + ".ics\"");
             // The same texts as the file attached to the e-mails (ics_texts).
             res.set_content(booking_to_ics(*b, ics_texts(*b, *office, *svc, catalog)),
                             "text/calendar; charset=utf-8");
           }));

  http.Get(std::string(kCode) + "/qr.svg",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             auto b = service->find(req.matches[1].str());
             if (!b) return send_error(req, res, b.error());
             auto svg = qr_svg(b->code);
             if (!svg) return send_error(req, res, svg.error());
             res.set_content(*svg, "image/svg+xml");
           }));

  http.Get(std::string(kCode) + "/qr.png",
           guarded([this](const httplib::Request& req, httplib::Response& res) {
             auto b = service->find(req.matches[1].str());
             if (!b) return send_error(req, res, b.error());
             auto png = qr_png(b->code);
             if (!png) return send_error(req, res, png.error());
             res.set_content(std::string(png->begin(), png->end()), "image/png");
           }));

  if (options.test_clock_api && manual_clock) {
    // Time travel for tests only: {"now": "2026-12-01T06:00:00Z"} or {"advance_s": 3600}.
    http.Post("/api/v1/_test/clock",
              guarded([this](const httplib::Request& req, httplib::Response& res) {
                json doc = json::parse(req.body, nullptr, false);
                if (doc.is_discarded() || !doc.is_object()) {
                  return send_error(req, res, Error{ErrorCode::invalid_json, {}});
                }
                if (doc.contains("now") && doc["now"].is_string()) {
                  auto t = parse_iso_instant(doc["now"].get<std::string>());
                  if (!t) return send_error(req, res, Error{ErrorCode::invalid_date, "now"});
                  manual_clock->set(*t);
                  notify->wake();
                } else if (doc.contains("advance_s") && doc["advance_s"].is_number_integer()) {
                  manual_clock->advance(std::chrono::seconds{doc["advance_s"].get<long long>()});
                  notify->wake();
                } else {
                  return send_error(req, res, Error{ErrorCode::missing_field, "now"});
                }
                send_json(res, 200, {{"now", date::format("%FT%TZ", clock->now())}});
              }));
  }
}

bool App::bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
    if (s.port <= 0) return false;
  } else {
    if (!s.http.bind_to_port(s.options.host, s.options.port)) return false;
    s.port = s.options.port;
  }
  if (s.listen_fd >= 0) ::listen(s.listen_fd, kListenBacklog);
  return true;
}

int App::bound_port() const {
  return impl_->port;
}
void App::serve() {
  impl_->notify->start();
  impl_->http.listen_after_bind();
  impl_->notify->stop();
}
void App::stop() {
  impl_->queue->close_streams();
  impl_->http.stop();
}

std::filesystem::path default_assets_dir() {
  std::filesystem::path dev = std::filesystem::path(OKNO_SOURCE_ROOT) / "assets";
  if (std::filesystem::exists(dev)) return dev;
  return "/usr/share/okno/assets";
}

std::filesystem::path default_locales_dir() {
  std::filesystem::path dev = std::filesystem::path(OKNO_SOURCE_ROOT) / "locales";
  if (std::filesystem::exists(dev)) return dev;
  return "/usr/share/okno/locales";
}

}  // namespace okno
