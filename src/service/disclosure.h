// Disclosure (開示請求, 個人情報保護法 第33条): everything the organisation
// holds about one person, produced for a supervisor who answers the
// person's request — as one document the web prints and the API hands out
// as JSON. Producing it is itself one audit entry ("disclose", entity
// person, with the reason given), so that the log shows when and why the
// whole record left the system.
//
// What is in it depends on the person's place in each case:
//   - 本人 of a case: the case whole — fields and status history, contacts
//     with their notes, assessments, plans with goals and progress, stages,
//     consents, referrals with the parts shared, their basis and to whom
//     (and every time the receiver was shown them), the meetings that
//     discussed it and what was shared there, follow-ups, emergency
//     accesses, and the audit entries of the case and its records.
//   - a family member (household member, not 本人): their own record and
//     the fact of each consultation they appear in — the dates, the status,
//     how the case came in, their relation — and the contacts in which they
//     were the counterpart, by date and channel only. Not 本人's notes,
//     assessments, plans, consents or referrals: a family member is entitled
//     to their own data, not to 本人's (PRODUCT.md: a parent's consent covers
//     what they said about themselves, never 本人's information), and a
//     contact note mixes what the family member said with what it says
//     about 本人, so it cannot be given out in part. The audit entries shown
//     are those of their own person record, their household and the case
//     records (which show them in the household).
// Only cases of the person's own organisation: another organisation that
// received a referral answers for what it holds; the document names it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/audit_listing.h"
#include "service/cases.h"
#include "service/households.h"
#include "service/persons.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

// One case the person appears in. `role` is 本人 or the relation in the
// household; `content` holds the sections of the case as described above
// (whole for 本人, limited for a family member; `limited` says which).
struct DisclosedCase {
  std::string id, role;
  bool limited = false;
  nlohmann::json content;
};
void to_json(nlohmann::json& j, const DisclosedCase& c);

struct Disclosure {
  std::string produced_at, produced_by, produced_by_organisation, reason;
  Person person;
  std::optional<Household> household;
  std::vector<DisclosedCase> cases;  // oldest opened first
  std::vector<AuditTrace> access_log;  // oldest first
};
void to_json(nlohmann::json& j, const Disclosure& d);

// The longest reason accepted: a line or two (「本人からの開示請求（令和8年
// 12月6日受付）」), not a letter.
inline constexpr std::size_t kDisclosureReasonMax = 200;

// Body {reason}. The caller has checked that the actor may reach `person`.
// Writes the one audit entry and nothing else. Throws 400 validation_failed
// (reason missing, empty or too long) before anything is read or written.
Disclosure disclose_person(store::Connection& db, const SealKey& key, const Actor& actor, const Person& person,
                           const nlohmann::json& body);

}  // namespace tsunagu::service
