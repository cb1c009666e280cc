// Per organisation: how many years after its end each kind of record is
// kept before the daily job anonymises it (domain/retention.h). An
// administrator of the organisation changes it (settings are the
// administrator's, like the two-factor policy); supervisors may read it,
// since they answer the people who ask how long their record is kept.
// Every change is audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct RetentionPolicy {
  std::string organisation_id;
  std::optional<int> closed_case_years;  // nullopt: kept
  std::optional<int> group_years;
  std::optional<int> thread_years;
  std::optional<int> supporter_years;  // after a supporter stopped (left_on)
  std::int64_t version = 1;  // the organisation's
};
void to_json(nlohmann::json& j, const RetentionPolicy& p);

// Throws 404 not_found.
RetentionPolicy find_retention_policy(store::Connection& db, const std::string& organisation_id);
// Body {closed_case_years, group_years, thread_years, supporter_years}: each an integer 1–100 or null
// (keep); a field left out stays as it is. Raises the organisation's
// version. Throws 404 not_found, 412 version_conflict, 400 validation_failed.
RetentionPolicy update_retention_policy(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                        std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
