#include "service/disclosure.h"

#include "service/assessments.h"
#include "service/audit.h"
#include "service/case_ref.h"
#include "service/clock.h"
#include "service/consents.h"
#include "service/contacts.h"
#include "service/emergency_access.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/meetings.h"
#include "service/organisations.h"
#include "service/plans.h"
#include "service/referrals.h"
#include "service/stages.h"

namespace tsunagu::service {
namespace {

// Said in the document where a family member's disclosure leaves 本人's
// records out, so that the reader knows the omission is deliberate.
constexpr const char* kFamilyNotice =
    "この相談では、ご本人ではなくご家族として記録されています。ご本人の相談記録の内容、アセスメント、支援計画、"
    "同意、つなぎはご本人の個人情報のため、この開示には含めていません。ご家族が相談した日時と方法は記載しています。";

// The contact counterpart (domain/contact.h) a household relation speaks
// as: the household's その他 is the contact's その他の家族.
std::string counterpart_of(const std::string& relation) {
  return relation == "その他" ? "その他の家族" : relation;
}

// Cases of the person's organisation in which they are 本人 or a household
// member, oldest first, with the person's role in each.
std::vector<std::pair<std::string, std::string>> cases_of(store::Connection& db, const Person& p) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : db.query(
           "SELECT id, subject_person_id FROM cases WHERE organisation_id = ? AND (subject_person_id = ? OR "
           "household_id = ?) ORDER BY opened_on, created_at, id",
           {p.organisation_id, p.id, store::text_or_null(p.household_id)})) {
    bool subject = r.opt_text(1) == p.id;
    out.emplace_back(r.text(0), subject ? std::string("本人") : p.relation.value_or("家族"));
  }
  return out;
}

std::string organisation_name(store::Connection& db, const std::string& id) {
  auto o = find_organisation(db, id);
  return o ? o->name : std::string();
}

// The case whole, for 本人. Record ids go to `ids` for the access log.
nlohmann::json subject_case(store::Connection& db, const SealKey& key, const Actor& actor, const CaseRef& ref,
                            std::vector<std::string>& ids) {
  nlohmann::json detail = case_detail(db, key, ref.id);
  detail.erase("allowed_moves");
  nlohmann::json out = {{"case", std::move(detail)}};

  auto contacts = contacts_of_case(db, ref.id);
  for (const auto& c : contacts) ids.push_back(c.id);
  out["contacts"] = contacts;
  auto assessments = list_assessments(db, ref.id);
  for (const auto& a : assessments) ids.push_back(a.id);
  out["assessments"] = assessments;
  auto plans = list_plans(db, ref.id);
  for (const auto& p : plans) ids.push_back(p.id);
  out["plans"] = plans;
  out["stages"] = list_stage_changes(db, ref.id).value("items", nlohmann::json::array());
  auto consents = list_consents(db, ref.id);
  for (const auto& c : consents) ids.push_back(c.id);
  out["consents"] = consents;

  auto referrals = nlohmann::json::array();
  for (const auto& r : referrals_of_case(db, ref.id)) {
    ids.push_back(r.id);
    nlohmann::json j = referral_detail(db, actor, r);
    j.erase("allowed_moves");
    j.erase("side");
    j["disclosures"] = referral_disclosures(db, r.id);
    referrals.push_back(std::move(j));
  }
  out["referrals"] = std::move(referrals);

  // What the meeting shared about this case and with whom; not the
  // meeting's agenda or decisions, which speak of other people's cases too.
  auto meetings = nlohmann::json::array();
  for (const auto& mc : meeting_cases_of_case(db, ref.id)) {
    ids.push_back(mc.id);
    auto m = find_meeting(db, mc.meeting_id);
    if (!m) continue;
    auto participants = nlohmann::json::array();
    for (const auto& o : m->participant_organisation_ids) participants.push_back(organisation_name(db, o));
    meetings.push_back({{"id", m->id},
                        {"kind", m->kind},
                        {"legal_basis", nj(m->legal_basis)},
                        {"title", m->title},
                        {"held_on", m->held_on},
                        {"organisation_name", m->organisation_name},
                        {"participant_organisations", std::move(participants)},
                        {"shared_parts", mc.shared_parts},
                        {"consent_id", nj(mc.consent_id)},
                        {"note", nj(mc.note)},
                        {"shared_at", mc.shared_at}});
  }
  out["meetings"] = std::move(meetings);

  auto follow_ups = nlohmann::json::array();
  for (const auto& f : follow_ups_of_case(db, ref.id)) {
    ids.push_back(f.id);
    follow_ups.push_back(follow_up_json(f, true));
  }
  out["follow_ups"] = std::move(follow_ups);

  auto emergency = emergency_accesses_of_case(db, actor, ref);
  for (const auto& e : emergency)
    if (e.contains("id") && e["id"].is_string()) ids.push_back(e["id"].get<std::string>());
  out["emergency_accesses"] = std::move(emergency);
  return out;
}

