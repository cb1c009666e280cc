#include "service/permission.h"

namespace tsunagu::service {

std::string_view reach_id(Reach r) {
  switch (r) {
    case Reach::none: return "none";
    case Reach::self: return "self";
    case Reach::own_organisation: return "own_organisation";
    case Reach::all: return "all";
  }
  return "none";
}

Reach Policy::reach_of(domain::Role r) const {
  auto it = reach.find(r);
  return it == reach.end() ? Reach::none : it->second;
}

Policy public_policy() {
  Policy p;
  p.is_public = true;
  return p;
}

Policy policy(std::map<domain::Role, Reach> reach) {
  Policy p;
  p.reach = std::move(reach);
  return p;
}

Policy any_signed_in(Reach r) {
  Policy p;
  for (auto role : domain::kAllRoles) p.reach[role] = r;
  return p;
}

Policy emergency_readable(Policy p) {
  p.emergency_readable = true;
  return p;
}

namespace {
// Break the glass: a supervisor holding a valid grant reads, nothing more.
bool emergency_reader(const Policy& policy, const Actor& actor, const Target& target) {
  if (!policy.emergency_readable || actor.role != domain::Role::supervisor) return false;
  for (const auto& u : target.emergency_readers)
    if (u == actor.user_id) return true;
  return false;
}
}  // namespace

bool allows(const Policy& policy, const Actor& actor, const Target& target) {
  switch (policy.reach_of(actor.role)) {
    case Reach::none: return false;
    case Reach::all: return true;
    case Reach::own_organisation:
      if (target.organisation_id == actor.organisation_id) return true;
      for (const auto& party : target.parties)
        if (party == actor.organisation_id) return true;
      return emergency_reader(policy, actor, target);
    case Reach::self: return target.user_id && *target.user_id == actor.user_id;
  }
  return false;
}

bool may_see_disclosed(const Actor& actor, const ShareGrant& grant) {
  return actor.organisation_id == grant.owner_organisation_id ||
         (grant.receiver_organisation_id && *grant.receiver_organisation_id == actor.organisation_id);
}

bool may_disclose(const Actor& actor, const ShareGrant& grant, std::string_view part) {
  if (actor.organisation_id == grant.owner_organisation_id) return true;
  if (!may_see_disclosed(actor, grant) || grant.basis_ended_at) return false;
  for (const auto& p : grant.parts)
    if (p == part) return true;
  return false;
}

}  // namespace tsunagu::service
