// Referrals (関係機関へのつなぎ): a case of one organisation sent to a
// resource of the directory, on a recorded sharing basis, moving through
// domain::referral_state_machine() with every change dated and noted.
//
// The sender owns the referral; when the resource is linked to an
// organisation using tsunagu, that organisation is the receiver: it finds the
// referral in its inbox, answers (受理 / 辞退 → 支援中 → 終了), writes
// feedback, and sees only the shared parts of the case, only while the basis
// holds (service::may_disclose). Referrals to places outside tsunagu have no
// receiver: the sender records their answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_ref.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

struct Referral {
  std::string id, case_id, organisation_id, organisation_name, resource_id, resource_name;
  std::optional<std::string> receiving_organisation_id, receiving_organisation_name;
  std::string category, purpose;
  bool accompanied = false;
  std::vector<std::string> shared_parts;
  std::string basis;
  std::optional<std::string> consent_id, meeting_id, basis_reason;
  std::string state, referred_on;
  std::optional<std::string> receiver_case_id;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  // For the permission check: owned by the sender, opened to the receiver.
  Target target() const;
};
void to_json(nlohmann::json& j, const Referral& r);

// The referral with its events and feedback, and the moves `actor` may make.
nlohmann::json referral_detail(store::Connection& db, const Actor& actor, const Referral& r);

std::optional<Referral> find_referral(store::Connection& db, const std::string& id);
std::vector<Referral> referrals_of_case(store::Connection& db, const std::string& case_id);
// Sent by the actor's organisation (optionally in one state).
std::vector<Referral> sent_referrals(store::Connection& db, const Actor& actor, const std::optional<std::string>& state);
// Arrived at the actor's organisation (optionally in one state).
std::vector<Referral> inbox(store::Connection& db, const Actor& actor, const std::optional<std::string>& state);

// Throws 400 validation_failed (nothing written) on field errors and
// without a sharing basis that covers the destination and the shared parts.
Referral create_referral(store::Connection& db, const Actor& actor, const CaseRef& c, const nlohmann::json& body);

// 受理 by the receiver: exactly one of two simultaneous accepts succeeds.
// Creates a case in the receiving organisation, or links `case_id` of that
// organisation. Throws 404 not_found unless the actor's organisation
// receives it, 409 referral_already_answered (no longer 依頼), 400
// validation_failed, 409 referral_already_answered (another accept won).
Referral accept_referral(store::Connection& db, const Actor& actor, const Referral& r, const nlohmann::json& body);
// Any other move of the state machine: {to, note, occurred_on?}. Throws 400
// validation_failed, 409 use_accept (受理 goes through accept_referral),
// 412 version_conflict (with "current"), 409 invalid_transition (not a
// move the actor's side may make from here).
Referral move_referral(store::Connection& db, const Actor& actor, const Referral& r, std::int64_t expected_version,
                       const nlohmann::json& body);
// Feedback of the receiving side; shows on the sender's case timeline.
// Throws 400 validation_failed, 409 referral_not_accepted (依頼, 辞退, 取消).
nlohmann::json add_feedback(store::Connection& db, const Actor& actor, const Referral& r, const nlohmann::json& body);

// The shared parts of the case as the actor may see them: the sender sees
// the current parts; the receiver sees them as disclosed to it (recorded in
// referral_disclosures), and after the basis ended only what it had
// already received; it is given neither the consent record's id nor any
// record id of the parts (service/case_parts.h).
nlohmann::json shared_view(store::Connection& db, const Actor& actor, const Referral& r);

// One time the receiving side was shown the shared parts (a row of
// referral_disclosures): when, on which basis, which parts, to whom.
struct ReferralDisclosure {
  std::string disclosed_at, basis;
  std::optional<std::string> consent_id;
  std::vector<std::string> parts;  // the parts the receiver was shown, in storage order
  std::string user_name, organisation_name;
};
void to_json(nlohmann::json& j, const ReferralDisclosure& d);
// Every disclosure of the referral, oldest first (for a 開示請求: what left
// the organisation and where to). Does not audit: the caller does.
std::vector<ReferralDisclosure> referral_disclosures(store::Connection& db, const std::string& referral_id);
// Timeline entries for a case (the sender's case or the receiver's linked
// case): each state change and each feedback of its referrals, newest first,
// in the shape of service::case_timeline entries: {kind: "referral" |
// "referral_feedback", on (Asia/Tokyo day), at (UTC), summary, ref_id (the
// referral), by, by_id, organisation_name}.
std::vector<nlohmann::json> referral_timeline_items(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
