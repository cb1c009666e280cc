#include "service/dispatch_basis.h"

#include <algorithm>

#include "domain/meeting.h"
#include "service/consents.h"
#include "service/meetings.h"

namespace tsunagu::service {

std::vector<OpenedOrganisation> organisations_opened_to(store::Connection& db, const std::string& case_id,
                                                        const std::string& own_organisation_id) {
  std::vector<OpenedOrganisation> out;
  for (const auto& k : list_consents(db, case_id))
    if (k.active() && k.subject_basis() && k.destination_organisation_id &&
        *k.destination_organisation_id != own_organisation_id)
      out.push_back({*k.destination_organisation_id, k.id, std::nullopt, k.given_on + " 本人の同意"});
  for (const auto& mc : meeting_cases_of_case(db, case_id)) {
    auto m = find_meeting(db, mc.meeting_id);
    if (!m) continue;
    std::vector<std::string> members = m->participant_organisation_ids;
    members.push_back(m->organisation_id);
    for (const auto& org : members)
      if (org != own_organisation_id &&
          domain::check_meeting_referral(m->kind, true, true, true) == domain::MeetingReferralCheck::kAllowed)
        out.push_back({org, std::nullopt, m->id, m->kind + "「" + m->title + "」（" + m->held_on + "）"});
  }
  return out;
}

DispatchBasis read_dispatch_basis(Input& in) {
  return {in.opt_text("consent_id", "本人同意の記録", {.required = false, .max = 64}),
          in.opt_text("meeting_id", "支援会議の記録", {.required = false, .max = 64})};
}

void check_dispatch_basis(store::Connection& db, Input& in, const DispatchBasis& basis, const std::string& case_id,
                          const std::string& case_organisation_id, const std::string& supporter_organisation_id,
                          const std::string& supporter_organisation_name) {
  if (basis.consent_id && basis.meeting_id) {
    in.fail("meeting_id", "共有の根拠は、本人同意の記録か支援会議のどちらか一方を選んでください。");
    return;
  }
  if (basis.meeting_id) {
    // The law of the 支援会議 allows sharing among its members without consent.
    check_meeting_basis_of_referral(db, in, basis.meeting_id, case_id, supporter_organisation_id, {},
                                    "サポーターの組織（" + supporter_organisation_name + "）");
    return;
  }
  if (!basis.consent_id) {
    in.fail("consent_id", supporter_organisation_name +
                              "のサポーターに依頼するには、その組織あての本人同意の記録か、その組織が参加した支援会議を選んでください。");
    return;
  }
  auto opened = organisations_opened_to(db, case_id, case_organisation_id);
  bool covered = std::any_of(opened.begin(), opened.end(), [&](const OpenedOrganisation& o) {
    return o.consent_id == basis.consent_id && o.organisation_id == supporter_organisation_id;
  });
  if (!covered)
    in.fail("consent_id", "この本人同意の記録は、" + supporter_organisation_name +
                              "あての有効な同意ではありません（撤回済み、ほかの共有先、または本人以外の同意）。");
}

}  // namespace tsunagu::service
