// Per organisation: which roles must sign in with a second factor
// (domain/two_factor_rule.h says which may be changed). Administrators of
// the organisation read and change it; every change is audited.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct TwoFactorPolicy {
  std::string organisation_id;
  std::vector<std::string> required_roles;  // role ids, in the order of domain::kAllRoles
  std::int64_t version = 1;                 // the organisation's
};
void to_json(nlohmann::json& j, const TwoFactorPolicy& p);

// Throws 404 not_found.
TwoFactorPolicy find_two_factor_policy(store::Connection& db, const std::string& organisation_id);
// Body {required_roles: [role id …]}, which must hold "admin". Raises the
// organisation's version. Throws 404 not_found, 412 version_conflict,
// 400 validation_failed.
TwoFactorPolicy update_two_factor_policy(store::Connection& db, const Actor& actor,
                                         const std::string& organisation_id, std::int64_t expected_version,
                                         const nlohmann::json& body);

}  // namespace tsunagu::service
