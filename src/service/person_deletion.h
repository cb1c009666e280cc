// Deletion on request (本人の求めによる削除): a supervisor of the person's
// organisation erases a person's personal data because the person asked,
// with the reason recorded in the audit log.
//
// "Erase" is the anonymisation of service/anonymisation.h, done now
// instead of after the retention: for every case of which the person is
// 本人, the whole case; for a family member, their own person record. The
// figures stay as they were (the counting needs no name).
//
// What was shown to other organisations cannot be taken back from here, so
// the preview lists it first — referrals with the parts they shared and
// where to, meetings where the case was shared and who took part, and
// emergency accesses by other organisations — so the supervisor can tell
// the person and ask the receivers to delete their copies.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// The organisation of a person, or nullopt when there is no such person.
std::optional<std::string> person_organisation(store::Connection& db, const std::string& person_id);

// Everything the deletion would touch and everything shared outside:
// {person, cases_as_subject[], cases_as_family[], records[{kind, label, count}],
//  shared: {referrals[], meetings[], emergency_accesses[]}, anonymised}.
// The caller has checked the actor may reach the person. Throws 404.
nlohmann::json deletion_preview(store::Connection& db, const std::string& person_id);

// Body {reason (required, ≤ 1000), confirm: true}. Erases as above and
// audits one "erase" entry for the person with the reason, and one
// "anonymise" entry per case. Returns the preview as it is afterwards.
// Throws 400 validation_failed, 404.
nlohmann::json erase_person(store::Connection& db, const Actor& actor, const std::string& person_id,
                            const nlohmann::json& body);

}  // namespace tsunagu::service
