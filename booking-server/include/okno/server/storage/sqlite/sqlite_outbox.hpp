// The outbox on the same SQLite file as the bookings (schema in sqlite_store.cpp, version 2).
// The free functions write and cancel outbox rows on the store's writer connection inside the
// booking transaction; SqliteOutbox serves the dispatcher and staff on its own connections.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "okno/outbox_store.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno {

namespace outbox_sql {
// Inserts messages (a known id is left as it is). Runs inside the caller's transaction.
Result<void> insert(sqlite::Connection& conn, const std::vector<OutboxMessage>& messages);
// The primary-key range [low, high) that holds a booking's messages (message_id_prefix).
std::pair<std::string, std::string> id_range(std::string_view booking_code);
// Cancels the booking's pending reminders (cancel, reschedule). Inside the caller's transaction.
Result<void> cancel_pending_reminders(sqlite::Connection& conn, std::string_view booking_code,
                                      Seconds at);
}  // namespace outbox_sql

class SqliteOutbox final : public OutboxStore {
 public:
  // Opens connections to a database the booking store has already migrated.
  static Result<std::unique_ptr<SqliteOutbox>> open(const std::string& path);

  Result<std::vector<OutboxRecord>> due(Seconds now, int limit) override;
  Result<bool> still_pending(std::string_view id) override;
  Result<void> record_attempt(std::string_view id, const AttemptRecord& attempt,
                              OutboxStatus status, std::optional<Seconds> next_attempt) override;
  Result<void> expire(std::string_view id, Seconds at, std::string_view reason) override;
  Result<void> enqueue(const std::vector<OutboxMessage>& messages) override;
  Result<std::vector<OutboxRecord>> list(std::optional<OutboxStatus> status,
                                         std::string_view booking_code, int limit) override;

 private:
  SqliteOutbox() = default;
  std::mutex write_mutex_;
  std::unique_ptr<sqlite::Connection> writer_;
  std::mutex read_mutex_;
  std::unique_ptr<sqlite::Connection> reader_;
};

}  // namespace okno
