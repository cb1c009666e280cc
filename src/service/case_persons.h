// Adding a person to a case after intake (issue 15 point 1): 本人 of a case
// that began with family only — the person becomes known later, often much
// later (PRODUCT.md principle 2) — or another family member of its
// household. The person, their place in the household (a household is
// opened for the case when it has none) and the case's link to 本人 are
// written in one transaction: nothing is half-added.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/cases.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

// body: {relation, …person fields (service/persons.h)}; relation is 本人 or
// one of domain::kHouseholdRelation. The case's version is raised (its
// detail changes). Throws 404 not_found, 412 version_conflict (with
// "current", the case detail), 400 validation_failed (person fields as
// they are named; relation 本人 when the case has 本人 already; an
// anonymised case).
CaseDetail add_case_person(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& case_id,
                           std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
