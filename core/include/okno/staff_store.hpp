// The storage interface for staff: accounts, sessions, failed-login throttles and the staff
// audit log (R-HIST-1). SQLite implements it today (booking-server/src/storage/sqlite/), and
// nothing above this interface may know which store it is. It holds password hashes and
// session-token hashes only: never a password or a raw session token.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/clock.hpp"
#include "okno/error.hpp"
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
  bool must_change_password = false;  // set by an administrator's reset: change at next sign-in
  std::vector<DeskRef> desks;         // where a receptionist may work (may_work_desk)
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

class StaffStore {
 public:
  virtual ~StaffStore() = default;

  // login_taken when the login exists.
  virtual Result<StaffAccount> create_account(const StaffAccount& account) = 0;
  virtual Result<std::optional<StaffAccount>> find_account(std::string_view login) = 0;
  virtual Result<std::vector<StaffAccount>> list_accounts() = 0;
  virtual Result<int> count_accounts() = 0;
  // Writes display_name, role, active, must_change_password and, when not empty, password_hash
  // of the account with a.id (account_not_found when none).
  virtual Result<void> update_account(const StaffAccount& a) = 0;
  // Replaces the account's desks.
  virtual Result<void> set_desks(std::int64_t staff_id, const std::vector<DeskRef>& desks) = 0;
  // Per office: may receptionists work at any desk (false: only their assigned ones)?
  virtual Result<bool> office_any_desk(std::string_view office) = 0;
  virtual Result<void> set_office_any_desk(std::string_view office, bool any) = 0;

  virtual Result<void> insert_session(const StoredSession& session) = 0;
  // The session with its account, when it exists, has not expired at `now` and the account is
  // active. Each use moves the expiry to now + idle, but never past created_at + absolute.
  virtual Result<std::optional<StoredSession>> touch_session(std::string_view token_hash,
                                                             Seconds now, std::chrono::seconds idle,
                                                             std::chrono::seconds absolute) = 0;
  virtual Result<void> delete_session(std::string_view token_hash) = 0;
  // Ends every session of an account (disabled, password reset).
  virtual Result<void> delete_sessions_of(std::int64_t staff_id) = 0;

  virtual Result<LoginThrottle> throttle(std::string_view key) = 0;
  virtual Result<void> save_throttle(std::string_view key, const LoginThrottle& t) = 0;
  virtual Result<void> clear_throttle(std::string_view key) = 0;

  virtual Result<void> audit(const StaffAuditEntry& entry) = 0;
  virtual Result<std::vector<StaffAuditEntry>> recent_audit(int limit) = 0;
  // Entries with from <= at < to, oldest first, at most `limit`.
  virtual Result<std::vector<StaffAuditEntry>> audit_between(Seconds from, Seconds to,
                                                             int limit) = 0;

  // Live bookings of a phone number (E.164) that have not ended at `now`, soonest first, for
  // the consultation line (R-VISIT-6). Codes only: the caller reads them through the service.
  virtual Result<std::vector<std::string>> live_booking_codes_by_phone(std::string_view phone,
                                                                       Seconds now, int limit) = 0;
};

}  // namespace okno
