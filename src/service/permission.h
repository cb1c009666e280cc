// The one permission check of tsunagu.
//
// Every route declares a Policy: for each role, how far it reaches. The
// dispatcher refuses a role without reach before any work is done; a
// handler that loads a record asks `allows(...)` whether the actor's reach
// covers that record's organisation (or user). No other code decides access.
//
// Reach is deliberately coarse. Finer rules (a receiver seeing only the
// shared parts of a referral, a meeting's participants) are added here as
// new reaches, so that they stay in this one place.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/role.h"
#include "service/actor.h"

namespace tsunagu::service {

enum class Reach {
  none,              // the role may not call the route at all
  self,              // only records about the actor themself (own user, own session)
  own_organisation,  // records owned by the actor's organisation
  all,               // every record of the deployment (e.g. admin over users)
};

std::string_view reach_id(Reach r);

struct Policy {
  bool is_public = false;  // callable without signing in (login, health, meta)
  std::map<domain::Role, Reach> reach;

  Reach reach_of(domain::Role r) const;
};

// Builders that keep route tables readable:
//   policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}})
Policy public_policy();
Policy policy(std::map<domain::Role, Reach> reach);
Policy any_signed_in(Reach reach);

// What a record is, for the check: the organisation that owns it and, for
// user records, which user it is.
struct Target {
  std::string organisation_id;
  std::optional<std::string> user_id;
};

// True when `actor` may touch `target` under `policy`.
bool allows(const Policy& policy, const Actor& actor, const Target& target);

}  // namespace tsunagu::service
