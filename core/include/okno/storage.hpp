// Every store okno-server uses, from one storage backend: SQLite today
// (booking-server/src/storage/sqlite/), PostgreSQL later (storage/postgres/). The server opens
// one Storage (booking-server/include/okno/server/storage/storage.hpp) and hands its stores to
// the services; nothing above it knows which backend it is.
#pragma once

#include <memory>

#include "okno/booking_store.hpp"
#include "okno/kiosk_store.hpp"
#include "okno/notifications.hpp"
#include "okno/outbox_store.hpp"
#include "okno/queue_store.hpp"
#include "okno/report_store.hpp"
#include "okno/staff_store.hpp"

namespace okno {

class Storage {
 public:
  virtual ~Storage() = default;

  virtual BookingStore& bookings() = 0;
  virtual OutboxStore& outbox() = 0;
  virtual StaffStore& staff() = 0;
  virtual ReportStore& reports() = 0;
  virtual KioskStore& kiosks() = 0;  // registered kiosk devices (issue 16)
  // A queue store on this storage, owned by the QueueService; it must not outlive the Storage
  // (SQLite: it writes through the bookings' group committer).
  virtual Result<std::unique_ptr<QueueStore>> queue_store() = 0;

  // The schema version after migrations (for /healthz and tests).
  virtual int schema_version() const = 0;

  // When set, a booking's create / cancel / reschedule writes the composer's messages to the
  // outbox in the same transaction as the booking change. Set before serving.
  virtual void set_outbox_composer(const OutboxComposer* composer) = 0;
};

}  // namespace okno
