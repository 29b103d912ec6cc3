// Storage (core/include/okno/storage.hpp) on one SQLite file: opens it, runs the migrations
// (SqliteBookingStore::open) and then opens the other stores' connections on it.
#pragma once

#include <memory>
#include <string>

#include "okno/server/storage/sqlite/kiosk_store.hpp"
#include "okno/server/storage/sqlite/queue_store.hpp"
#include "okno/server/storage/sqlite/report_store.hpp"
#include "okno/server/storage/sqlite/sqlite_outbox.hpp"
#include "okno/server/storage/sqlite/sqlite_store.hpp"
#include "okno/server/storage/sqlite/staff_store.hpp"
#include "okno/storage.hpp"

namespace okno {

class SqliteStorage final : public Storage {
 public:
  static Result<std::unique_ptr<SqliteStorage>> open(const std::string& path,
                                                     int read_connections = 4);

  SqliteBookingStore& bookings() override { return *bookings_; }
  SqliteOutbox& outbox() override { return *outbox_; }
  SqliteStaffStore& staff() override { return *staff_; }
  SqliteReportStore& reports() override { return *reports_; }
  SqliteKioskStore& kiosks() override { return *kiosks_; }
  Result<std::unique_ptr<QueueStore>> queue_store() override;
  int schema_version() const override { return bookings_->schema_version(); }
  void set_outbox_composer(const OutboxComposer* composer) override {
    bookings_->set_outbox_composer(composer);
  }

 private:
  SqliteStorage() = default;
  std::string path_;
  // The booking store first: it migrates the file the others open.
  std::unique_ptr<SqliteBookingStore> bookings_;
  std::unique_ptr<SqliteOutbox> outbox_;
  std::unique_ptr<SqliteStaffStore> staff_;
  std::unique_ptr<SqliteReportStore> reports_;
  std::unique_ptr<SqliteKioskStore> kiosks_;
};

}  // namespace okno
