#include "service/permission.h"

#include <gtest/gtest.h>

using namespace tsunagu;
using domain::Role;
using service::Reach;

namespace {
service::Actor actor(Role role, std::string org, std::string user = "u1") {
  service::Actor a;
  a.role = role;
  a.organisation_id = std::move(org);
  a.user_id = std::move(user);
  return a;
}
}  // namespace

TEST(Permission, RoleWithoutReachIsRefused) {
  auto p = service::policy({{Role::admin, Reach::all}});
  EXPECT_FALSE(service::allows(p, actor(Role::coordinator, "o1"), {"o1", std::nullopt}));
  EXPECT_TRUE(service::allows(p, actor(Role::admin, "o1"), {"o2", std::nullopt}));
}

TEST(Permission, OwnOrganisationReachStopsAtTheBoundary) {
  auto p = service::policy({{Role::coordinator, Reach::own_organisation}});
  EXPECT_TRUE(service::allows(p, actor(Role::coordinator, "o1"), {"o1", std::nullopt}));
  EXPECT_FALSE(service::allows(p, actor(Role::coordinator, "o1"), {"o2", std::nullopt}));
}

TEST(Permission, SelfReachNeedsTheSameUser) {
  auto p = service::any_signed_in(Reach::self);
  EXPECT_TRUE(service::allows(p, actor(Role::analyst, "o1", "u1"), {"o1", std::string("u1")}));
  EXPECT_FALSE(service::allows(p, actor(Role::analyst, "o1", "u1"), {"o1", std::string("u2")}));
  EXPECT_FALSE(service::allows(p, actor(Role::analyst, "o1", "u1"), {"o1", std::nullopt}));
}

// Emergency access (緊急アクセス): a valid grant opens only routes marked
// emergency_readable (read-only), only to its holder, only as a supervisor.
TEST(Permission, EmergencyGrantOpensOnlyReadOnlyRoutesToItsHolder) {
  auto write = service::policy({{Role::coordinator, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}});
  auto read = service::emergency_readable(write);
  service::Target t{"owner", std::nullopt};
  t.emergency_readers = {"sup-b"};
  auto holder = actor(Role::supervisor, "org-b", "sup-b");
  EXPECT_TRUE(service::allows(read, holder, t));
  EXPECT_FALSE(service::allows(write, holder, t));
  EXPECT_FALSE(service::allows(read, actor(Role::supervisor, "org-b", "sup-c"), t));
  EXPECT_FALSE(service::allows(read, actor(Role::coordinator, "org-b", "sup-b"), t));
  t.emergency_readers.clear();  // expired: no longer among the readers
  EXPECT_FALSE(service::allows(read, holder, t));
}
