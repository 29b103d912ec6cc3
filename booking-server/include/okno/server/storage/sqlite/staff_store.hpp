// Staff accounts, sessions, failed-login throttles and the staff audit log on the server's
// SQLite file (schema: migration 4 in sqlite_store.cpp). Holds password hashes and session
// token hashes only: never a password or a raw session token.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "okno/server/storage/sqlite/sqlite.hpp"
#include "okno/staff.hpp"

namespace okno {

struct StaffAccount {
  std::int64_t id = 0;
  std::string login;
  std::string display_name;
  StaffRole role = StaffRole::receptionist;
  std::string password_hash;  // libsodium crypto_pwhash_str (Argon2id)
  bool active = true;
  Seconds created_at{};
};

struct StoredSession {
  std::string token_hash;  // SHA-256 of the cookie's token, hex
  StaffAccount account;
  std::string csrf_token;
  Seconds created_at{};
  Seconds last_seen_at{};
  Seconds expires_at{};
};

// One staff action (R-HIST-1): who, what, when, on what. `details` is JSON without personal data.
struct StaffAuditEntry {
  std::int64_t id = 0;
  Seconds at{};
  std::int64_t staff_id = 0;
  std::string login;
  std::string action;
  std::string target;
  std::string details = "{}";
};

class SqliteStaffStore {
 public:
  // Opens a connection to a database the booking store has already migrated.
  static Result<std::unique_ptr<SqliteStaffStore>> open(const std::string& path);

  // login_taken when the login exists.
  Result<StaffAccount> create_account(const StaffAccount& account);
  Result<std::optional<StaffAccount>> find_account(std::string_view login);
  Result<std::vector<StaffAccount>> list_accounts();
  Result<int> count_accounts();

  Result<void> insert_session(const StoredSession& session);
  // The session with its account, when it exists, has not expired at `now` and the account is
  // active. Each use moves the expiry to now + idle, but never past created_at + absolute.
  Result<std::optional<StoredSession>> touch_session(std::string_view token_hash, Seconds now,
                                                     std::chrono::seconds idle,
                                                     std::chrono::seconds absolute);
  Result<void> delete_session(std::string_view token_hash);

  Result<LoginThrottle> throttle(std::string_view key);
  Result<void> save_throttle(std::string_view key, const LoginThrottle& t);
  Result<void> clear_throttle(std::string_view key);

  Result<void> audit(const StaffAuditEntry& entry);
  Result<std::vector<StaffAuditEntry>> recent_audit(int limit);

  // Live bookings of a phone number (E.164) that have not ended at `now`, soonest first, for
  // the consultation line (R-VISIT-6). Codes only: the caller reads them through the service.
  Result<std::vector<std::string>> live_booking_codes_by_phone(std::string_view phone, Seconds now,
                                                               int limit);

 private:
  SqliteStaffStore() = default;
  std::mutex mutex_;  // one connection, used by one thread at a time
  std::unique_ptr<sqlite::Connection> conn_;
};

}  // namespace okno
