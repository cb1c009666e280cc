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
