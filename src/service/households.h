// Households (世帯): persons linked by their relation to 本人 (本人, 父, 母,
// きょうだい, 配偶者, 子, 祖父母, その他). 8050 households are the norm. A
// person is in at most one household (the schema enforces it too).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct HouseholdMember {
  std::string person_id, relation, display_name;
  std::optional<std::string> age_band, birth_date;
};

struct Household {
  std::string id, organisation_id, label;
  std::optional<std::string> note;
  std::vector<HouseholdMember> members;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
void to_json(nlohmann::json& j, const Household& h);

// 本人 followed by the relations of domain/person.h.
std::vector<std::string_view> member_relations();

std::optional<Household> find_household(store::Connection& db, const std::string& id);
std::vector<Household> list_households(store::Connection& db, const std::string& organisation_id);
// Throws 400 validation_failed (field errors, those of members as members[i].*).
Household create_household(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
Household update_household(store::Connection& db, const Actor& actor, const std::string& id,
                           std::int64_t expected_version, const nlohmann::json& body);

// For case intake: a new household of the actor's organisation. Returns its id.
std::string insert_household(store::Connection& db, const Actor& actor, const std::string& label);
// Adds a person (of the household's organisation, in no household yet: a
// second household is a store::Error, unique_violation).
void add_household_member(store::Connection& db, const std::string& household_id, const std::string& person_id,
                          const std::string& relation);

}  // namespace tsunagu::service
