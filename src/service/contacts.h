// Contacts (相談・支援記録): when, on which of the five MHLW channels (with
// the sub-kinds under その他（訪問等）), with whom, whether 本人 was met — a
// visit where nobody opened the door, a letter left at the door, is a
// contact too — how long, by whom, the note and the next step.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct ContactRecord {
  std::string id, case_id, organisation_id, occurred_at, channel, counterpart, staff_user_id, staff_name;
  std::optional<std::string> sub_kind, note, next_step, next_step_on;
  bool subject_met = false;
  std::optional<std::int64_t> duration_minutes;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
void to_json(nlohmann::json& j, const ContactRecord& c);

std::optional<ContactRecord> find_contact(store::Connection& db, const std::string& id);
// Every contact of the case, oldest first (a 開示請求 lists them all; the
// screens page through list_contacts). Does not audit: the caller does.
std::vector<ContactRecord> contacts_of_case(store::Connection& db, const std::string& case_id);

// Contacts of the actor's organisation (of one case when case_id is set),
// newest first: {items, next_cursor}. Query parameters: case_id, cursor,
// limit (1–200, default 50). Throws 400 validation_failed for a bad limit
// or cursor.
nlohmann::json list_contacts(store::Connection& db, const Actor& actor, const std::optional<std::string>& case_id,
                             const std::map<std::string, std::string>& query);

// The caller has checked the actor may reach the case. Throws 400
// validation_failed (field errors).
ContactRecord create_contact(store::Connection& db, const Actor& actor, const std::string& case_id,
                             const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
ContactRecord update_contact(store::Connection& db, const Actor& actor, const std::string& id,
                             std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
