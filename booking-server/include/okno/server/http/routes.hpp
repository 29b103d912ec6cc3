// The JSON routes of okno-server, one file per resource under booking-server/src/http/ (the
// queue's routes are QueueService::routes, the console's pages StaffConsole::routes). app.cpp
// builds the parts and calls these; a new resource gets its own file and a function here.
#pragma once

#include <functional>
#include <string>

#include <httplib.h>

#include "okno/booking_service.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/server/app.hpp"

namespace okno {

class AbuseGuard;
class Announcer;
class KioskStore;
class NotifyService;
class QueueService;
class ReportStore;
class StaffAuth;

// What the public booking and office routes use.
struct BookingApi {
  const OfficeDirectory& offices;
  const Catalog& catalog;
  BookingService& service;
  const Clock& clock;
  std::string consent_version;  // the personal-data consent text in force (152-FZ)
  AbuseGuard& abuse;            // kiosk keys, rate limits, code guessing (issue 16)
};

// Thread pool, limits and timeouts, cpp-httplib's own errors as our JSON, chunked bodies
// refused, the access log (server.cpp). `listen_fd` receives the listening socket.
void configure_server(httplib::Server& http, const ServerOptions& options, const Catalog& catalog,
                      int& listen_fd);

// GET /healthz (health_routes.cpp).
void health_routes(httplib::Server& http, const Clock& clock, const Catalog& catalog,
                   int schema_version);

// POST /api/v1/_test/clock, for tests only (test_clock_routes.cpp); `moved` after each change.
void test_clock_routes(httplib::Server& http, ManualClock& clock, const Catalog& catalog,
                       std::function<void()> moved);

// GET /api/v1/offices, /offices/{id}, /offices/{id}/services, /offices/{id}/slots
// (offices_routes.cpp).
void office_routes(httplib::Server& http, const BookingApi& ctx);

// POST /api/v1/bookings; GET /api/v1/bookings/{code} and its history, calendar.ics, qr.svg,
// qr.png; POST its cancel and reschedule (bookings_routes.cpp).
void booking_routes(httplib::Server& http, const BookingApi& ctx);

// GET /api/v1/outbox, POST /api/v1/bookings/{code}/visit-finished (outbox_routes.cpp).
void outbox_routes(httplib::Server& http, NotifyService& notify, BookingService& bookings);

// /api/v1/staff/kiosks: registered kiosk devices (kiosk_routes.cpp, kiosk_devices.hpp).
void kiosk_routes(httplib::Server& http, StaffAuth& staff, KioskStore& kiosks);

// /api/v1/staff/: login, logout, me, operator bookings (staff_routes.cpp).
void staff_routes(httplib::Server& http, StaffAuth& staff, BookingService& bookings);

// /api/v1/staff/accounts and its actions, desk-rules, the own password (accounts_routes.cpp).
void account_routes(httplib::Server& http, StaffAuth& staff, const OfficeDirectory& offices);

// GET /api/v1/offices/{id}/report and report.csv, GET /api/v1/staff/audit (reports_routes.cpp).
void report_routes(httplib::Server& http, StaffAuth& staff, QueueService& queue_service,
                   ReportStore& store, const OfficeDirectory& offices,
                   const ProductionCalendar& calendar);

// GET /api/v1/offices/{office}/announcements/{event_id}.wav: a call spoken for the web board
// (announcements_routes.cpp, Announcer).
void announcement_routes(httplib::Server& http, Announcer& announcer, const Catalog& catalog);

}  // namespace okno
