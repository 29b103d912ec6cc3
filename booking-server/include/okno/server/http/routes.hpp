// The JSON routes of okno-server, one file per resource under booking-server/src/http/ (the
// queue's routes are QueueService::routes, the console's pages StaffConsole::routes). app.cpp
// builds the parts and calls these; a new resource gets its own file and a function here.
#pragma once

#include <functional>
#include <string>

#include <httplib.h>

#include "okno/booking_service.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/server/app.hpp"

namespace okno {

class NotifyService;
class StaffAuth;

// What the public booking and office routes use.
struct BookingApi {
  const OfficeDirectory& offices;
  const Catalog& catalog;
  BookingService& service;
  const Clock& clock;
  std::string consent_version;  // the personal-data consent text in force (152-FZ)
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

// /api/v1/staff/: login, logout, me, accounts, audit, operator bookings (staff_routes.cpp).
void staff_routes(httplib::Server& http, StaffAuth& staff, BookingService& bookings);

}  // namespace okno
