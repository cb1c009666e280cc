// The sharing basis that lets a supporter of another organisation be sent
// from a case (PRODUCT.md: 情報共有の根拠): the supporter learns 本人's
// nickname and where to meet, so that organisation must be covered by
//   - 本人同意: an active consent of the case given by 本人 (or a legal
//     representative: Consent::subject_basis) naming it as destination, or
//   - 支援会議: a meeting of that kind that discussed the case and that the
//     organisation took part in — the rule referrals use
//     (check_meeting_basis_of_referral, domain::check_meeting_referral).
// A family member's consent never covers 本人's information.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/input.h"
#include "store/db.h"

namespace tsunagu::service {

// Another organisation's supporters are offered for the case when one of
// these bases covers their organisation.
struct OpenedOrganisation {
  std::string organisation_id;
  std::optional<std::string> consent_id, meeting_id;
  std::string label;  // for the coordinator: 「2026-04-01 本人の同意」「支援会議「…」（2026-04-01）」
};
std::vector<OpenedOrganisation> organisations_opened_to(store::Connection& db, const std::string& case_id,
                                                        const std::string& own_organisation_id);

// The booking's basis (body consent_id or meeting_id, not both).
struct DispatchBasis {
  std::optional<std::string> consent_id, meeting_id;
};
DispatchBasis read_dispatch_basis(Input& in);
// For a supporter of `supporter_organisation_id` (named in messages), not
// the case's organisation: leaves an error in `in` (consent_id, meeting_id)
// unless exactly one basis is given and it covers that organisation.
void check_dispatch_basis(store::Connection& db, Input& in, const DispatchBasis& basis, const std::string& case_id,
                          const std::string& case_organisation_id, const std::string& supporter_organisation_id,
                          const std::string& supporter_organisation_name);

}  // namespace tsunagu::service
