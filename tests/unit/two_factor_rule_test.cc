#include "domain/two_factor_rule.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(TwoFactorRule, DefaultRequiresAdminAndSupervisorOnly) {
  EXPECT_TRUE(two_factor_required(Role::admin, kDefaultTwoFactorRoles));
  EXPECT_TRUE(two_factor_required(Role::supervisor, kDefaultTwoFactorRoles));
  EXPECT_FALSE(two_factor_required(Role::coordinator, kDefaultTwoFactorRoles));
  EXPECT_FALSE(two_factor_required(Role::analyst, kDefaultTwoFactorRoles));
}

TEST(TwoFactorRule, AdminCannotBeLeftOut) {
  EXPECT_TRUE(two_factor_required(Role::admin, ""));
  EXPECT_TRUE(two_factor_required(Role::admin, "coordinator"));
  EXPECT_EQ(format_two_factor_roles({Role::coordinator}), "coordinator,admin");
  EXPECT_EQ(format_two_factor_roles({}), "admin");
}

TEST(TwoFactorRule, ReadsWhatItWritesAndSkipsUnknownIds) {
  auto roles = parse_two_factor_roles("supervisor,nobody,coordinator");
  EXPECT_EQ(roles, (std::set<Role>{Role::admin, Role::supervisor, Role::coordinator}));
  EXPECT_EQ(format_two_factor_roles(roles), "coordinator,supervisor,admin");
  EXPECT_EQ(parse_two_factor_roles(format_two_factor_roles(roles)), roles);
}

}  // namespace
}  // namespace tsunagu::domain
