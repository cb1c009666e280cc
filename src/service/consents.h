// Consent records (本人同意): who consented, how (口頭 / 書面), when, to
// sharing which parts of the case with which destination. A referral that
// shares a case on consent names the record; withdrawing the consent stops
// sharing from that moment (the receiver keeps what it already received).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_parts.h"
#include "service/case_ref.h"
#include "service/input.h"
#include "store/db.h"

namespace tsunagu::service {

// Reads a JSON array of distinct shared parts (service/case_parts.h) from
// `body[field]` into `out`;
// returns false (and leaves a field error in `in`) when it is not one.
bool read_parts(const nlohmann::json& body, const std::string& field, const std::string& label, Input& in,
                std::vector<std::string>& out);

struct Consent {
  std::string id, case_id, organisation_id, given_by, method, given_on;
  std::vector<std::string> scope;
  std::optional<std::string> destination_resource_id, destination_resource_name, destination_organisation_id,
      destination_organisation_name, note, withdrawn_at, withdrawn_on, withdrawal_note;
  std::string recorded_by;
  std::int64_t version = 0;
  std::string created_at, updated_at;
  bool active() const { return !withdrawn_at; }
};
void to_json(nlohmann::json& j, const Consent& c);

std::vector<Consent> list_consents(store::Connection& db, const std::string& case_id);
std::optional<Consent> find_consent(store::Connection& db, const std::string& id);
// Throws 400 validation_failed (field errors; the destination must exist).
Consent create_consent(store::Connection& db, const Actor& actor, const CaseRef& c, const nlohmann::json& body);
// Sets the withdrawal (withdrawn_on defaults to today). Throws 412
// version_conflict (with "current"), 409 already_withdrawn, 400
// validation_failed.
Consent withdraw_consent(store::Connection& db, const Actor& actor, const Consent& consent,
                         std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
