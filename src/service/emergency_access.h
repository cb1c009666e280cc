// Emergency access (緊急アクセス, "break the glass"), as a use case.
//
// A supervisor of another organisation states a reason and gets read access
// to one case until the grant expires (domain/emergency_access.h; the
// duration is a deployment setting, `serve --emergency-access-seconds`).
// The grant row is also the notice to the owning organisation: its
// coordinators and supervisors see it in GET /api/v1/emergency-access and
// on the case. Every step is audited: the grant (create), each read made
// under it (read, entity emergency_access), and a refusal after expiry
// (denied, entity emergency_access, by the one permission check).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_ref.h"
#include "store/db.h"

namespace tsunagu::service {

struct EmergencyGrant {
  std::string id, case_id, owner_organisation_id, organisation_id, user_id, reason, granted_at, expires_at;
};

// The grant of `user_id` to `case_id` that is valid at `now`, if any (the
// latest expiry wins when there are several).
std::optional<EmergencyGrant> valid_emergency_grant(store::Connection& db, const std::string& case_id,
                                                    const std::string& user_id, const std::string& now);
// The latest grant of `user_id` to `case_id` whatever its expiry: to name an
// expired grant when the permission check refuses a read under it.
std::optional<EmergencyGrant> latest_emergency_grant(store::Connection& db, const std::string& case_id,
                                                     const std::string& user_id);

// Records a grant for `actor` (a supervisor; the route's policy says so) to
// case `c` of another organisation: body {reason}. Returns the grant as the
// API shows it. Throws 400 validation_failed (a reason missing or too
// short), 409 emergency_access_not_needed for a case of the actor's own
// organisation.
nlohmann::json grant_emergency_access(store::Connection& db, const Actor& actor, const CaseRef& c,
                                      const nlohmann::json& body, std::int64_t seconds);

// Audits one read made under `grant` (`what`: the route read).
void record_emergency_read(store::Connection& db, const Actor& actor, const EmergencyGrant& grant,
                           const std::string& what);

// {received, mine}: emergency accesses to cases of the actor's
// organisation (the notices), and the grants the actor holds; newest first.
nlohmann::json list_emergency_access(store::Connection& db, const Actor& actor);

// For the case detail: every grant to the case when the actor's
// organisation owns it; otherwise only the actor's own grants.
nlohmann::json emergency_accesses_of_case(store::Connection& db, const Actor& actor, const CaseRef& c);

}  // namespace tsunagu::service
