// Staff roles, login and password rules, and the failed-login throttle (core/staff.hpp).
#include "okno/staff.hpp"

#include <gtest/gtest.h>

using namespace okno;
using std::chrono::seconds;

namespace {
const Seconds t0 = Seconds{seconds{1'800'000'000}};
}

TEST(StaffRoles, AdministratorMayDoEveryRolesWorkOthersOnlyTheirOwn) {
  for (StaffRole need : kAllStaffRoles) EXPECT_TRUE(role_allows(StaffRole::administrator, need));
  EXPECT_FALSE(role_allows(StaffRole::receptionist, StaffRole::administrator));
  EXPECT_FALSE(role_allows(StaffRole::receptionist, StaffRole::operator_line));
  EXPECT_FALSE(role_allows(StaffRole::operator_line, StaffRole::receptionist));
  for (StaffRole r : kAllStaffRoles) EXPECT_EQ(parse_staff_role(to_string(r)), r);
  EXPECT_EQ(parse_staff_role("root"), std::nullopt);
}

TEST(StaffRules, LoginsAreTechnicalNamesAndPasswordsAtLeastTenCharacters) {
  EXPECT_TRUE(validate_login("desk.one"));
  EXPECT_FALSE(validate_login("ab"));
  EXPECT_FALSE(validate_login("Ivan Petrov"));
  EXPECT_FALSE(validate_login("ivan@example.org"));
  EXPECT_TRUE(validate_password("0123456789"));
  EXPECT_FALSE(validate_password("012345678"));
  EXPECT_TRUE(validate_password("пароль1234"));  // counted in characters, not bytes
  EXPECT_FALSE(validate_password("пароль123"));
  EXPECT_FALSE(validate_display_name(""));
  EXPECT_FALSE(validate_display_name("a\nb"));
}

TEST(LoginThrottle, ThreeFreeFailuresThenDoublingDelays) {
  const LockoutPolicy p = account_policy();
  LoginThrottle t;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(next_attempt_allowed(t, p, t0), std::nullopt) << i;
    t = after_failure(t, p, t0);
  }
  EXPECT_EQ(next_attempt_allowed(t, p, t0), t0 + seconds{2});
  EXPECT_EQ(next_attempt_allowed(t, p, t0 + seconds{2}), std::nullopt);
  t = after_failure(t, p, t0 + seconds{2});
  EXPECT_EQ(next_attempt_allowed(t, p, t0 + seconds{2}), t0 + seconds{6});
}

TEST(LoginThrottle, TenthFailureLocksForFifteenMinutesThenStartsAfresh) {
  const LockoutPolicy p = account_policy();
  LoginThrottle t;
  Seconds now = t0;
  for (int i = 0; i < 10; ++i) {
    now += seconds{61};
    t = after_failure(t, p, now);
  }
  ASSERT_TRUE(t.locked_until);
  EXPECT_EQ(*t.locked_until, now + seconds{15 * 60});
  EXPECT_EQ(next_attempt_allowed(t, p, now + seconds{14 * 60}), now + seconds{15 * 60});
  EXPECT_EQ(next_attempt_allowed(t, p, now + seconds{15 * 60}), std::nullopt);
  t = after_failure(t, p, now + seconds{15 * 60});
  EXPECT_EQ(t.failures, 1) << "an ended lock forgets the old failures";
  EXPECT_FALSE(t.locked_until);
}

TEST(LoginThrottle, FailuresOlderThanTheWindowAreForgotten) {
  const LockoutPolicy p = account_policy();
  LoginThrottle t;
  for (int i = 0; i < 5; ++i) t = after_failure(t, p, t0);
  const Seconds later = t0 + p.window;
  EXPECT_EQ(next_attempt_allowed(t, p, later), std::nullopt);
  EXPECT_EQ(after_failure(t, p, later).failures, 1);
}

TEST(LoginThrottle, AnAddressGetsALooserPolicyThanAnAccount) {
  EXPECT_GT(address_policy().free_failures, account_policy().free_failures);
  EXPECT_GT(address_policy().lock_after, account_policy().lock_after);
}

TEST(LoginThrottle, OnePersonsLockedAccountLeavesTheAddressOpen) {
  // Issue 16 item 4: a receptionist mistyping until their account locks (10 failures) must not
  // slow a colleague at the same address; the address is slowed only far above that.
  const LockoutPolicy account = account_policy(), address = address_policy();
  LoginThrottle at_address;
  for (int i = 0; i < account.lock_after; ++i) at_address = after_failure(at_address, address, t0);
  EXPECT_EQ(next_attempt_allowed(at_address, address, t0), std::nullopt);
  EXPECT_GE(address.free_failures, 5 * account.lock_after) << "five people locked at once";
  for (int i = account.lock_after; i < address.free_failures; ++i) {
    at_address = after_failure(at_address, address, t0);
  }
  EXPECT_EQ(next_attempt_allowed(at_address, address, t0), t0 + address.base_delay);
}

TEST(DeskAssignment, ReceptionistWorksOnlyAssignedDesksUnlessTheOfficeAllowsAny) {
  const std::vector<DeskRef> mine = {{"demo", "1"}, {"north", "3"}};
  EXPECT_TRUE(may_work_desk(StaffRole::receptionist, mine, false, "demo", "1"));
  EXPECT_FALSE(may_work_desk(StaffRole::receptionist, mine, false, "demo", "2"));
  EXPECT_FALSE(may_work_desk(StaffRole::receptionist, mine, false, "north", "1"));
  EXPECT_TRUE(may_work_desk(StaffRole::receptionist, mine, false, "north", "3"));
  EXPECT_FALSE(may_work_desk(StaffRole::receptionist, {}, false, "demo", "1"));
  EXPECT_TRUE(may_work_desk(StaffRole::receptionist, {}, true, "demo", "2"));  // office setting
  EXPECT_TRUE(may_work_desk(StaffRole::administrator, {}, false, "demo", "2"));
  EXPECT_FALSE(may_work_desk(StaffRole::operator_line, mine, true, "demo", "1"));
}
