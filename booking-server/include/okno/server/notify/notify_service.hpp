// Notifications inside okno-server: the composer the store calls in its transactions, the
// outbox, the dispatcher thread, and who may use the staff endpoints (their routes are
// http/outbox_routes.cpp). app.cpp owns one and calls it at a few points.
#pragma once

#include <functional>

#include <memory>
#include <optional>

#include <httplib.h>

#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/notifications.hpp"
#include "okno/outbox_store.hpp"
#include "okno/server/notify/notify_config.hpp"
#include "okno/server/notify/notify_dispatcher.hpp"

namespace okno {

class NotifyService {
 public:
  // `config` absent: messages are still composed into the outbox (so nothing is lost), but
  // no dispatcher runs and the staff endpoints are off. `outbox` outlives the service.
  static Result<std::unique_ptr<NotifyService>> create(
      const std::optional<NotifyConfig>& config, const OfficeDirectory& offices,
      const Catalog& catalog, OutboxStore& outbox, const Clock& clock,
      std::function<Result<Booking>(std::string_view code)> find_booking = {},
      std::string link_key = {});  // the key of the links' {token} (NotificationLinks)
  ~NotifyService();

  const OutboxComposer& composer() const { return *composer_; }
  OutboxStore& outbox() { return *outbox_; }
  const Catalog& catalog() const { return *catalog_; }

  // The desk finished serving the visitor: the closing message with the survey link
  // (R-VISIT-13, R-CHAN-4) into the outbox; how many messages. Repeating it adds nothing new
  // (same message ids).
  Result<std::size_t> visit_finished(const Booking& booking, Seconds now);

  // Whether a request may use the staff endpoints (GET /api/v1/outbox, POST .../visit-finished):
  // the staff check, or the configured Bearer token.
  bool authorized(const httplib::Request& req) const;

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

  std::optional<NotifyConfig> config_;
  const Catalog* catalog_ = nullptr;
  std::unique_ptr<NotificationComposer> composer_;
  OutboxStore* outbox_ = nullptr;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::function<bool(const httplib::Request&)> staff_check_;
};

}  // namespace okno
