// The resource directory (社会資源): agencies, 居場所, 就労体験 and 職親
// places, 家族会 … that a case may be referred to. A directory is shared
// knowledge: coordinators and supervisors of every organisation read it; an
// entry is kept up to date by the organisation that registered it (its
// supervisors) or by an admin. An entry linked to an organisation that uses
// tsunagu makes referrals to it arrive in that organisation's inbox.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

struct Resource {
  std::string id, organisation_id, organisation_name;
  std::optional<std::string> linked_organisation_id, linked_organisation_name;
  std::string name, category;
  std::optional<std::string> area_id, area_name, services;
  std::optional<std::int64_t> age_min, age_max;
  std::string gender;
  bool in_person = true, online = false;
  std::string cost;
  std::optional<std::string> cost_note, hours, access, contact;
  std::vector<std::string> tags;
  bool platform_member = false, active = true;
  // A 相談員's proposal (not listed until a supervisor confirms it).
  std::optional<std::string> proposed_by, proposed_by_name, proposal_note, confirmed_at;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  bool pending_proposal() const { return proposed_by && !confirmed_at; }
};
void to_json(nlohmann::json& j, const Resource& r);

// Filters of the directory search; every one optional. `q` matches name,
// services and tags after search normalisation (ひらがな/カタカナ/半角 alike).
struct ResourceQuery {
  std::optional<std::string> q, category, area_id, cost, gender, tag;
  std::optional<bool> online, in_person, platform_member, active;
  std::optional<std::int64_t> age;  // the person's age: within the target ages
};
// Reads the filters from query parameters; 400 validation_failed on bad values
// (service/query_input.h).
ResourceQuery resource_query_from(const std::map<std::string, std::string>& query);

std::vector<Resource> search_resources(store::Connection& db, const ResourceQuery& q);
std::optional<Resource> find_resource(store::Connection& db, const std::string& id);
// Admins may name the maintaining organisation (`organisation_id`); other
// writers register entries for their own organisation. Throws 400
// validation_failed (field errors).
Resource create_resource(store::Connection& db, const Actor& actor, Reach reach, const nlohmann::json& body);

// A 相談員 proposes an entry for their organisation (body as for create,
// plus proposal_note): kept unlisted until a supervisor confirms it.
// Throws 400 validation_failed.
Resource propose_resource(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// The organisation's proposals not yet confirmed, oldest first.
std::vector<Resource> resource_proposals(store::Connection& db, const std::string& organisation_id);
// Lists a proposal (active, confirmed_at now). Throws 409 not_a_proposal,
// 412 version_conflict.
Resource confirm_resource(store::Connection& db, const Actor& actor, const Resource& r, std::int64_t expected_version);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
Resource update_resource(store::Connection& db, const Actor& actor, const std::string& id,
                         std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
