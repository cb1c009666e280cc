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

#include "domain/consent_giver.h"
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
  // Who gave it: 本人, 家族 (giver_person_id when a household member) or
  // 法定代理人 (with representative_basis). domain/consent_giver.h.
  std::string giver;
  std::optional<std::string> giver_person_id, representative_basis;
  std::vector<std::string> scope;
  std::optional<std::string> destination_resource_id, destination_resource_name, destination_organisation_id,
      destination_organisation_name, note, withdrawn_at, withdrawn_on, withdrawal_note;
  std::string recorded_by;
  std::int64_t version = 0;
  std::string created_at, updated_at;
  bool active() const { return !withdrawn_at; }
  // 本人同意: 本人's own consent or a legal representative's. A family
  // member's consent opens no sharing of 本人's information.
  bool subject_basis() const { return domain::covers_subject_information(giver); }
};
void to_json(nlohmann::json& j, const Consent& c);

std::vector<Consent> list_consents(store::Connection& db, const std::string& case_id);
std::optional<Consent> find_consent(store::Connection& db, const std::string& id);
// Body: {giver: 本人|家族|法定代理人, given_by (family relation or the
// representative's name; 本人 for 本人), giver_person_id? (a household
// member), representative_basis? (法定代理人), method, given_on, scope,
// destination…, note?}. Without `giver`, the old free text `given_by` is
// read by domain::giver_of_old_consent. Throws 400 validation_failed (field
// errors; the destination must exist; 本人 when 本人の認知 is 知らない).
Consent create_consent(store::Connection& db, const Actor& actor, const CaseRef& c, const nlohmann::json& body);
// Sets the withdrawal (withdrawn_on defaults to today). Throws 412
// version_conflict (with "current"), 409 already_withdrawn, 400
// validation_failed.
Consent withdraw_consent(store::Connection& db, const Actor& actor, const Consent& consent,
                         std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
