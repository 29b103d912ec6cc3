// StaffStore (core/include/okno/staff_store.hpp) on the server's SQLite file: accounts,
// sessions, failed-login throttles and the staff audit log (schema: migrations 4 and 6 in
// sqlite_store.cpp).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "okno/server/storage/sqlite/sqlite.hpp"
#include "okno/staff_store.hpp"

namespace okno {

class SqliteStaffStore final : public StaffStore {
 public:
  // Opens a connection to a database the booking store has already migrated.
  static Result<std::unique_ptr<SqliteStaffStore>> open(const std::string& path);

  Result<StaffAccount> create_account(const StaffAccount& account) override;
  Result<std::optional<StaffAccount>> find_account(std::string_view login) override;
  Result<std::vector<StaffAccount>> list_accounts() override;
  Result<int> count_accounts() override;
  Result<void> update_account(const StaffAccount& a) override;
  Result<void> set_desks(std::int64_t staff_id, const std::vector<DeskRef>& desks) override;
  Result<bool> office_any_desk(std::string_view office) override;
  Result<void> set_office_any_desk(std::string_view office, bool any) override;

  Result<void> insert_session(const StoredSession& session) override;
  Result<std::optional<StoredSession>> touch_session(std::string_view token_hash, Seconds now,
                                                     std::chrono::seconds idle,
                                                     std::chrono::seconds absolute) override;
  Result<void> delete_session(std::string_view token_hash) override;
  Result<void> delete_sessions_of(std::int64_t staff_id) override;

  Result<LoginThrottle> throttle(std::string_view key) override;
  Result<void> save_throttle(std::string_view key, const LoginThrottle& t) override;
  Result<void> clear_throttle(std::string_view key) override;

  Result<void> audit(const StaffAuditEntry& entry) override;
  Result<std::vector<StaffAuditEntry>> recent_audit(int limit) override;
  Result<std::vector<StaffAuditEntry>> audit_between(Seconds from, Seconds to, int limit) override;

  Result<std::vector<std::string>> live_booking_codes_by_phone(std::string_view phone, Seconds now,
                                                               int limit) override;

 private:
  SqliteStaffStore() = default;
  // The account's desks; the caller holds mutex_.
  Result<std::vector<DeskRef>> desks_of(std::int64_t staff_id);
  Result<std::vector<StaffAuditEntry>> read_audit(sqlite::Statement& st);
  std::mutex mutex_;  // one connection, used by one thread at a time
  std::unique_ptr<sqlite::Connection> conn_;
};

}  // namespace okno
