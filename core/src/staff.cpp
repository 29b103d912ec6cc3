// Staff roles, login and password rules, and the failed-login throttle (see staff.hpp).
#include "okno/staff.hpp"

#include <algorithm>

#include "okno/booking.hpp"

namespace okno {

std::string_view to_string(StaffRole role) {
  switch (role) {
    case StaffRole::receptionist:
      return "receptionist";
    case StaffRole::operator_line:
      return "operator";
    case StaffRole::administrator:
      return "administrator";
  }
  return "receptionist";
}

std::optional<StaffRole> parse_staff_role(std::string_view text) {
  for (StaffRole r : kAllStaffRoles) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

bool role_allows(StaffRole have, StaffRole need) {
  return have == need || have == StaffRole::administrator;
}

bool may_work_desk(StaffRole role, const std::vector<DeskRef>& assigned, bool office_any_desk,
                   std::string_view office, std::string_view desk) {
  if (role == StaffRole::administrator) return true;
  if (role != StaffRole::receptionist) return false;
  if (office_any_desk) return true;
  return std::any_of(assigned.begin(), assigned.end(),
                     [&](const DeskRef& d) { return d.office == office && d.desk == desk; });
}

Result<void> validate_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) return fail(ErrorCode::invalid_value, "login");
  for (char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return fail(ErrorCode::invalid_value, "login");
  }
  return {};
}

Result<void> validate_password(std::string_view password) {
  if (password.size() > 256 || !is_valid_utf8(password)) {
    return fail(ErrorCode::invalid_value, "password");
  }
  // Counted in code points, so a Cyrillic password is not judged by its byte length.
  size_t chars = 0;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
  }
  if (chars < 10) return fail(ErrorCode::invalid_value, "password");
  return {};
}

Result<void> validate_display_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || !is_valid_utf8(name)) {
    return fail(ErrorCode::invalid_value, "display_name");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) return fail(ErrorCode::invalid_value, "display_name");
  }
  return {};
}

LockoutPolicy account_policy() {
  return LockoutPolicy{};
}

LockoutPolicy address_policy() {
  LockoutPolicy p;
  p.free_failures = 50;
  p.max_delay = std::chrono::seconds{30};
  p.lock_after = 200;
  return p;
}

std::optional<Seconds> next_attempt_allowed(const LoginThrottle& t, const LockoutPolicy& p,
                                            Seconds now) {
  if (t.locked_until && now < *t.locked_until) return *t.locked_until;
  if (t.locked_until) return std::nullopt;  // the lock has run out
  if (now - t.last_failure >= p.window) return std::nullopt;
  if (t.failures < p.free_failures) return std::nullopt;
  // Doubling delay from the first failure past the free ones, capped.
  const int doublings = std::min(t.failures - p.free_failures, 20);
  const std::chrono::seconds delay =
      std::min(std::chrono::seconds{p.base_delay.count() << doublings}, p.max_delay);
  const Seconds at = t.last_failure + delay;
  if (now < at) return at;
  return std::nullopt;
}

LoginThrottle after_failure(LoginThrottle t, const LockoutPolicy& p, Seconds now) {
  const bool lock_over = t.locked_until && now >= *t.locked_until;
  if (lock_over || now - t.last_failure >= p.window) {
    t = LoginThrottle{};  // a fresh start: old failures no longer count
  }
  t.failures += 1;
  t.last_failure = now;
  if (t.failures >= p.lock_after) t.locked_until = now + p.lock_for;
  return t;
}

}  // namespace okno
