// The SQLite storage: one file, migrated once, a store per concern (sqlite_storage.hpp).
#include "okno/server/storage/sqlite/sqlite_storage.hpp"

namespace okno {

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const std::string& path,
                                                           int read_connections) {
  std::unique_ptr<SqliteStorage> storage(new SqliteStorage());
  storage->path_ = path;
  auto bookings = SqliteBookingStore::open(path, read_connections);
  if (!bookings) return std::unexpected(bookings.error());
  storage->bookings_ = std::move(*bookings);
  auto outbox = SqliteOutbox::open(path);
  if (!outbox) return std::unexpected(outbox.error());
  storage->outbox_ = std::move(*outbox);
  auto staff = SqliteStaffStore::open(path);
  if (!staff) return std::unexpected(staff.error());
  storage->staff_ = std::move(*staff);
  auto reports = SqliteReportStore::open(path);
  if (!reports) return std::unexpected(reports.error());
  storage->reports_ = std::move(*reports);
  auto kiosks = SqliteKioskStore::open(path);
  if (!kiosks) return std::unexpected(kiosks.error());
  storage->kiosks_ = std::move(*kiosks);
  return storage;
}

Result<std::unique_ptr<QueueStore>> SqliteStorage::queue_store() {
  auto queue = SqliteQueueStore::open(path_, bookings_->committer());
  if (!queue) return std::unexpected(queue.error());
  return std::unique_ptr<QueueStore>(std::move(*queue));
}

}  // namespace okno
