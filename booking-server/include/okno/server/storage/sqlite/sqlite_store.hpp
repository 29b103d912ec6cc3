// BookingStore on an embedded SQLite file (WAL, versioned migrations). Exclusivity lives in the
// database: a slot_load row per slot with CHECK(booked <= capacity), changed in the same
// transaction as the booking, so no two processes can overbook either.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "okno/booking_store.hpp"
#include "okno/notifications.hpp"
#include "okno/server/storage/sqlite/group_commit.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno {

class SqliteBookingStore final : public BookingStore {
 public:
  // Opens or creates the file and applies pending migrations.
  static Result<std::unique_ptr<SqliteBookingStore>> open(const std::string& path,
                                                          int read_connections = 4);

  Result<CreateOutcome> create(const Booking& booking, int capacity,
                               const std::optional<IdempotencyKey>& idempotency,
                               const RenderBooking& render) override;
  Result<std::optional<CreateOutcome>> replay(const IdempotencyKey& idempotency) override;
  Result<Booking> find(std::string_view code) override;
  Result<Booking> cancel(std::string_view code, BookingChannel channel, Seconds at) override;
  Result<Booking> change_notifications(std::string_view code, const NotifyChoice& notify,
                                       const std::set<Reminder>& reminders, BookingChannel channel,
                                       Seconds at) override;
  Result<Booking> reschedule(std::string_view code, Seconds new_start, Seconds new_end,
                             int capacity, BookingChannel channel, Seconds at) override;
  Result<Occupancy> occupancy(std::string_view office_id, std::string_view service_id, Seconds from,
                              Seconds to) override;
  Result<std::vector<InteractionEvent>> history(std::string_view code) override;

  // The schema version after migrations (for tests and /healthz).
  int schema_version() const { return schema_version_; }
  // Runs SQLite's integrity check on the writer connection; "ok" when healthy.
  Result<std::string> integrity_check();

  // Notifications (issue 3): when set, create / cancel / reschedule write the composer's
  // messages to the outbox in the same transaction as the booking change. Set before serving.
  void set_outbox_composer(const OutboxComposer* composer) { composer_ = composer; }

  // The file's one committer: bookings use it, and the queue store (queue_store.hpp) writes
  // through it too, so their writes share transactions and fsyncs. Lives as long as the store.
  sqlite::GroupCommitter& committer() { return *committer_; }

 private:
  struct Pooled {
    std::mutex mutex;
    sqlite::Connection conn;
  };
  // A booking on its way to the group committer (group_commit.hpp).
  struct PendingCreate {
    const Booking& booking;
    int capacity;
    const std::optional<IdempotencyKey>& idempotency;
    const RenderBooking& render;
    std::vector<OutboxMessage> messages;
  };
  SqliteBookingStore() = default;
  Pooled& reader();
  Result<CreateOutcome> create_one(sqlite::Connection& conn, const PendingCreate& p);

  std::mutex write_mutex_;
  std::unique_ptr<sqlite::Connection> writer_;
  std::vector<std::unique_ptr<Pooled>> readers_;
  std::atomic<unsigned> next_reader_{0};
  int schema_version_ = 0;
  const OutboxComposer* composer_ = nullptr;

  // The last member: stopped and joined first, while the connection still exists.
  std::unique_ptr<sqlite::GroupCommitter> committer_;
};

}  // namespace okno