// A family member's part of the case: the fact of the consultation and
// their own contacts by date and channel (see the header for why).
nlohmann::json family_case(store::Connection& db, const CaseRef& ref, const std::string& relation) {
  auto summary = case_summary(db, ref.id);
  nlohmann::json out = {{"notice", kFamilyNotice}};
  if (summary)
    out["case"] = {{"id", summary->id},
                   {"status", summary->status},
                   {"intake_route", summary->intake_route},
                   {"caller_relation", nj(summary->caller_relation)},
                   {"opened_on", summary->opened_on},
                   {"closed_on", nj(summary->closed_on)}};
  auto contacts = nlohmann::json::array();
  std::string counterpart = counterpart_of(relation);
  for (const auto& c : contacts_of_case(db, ref.id))
    if (c.counterpart == counterpart)
      contacts.push_back({{"occurred_at", c.occurred_at},
                          {"channel", c.channel},
                          {"sub_kind", nj(c.sub_kind)},
                          {"counterpart", c.counterpart},
                          {"staff_name", c.staff_name}});
  out["contacts"] = std::move(contacts);
  return out;
}

}  // namespace

void to_json(nlohmann::json& j, const DisclosedCase& c) {
  j = c.content;
  j["id"] = c.id;
  j["role"] = c.role;
  j["limited"] = c.limited;
}

void to_json(nlohmann::json& j, const Disclosure& d) {
  j = {{"produced_at", d.produced_at},
       {"produced_by", d.produced_by},
       {"produced_by_organisation", d.produced_by_organisation},
       {"reason", d.reason},
       {"person", d.person},
       {"household", d.household ? nlohmann::json(*d.household) : nlohmann::json(nullptr)},
       {"cases", d.cases},
       {"access_log", d.access_log}};
}

Disclosure disclose_person(store::Connection& db, const SealKey& key, const Actor& actor, const Person& person,
                           const nlohmann::json& body) {
  Input in(body);
  auto reason = in.opt_text("reason", "開示の理由", {.required = true, .max = kDisclosureReasonMax});
  in.check();

  Disclosure d;
  d.produced_at = now_utc();
  d.produced_by = actor.display_name;
  d.produced_by_organisation = actor.organisation_name;
  d.reason = *reason;
  d.person = person;
  if (person.household_id) d.household = find_household(db, *person.household_id);

  std::vector<std::string> ids{person.id}, subject_case_ids;
  if (person.household_id) ids.push_back(*person.household_id);
  for (const auto& [case_id, role] : cases_of(db, person)) {
    auto ref = find_case_ref(db, case_id);
    if (!ref) continue;
    ids.push_back(case_id);
    DisclosedCase c{case_id, role, role != "本人", nullptr};
    if (c.limited) {
      c.content = family_case(db, *ref, role);
    } else {
      c.content = subject_case(db, key, actor, *ref, ids);
      subject_case_ids.push_back(case_id);
    }
    d.cases.push_back(std::move(c));
  }
  d.access_log = audit_entries_about(db, ids, subject_case_ids);

  audit(db, actor, {"disclose", "person", person.id, d.reason});
  return d;
}

}  // namespace tsunagu::service
