// Areas: the tree 国 → 都道府県 → 市区町村 → 地区 that organisations, reports and
// survey districts hang from. Not personal data: every signed-in user may
// read it; only admins change it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct Area {
  std::string id;
  std::optional<std::string> parent_id;
  std::string level, name;
  std::optional<std::string> code;
  std::optional<std::int64_t> population;
  std::int64_t version = 1;
};
void to_json(nlohmann::json& j, const Area& a);

std::vector<Area> list_areas(store::Connection& db);
std::optional<Area> find_area(store::Connection& db, const std::string& id);
// Throws 400 validation_failed (field errors; the parent must be of the level above).
Area create_area(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400
// validation_failed (also for a new level: the level is fixed).
Area update_area(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body);

}  // namespace tsunagu::service
