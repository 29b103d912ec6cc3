// Staff accounts without HTTP or SQL: roles and what each may do, login and password rules,
// and the throttling policy that slows down and then locks repeated failed logins.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/clock.hpp"
#include "okno/error.hpp"

namespace okno {

// Reception staff run the queue at their desks, consultation-line operators book for callers
// (R-LINE-1), administrators keep offices and staff. Strings: "receptionist", "operator",
// "administrator".
enum class StaffRole { receptionist, operator_line, administrator };

inline constexpr StaffRole kAllStaffRoles[] = {StaffRole::receptionist, StaffRole::operator_line,
                                               StaffRole::administrator};

std::string_view to_string(StaffRole role);
std::optional<StaffRole> parse_staff_role(std::string_view text);

// Whether a member of `have` may do what needs `need`. An administrator supervises every desk
// and the line, so may do all; the other two roles only their own work.
bool role_allows(StaffRole have, StaffRole need);

// A desk of an office a receptionist is assigned to ("demo", "1").
struct DeskRef {
  std::string office;
  std::string desk;
  auto operator<=>(const DeskRef&) const = default;
};

// Whether a staff member may work at `desk` of `office` (issue 16 item 4): an administrator
// anywhere; a receptionist at the desks assigned to them, or at any desk of an office whose
// setting lets receptionists use any desk (`office_any_desk`); an operator at none.
bool may_work_desk(StaffRole role, const std::vector<DeskRef>& assigned, bool office_any_desk,
                   std::string_view office, std::string_view desk);

// Logins are short technical names (3-64 of a-z 0-9 . _ -), not e-mail addresses or real names,
// so the audit log that names them holds no personal data.
Result<void> validate_login(std::string_view login);
// At least 10 characters (length beats composition rules), at most 256 bytes, valid UTF-8.
Result<void> validate_password(std::string_view password);
// Display name shown in the console header: 1-100 bytes of UTF-8, no control characters.
Result<void> validate_display_name(std::string_view name);

// Failed logins of one key (an account, or an address) and what they lead to.
struct LoginThrottle {
  int failures = 0;                     // consecutive, within `LockoutPolicy::window`
  Seconds last_failure{};               // time of the latest failure
  std::optional<Seconds> locked_until;  // set once `lock_after` is reached
};

struct LockoutPolicy {
  int free_failures = 3;               // typos: no delay for the first few
  std::chrono::seconds base_delay{2};  // then 2 s, 4 s, 8 s ... between attempts
  std::chrono::seconds max_delay{60};
  int lock_after = 10;  // then the key is locked
  std::chrono::seconds lock_for{15 * 60};
  std::chrono::seconds window{15 * 60};  // failures older than this are forgotten
};

// Accounts are throttled first. An address is shared by a whole office behind NAT, so its limits
// lie far above an office's size: one person's wrong passwords lock their own account (10) long
// before the address is slowed (50 failures in 15 minutes, as many as 5 accounts locked at once),
// so a colleague signing in correctly from the same network is never held up by them. Only
// spraying across many accounts from one place reaches the address limits.
LockoutPolicy account_policy();
LockoutPolicy address_policy();

// When the next attempt for this key may be made; nullopt: now.
std::optional<Seconds> next_attempt_allowed(const LoginThrottle& t, const LockoutPolicy& p,
                                            Seconds now);
// The throttle after one more failed attempt at `now`.
LoginThrottle after_failure(LoginThrottle t, const LockoutPolicy& p, Seconds now);

}  // namespace okno
