// okno-server's wiring: loads the configuration, opens the storage, builds the services and
// hands each part its routes (booking-server/src/http/, pages/, queue/). Nothing else lives here.
#include "okno/server/app.hpp"

#include <sys/socket.h>

#include <fstream>

#include <httplib.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/rate_limit.hpp"
#include "okno/secret.hpp"
#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/notify/notify_service.hpp"
#include "okno/server/pages/board_page.hpp"
#include "okno/server/pages/site.hpp"
#include "okno/server/pages/staff_console.hpp"
#include "okno/server/queue/announcer.hpp"
#include "okno/server/queue/queue_service.hpp"
#include "okno/server/staff/staff_auth.hpp"
#include "okno/server/storage/storage.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"
#include "okno/toml_input.hpp"

namespace okno {
namespace {

// The listen backlog compiled into Debian's cpp-httplib is 5: a burst of clients would lose
// SYNs and retry a second later. A second listen() on the bound socket raises it.
constexpr int kListenBacklog = 1024;

// The links' key (ServerOptions::link_key): read from beside the database, or made there once,
// readable by the server's user only. An in-memory database gets one for its lifetime.
Result<std::string> link_key_for(const std::filesystem::path& database) {
  if (database.empty() || database == ":memory:") return random_token(32);
  std::filesystem::path file = database;
  file += ".link-key";
  if (std::ifstream in(file); in) {
    std::string key;
    std::getline(in, key);
    if (key.size() >= 32) return key;
    return fail(ErrorCode::internal,
                file.string() + ": the link key is shorter than 32 characters");
  }
  const std::string key = random_token(32);
  {
    std::ofstream out(file, std::ios::trunc);
    if (!out) return fail(ErrorCode::internal, "cannot write " + file.string());
    out << key << "\n";
  }
  std::error_code ec;
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  spdlog::info("made the key of the messages' links: {}", file.string());
  return key;
}

}  // namespace

struct App::Impl {
  ServerOptions options;
  std::unique_ptr<Clock> clock;
  ManualClock* manual_clock = nullptr;
  ProductionCalendar calendar;
  OfficeDirectory offices;
  Catalog catalog;
  std::unique_ptr<Storage> storage;  // every store, from one backend (storage.hpp)
  std::unique_ptr<BookingService> service;
  std::unique_ptr<NotifyService> notify;  // outbox, dispatcher, staff endpoints (issue 3)
  std::unique_ptr<QueueService> queue;    // tickets, desks, live events (issue 4)
  std::unique_ptr<StaffAuth> staff;       // staff sign-in, sessions, CSRF, audit (issue 4)
  std::unique_ptr<StaffConsole> console;  // the staff console's pages (issue 4)
  std::unique_ptr<AbuseGuard> abuse;      // kiosk keys, rate limits, code guessing (issue 16)
  std::unique_ptr<Announcer> announcer;   // the web board's speech (issue 11)
  std::unique_ptr<BoardPage> board;       // the web board's page (issue 11)
  std::unique_ptr<PublicSite> site;       // the public site: book, manage, rate (issue 12)
  httplib::Server http;
  int listen_fd = -1;
  int port = 0;

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
  s.catalog.set_constants(hotline_constants(s.offices.hotline));  // {hotline} in texts
  auto storage = open_storage(options.database.string());
  if (!storage) return std::unexpected(storage.error());
  s.storage = std::move(*storage);
  s.service =
      std::make_unique<BookingService>(s.offices, s.calendar, s.storage->bookings(), *s.clock);
  std::optional<NotifyConfig> notify_config;
  if (!options.notify_config.empty()) {
    auto loaded = load_notify_config(options.notify_config);
    if (!loaded) return std::unexpected(loaded.error());
    notify_config = std::move(*loaded);
  }
  auto link_key = options.link_key.empty() ? link_key_for(options.database)
                                           : Result<std::string>(options.link_key);
  if (!link_key) return std::unexpected(link_key.error());
  auto notify = NotifyService::create(
      notify_config, s.offices, s.catalog, s.storage->outbox(), *s.clock,
      [store = &s.storage->bookings()](std::string_view code) { return store->find(code); },
      *link_key);
  if (!notify) return std::unexpected(notify.error());
  s.notify = std::move(*notify);
  s.storage->set_outbox_composer(&s.notify->composer());
  auto staff = StaffAuth::create(s.storage->staff(), *s.clock, s.catalog,
                                 StaffAuthOptions{.secure_cookies = options.secure_cookies,
                                                  .idle_timeout = options.staff_idle_timeout,
                                                  .absolute_timeout = options.staff_session_max,
                                                  .consent_version = options.consent_version});
  if (!staff) return std::unexpected(staff.error());
  s.staff = std::move(*staff);
  auto console = StaffConsole::create(assets / "web", *s.staff, s.offices, s.calendar);
  if (!console) return std::unexpected(console.error());
  s.console = std::move(*console);
  auto queue_store = s.storage->queue_store();
  if (!queue_store) return std::unexpected(queue_store.error());
  auto queue = QueueService::create(
      {options.queue_config.empty() ? assets / "queue.toml" : options.queue_config},
      std::move(*queue_store), s.offices, s.calendar, s.catalog, *s.service, s.notify.get(),
      *s.clock);
  if (!queue) return std::unexpected(queue.error());
  s.queue = std::move(*queue);
  auto limits_file = options.limits_config.empty() ? assets / "limits.toml" : options.limits_config;
  PublicLimits limits;
  if (!options.limits_config.empty() || std::filesystem::exists(limits_file)) {
    auto doc = parse_toml_file(limits_file);
    if (!doc) return std::unexpected(doc.error());
    auto parsed = parse_public_limits(*doc, limits_file.string());
    if (!parsed) return std::unexpected(parsed.error());
    limits = std::move(*parsed);
  }
  if (!limits.enabled) spdlog::warn("rate limits are off ({})", limits_file.string());
  s.abuse =
      std::make_unique<AbuseGuard>(*s.clock, std::move(limits), s.storage->kiosks(), s.catalog);
  s.queue->set_abuse_guard(s.abuse.get());
  s.queue->set_staff_check(s.staff->queue_staff_check());  // desk actions need a staff session
  s.console->set_recalls_before_no_show(s.queue->policy().recalls_before_no_show);
  // The outbox is an administrator's view; "visit finished" is the desk's.
  s.notify->set_staff_check([staff = s.staff.get()](const httplib::Request& req) {
    return staff->allows(
        req, req.path == "/api/v1/outbox" ? StaffRole::administrator : StaffRole::receptionist);
  });
  s.announcer = std::make_unique<Announcer>(s.offices, s.catalog, *s.queue, *s.clock,
                                            AnnouncerOptions{.log_file = options.announce_log});
  auto board = BoardPage::create(assets, s.catalog, s.offices, s.calendar, *s.clock);
  if (!board) return std::unexpected(board.error());
  s.board = std::move(*board);
  QueueService* queue_service = s.queue.get();
  auto site = PublicSite::create(SiteOptions{.assets = assets,
                                             .consent_version = options.consent_version,
                                             .link_key = *link_key,
                                             .secure_cookies = options.secure_cookies},
                                 s.catalog, s.offices, s.calendar, *s.service, *s.clock, *s.abuse,
                                 SiteVisits{.ticket_of =
                                                [queue_service](std::string_view code) {
                                                  return queue_service->ticket_of_booking(code);
                                                },
                                            .add_feedback =
                                                [queue_service](const NewFeedback& f) {
                                                  return queue_service->add_feedback(f);
                                                }});
  if (!site) return std::unexpected(site.error());
  s.site = std::move(*site);
  s.routes();
  return app;
}

void App::Impl::routes() {
  configure_server(http, options, catalog, listen_fd);
  const BookingApi api{offices, catalog, *service, *clock, options.consent_version, *abuse};
  health_routes(http, *clock, catalog, storage->schema_version());
  office_routes(http, api);
  booking_routes(http, api);
  if (options.test_clock_api && manual_clock) {
    test_clock_routes(http, *manual_clock, catalog, [this] { notify->wake(); });
  }
  outbox_routes(http, *notify, *service);
  staff_routes(http, *staff, *service);
  account_routes(http, *staff, offices);
  report_routes(http, *staff, *queue, storage->reports(), offices, calendar);
  kiosk_routes(http, *staff, storage->kiosks());
  console->routes(http);
  board->routes(http);
  site->routes(http);
  announcement_routes(http, *announcer, catalog);
  queue->routes(http);
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
