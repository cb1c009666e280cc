// Organisations: the centres, stations, NPOs, 家族会 … that use tsunagu.
// Each sits in an area and owns its cases; one organisation's records are
// invisible to another. Names and kinds are public knowledge (they appear
// on the public list of 相談窓口), so every signed-in user may read them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct Organisation {
  std::string id, name, kind;
  std::optional<std::string> program_type;
  std::string area_id;
  std::int64_t version = 1;
};
void to_json(nlohmann::json& j, const Organisation& o);

std::vector<Organisation> list_organisations(store::Connection& db);
std::optional<Organisation> find_organisation(store::Connection& db, const std::string& id);
// Throws 400 validation_failed (field errors; also a name already in use).
Organisation create_organisation(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
Organisation update_organisation(store::Connection& db, const Actor& actor, const std::string& id,
                                 std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
