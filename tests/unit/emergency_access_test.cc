#include "domain/emergency_access.h"

#include <gtest/gtest.h>

#include "service/permission.h"

using namespace tsunagu;

TEST(EmergencyAccess, ValidUntilTheExpiryInstantExclusive) {
  const char* expires = "2026-11-23T13:00:00.000Z";
  EXPECT_TRUE(domain::emergency_access_valid("2026-11-23T12:59:59.999Z", expires));
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T13:00:00.000Z", expires));  // at expiry: refused
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T13:00:00.001Z", expires));
  EXPECT_FALSE(domain::emergency_access_valid("", expires));
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T12:00:00.000Z", ""));
}

TEST(EmergencyAccess, DurationLimits) {
  EXPECT_TRUE(domain::emergency_access_duration_ok(1));
  EXPECT_TRUE(domain::emergency_access_duration_ok(domain::kEmergencyAccessDefaultSeconds));
  EXPECT_TRUE(domain::emergency_access_duration_ok(domain::kEmergencyAccessMaxSeconds));
  EXPECT_FALSE(domain::emergency_access_duration_ok(domain::kEmergencyAccessMaxSeconds + 1));
  EXPECT_FALSE(domain::emergency_access_duration_ok(0));
  EXPECT_EQ(domain::kEmergencyAccessDefaultSeconds, 4 * 3600);
}

namespace {
service::Actor actor(domain::Role role, std::string org, std::string user) {
  service::Actor a;
  a.role = role;
  a.organisation_id = std::move(org);
  a.user_id = std::move(user);
  return a;
}
}  // namespace

TEST(EmergencyAccess, PermissionOpensOnlyReadOnlyRoutesToTheGrantHolder) {
  auto read = service::emergency_readable(service::policy({{domain::Role::coordinator, service::Reach::own_organisation},
                                                           {domain::Role::supervisor, service::Reach::own_organisation}}));
  auto write = service::policy({{domain::Role::coordinator, service::Reach::own_organisation},
                                {domain::Role::supervisor, service::Reach::own_organisation}});
  service::Target t{"owner", std::nullopt};
  t.emergency_readers = {"sup-b"};
  auto holder = actor(domain::Role::supervisor, "org-b", "sup-b");
  EXPECT_TRUE(service::allows(read, holder, t));
  EXPECT_FALSE(service::allows(write, holder, t));  // read-only: never a write route
  // Someone else of the same organisation, and a coordinator, are not let in.
  EXPECT_FALSE(service::allows(read, actor(domain::Role::supervisor, "org-b", "sup-c"), t));
  EXPECT_FALSE(service::allows(read, actor(domain::Role::coordinator, "org-b", "sup-b"), t));
  // Without a valid grant (expired: not in emergency_readers) refused.
  t.emergency_readers.clear();
  EXPECT_FALSE(service::allows(read, holder, t));
}
