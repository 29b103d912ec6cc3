// Notifications inside okno-server: the composer the store calls in its transactions, the
// outbox, the dispatcher thread, and the staff endpoints (failed messages, visit finished).
// app.cpp owns one and calls it at a few points; everything else about notifications is here.
#pragma once

#include <functional>

#include <memory>
#include <optional>

#include <httplib.h>

#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/notifications.hpp"
#include "okno/server/notify/notify_config.hpp"
#include "okno/server/notify/notify_dispatcher.hpp"
#include "okno/server/storage/sqlite/sqlite_outbox.hpp"

namespace okno {

class NotifyService {
 public:
  // `config` absent: messages are still composed into the outbox (so nothing is lost), but
  // no dispatcher runs and the staff endpoints are off.
  static Result<std::unique_ptr<NotifyService>> create(
      const std::optional<NotifyConfig>& config, const OfficeDirectory& offices,
      const Catalog& catalog, const std::string& database, const Clock& clock,
      std::function<Result<Booking>(std::string_view code)> find_booking = {});
  ~NotifyService();

  const OutboxComposer& composer() const { return *composer_; }
  OutboxStore& outbox() { return *outbox_; }

  // GET /api/v1/outbox and POST /api/v1/bookings/{code}/visit-finished (staff, Bearer token).
  void routes(httplib::Server& http, BookingService& bookings);

  // Staff sessions (staff_auth.hpp): when set, a request it accepts may use the staff
  // endpoints; the bearer token stays for scripts.
  void set_staff_check(std::function<bool(const httplib::Request&)> check) {
    staff_check_ = std::move(check);
  }

  void start();  // the dispatcher thread, when configured
  void stop();
  void wake();  // look at the outbox now (the test clock moved)

 private:
  NotifyService() = default;
  bool authorized(const httplib::Request& req) const;

  std::optional<NotifyConfig> config_;
  const Catalog* catalog_ = nullptr;
  std::unique_ptr<NotificationComposer> composer_;
  std::unique_ptr<SqliteOutbox> outbox_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::function<bool(const httplib::Request&)> staff_check_;
};

}  // namespace okno
