#include "service/consents.h"

#include "domain/consent_giver.h"

#include "domain/date.h"
#include "domain/validation.h"
#include "domain/meeting.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/organisations.h"
#include "service/problem.h"
#include "service/resources.h"
#include "service/secrets.h"

#include "service/json_optional.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT c.id, c.case_id, c.organisation_id, c.given_by, c.method, c.given_on, c.scope, "
    "c.destination_resource_id, r.name, c.destination_organisation_id, o.name, c.note, c.withdrawn_at, "
    "c.withdrawn_on, c.withdrawal_note, c.recorded_by, c.version, c.created_at, c.updated_at, c.giver, "
    "c.giver_person_id, c.representative_basis "
    "FROM consents c LEFT JOIN resources r ON r.id = c.destination_resource_id "
    "LEFT JOIN organisations o ON o.id = c.destination_organisation_id";

Consent from_row(const store::Row& r) {
  store::Cells in(r);
  Consent c;
  c.id = in.text();
  c.case_id = in.text();
  c.organisation_id = in.text();
  c.given_by = in.text();
  c.method = in.text();
  c.given_on = in.text();
  auto scope = nlohmann::json::parse(in.text(), nullptr, false);
  if (scope.is_array())
    for (const auto& s : scope)
      if (s.is_string()) c.scope.push_back(s.get<std::string>());
  c.destination_resource_id = in.opt_text();
  c.destination_resource_name = in.opt_text();
  c.destination_organisation_id = in.opt_text();
  c.destination_organisation_name = in.opt_text();
  c.note = in.opt_text();
  c.withdrawn_at = in.opt_text();
  c.withdrawn_on = in.opt_text();
  c.withdrawal_note = in.opt_text();
  c.recorded_by = in.text();
  c.version = in.integer();
  c.created_at = in.text();
  c.updated_at = in.text();
  c.giver = in.text();
  c.giver_person_id = in.opt_text();
  c.representative_basis = in.opt_text();
  return c;
}


// A date field (YYYY-MM-DD) not after today; `fallback` when absent.

}  // namespace

bool read_parts(const nlohmann::json& body, const std::string& field, const std::string& label, Input& in,
                std::vector<std::string>& out) {
  if (!body.contains(field) || !body[field].is_array() || body[field].empty() ||
      body[field].size() > shared_parts().size()) {
    in.fail(field, label + "を1つ以上選んでください（" + shared_part_names() + "）。");
    return false;
  }
  for (const auto& p : body[field]) {
    if (!p.is_string() || !find_shared_part(p.get<std::string>())) {
      in.fail(field, label + "に使えるのは " + shared_part_names() + " です。");
      return false;
    }
    for (const auto& seen : out)
      if (seen == p.get<std::string>()) {
        in.fail(field, label + "に同じ項目が重複しています。");
        return false;
      }
    out.push_back(p.get<std::string>());
  }
  return true;
}

void to_json(nlohmann::json& j, const Consent& c) {
  j = {{"id", c.id},
       {"case_id", c.case_id},
       {"organisation_id", c.organisation_id},
       {"given_by", c.given_by},
       {"giver", c.giver},
       {"giver_person_id", nj(c.giver_person_id)},
       {"representative_basis", nj(c.representative_basis)},
       // Whether it is 本人同意: a basis for sharing 本人's information.
       {"subject_basis", c.subject_basis()},
       {"method", c.method},
       {"given_on", c.given_on},
       {"scope", c.scope},
       {"destination_resource_id", nj(c.destination_resource_id)},
       {"destination_resource_name", nj(c.destination_resource_name)},
       {"destination_organisation_id", nj(c.destination_organisation_id)},
       {"destination_organisation_name", nj(c.destination_organisation_name)},
       {"note", nj(c.note)},
       {"active", c.active()},
       {"withdrawn_at", nj(c.withdrawn_at)},
       {"withdrawn_on", nj(c.withdrawn_on)},
       {"withdrawal_note", nj(c.withdrawal_note)},
       {"recorded_by", c.recorded_by},
       {"version", c.version},
       {"created_at", c.created_at},
       {"updated_at", c.updated_at}};
}

std::vector<Consent> list_consents(store::Connection& db, const std::string& case_id) {
  std::vector<Consent> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE c.case_id = ? ORDER BY c.created_at, c.id", {case_id}))
    out.push_back(from_row(r));
  return out;
}

std::optional<Consent> find_consent(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

Consent create_consent(store::Connection& db, const Actor& actor, const CaseRef& c, const nlohmann::json& body) {
  Input in(body);
  // Who gave it (domain/consent_giver.h). A client that sends only the old
  // free text is read by the same rule as the old records.
  auto giver = in.choice("giver", "同意した人の立場", domain::kConsentGiver.values, false);
  auto given_by = in.opt_text("given_by", "同意した人", {.required = false, .max = 100});
  auto person_id = in.opt_text("giver_person_id", "同意した家族", {.required = false, .max = 64});
  auto rep_basis = in.choice("representative_basis", "法定代理人の根拠", domain::kRepresentativeBasis.values, false);
  if (!giver && given_by) giver = std::string(domain::giver_of_old_consent(*given_by));
  if (!giver) in.fail("giver", "同意した人が本人か、家族か、法定代理人かを選んでください。");
  auto awareness = db.query_one("SELECT subject_awareness, household_id FROM cases WHERE id = ?", {c.id});
  if (giver == "本人") {
    given_by = "本人";
    if (awareness && awareness->text(0) == "知らない")
      in.fail("giver", "このケースでは、本人は相談を「知らない」ことになっています。本人の同意を記録する前に、"
                       "ケースの「本人の認知」を更新してください。");
  } else if (giver == "家族") {
    if (person_id) {
      auto m = db.query_one(
          "SELECT p.name, hm.relation FROM household_members hm JOIN persons p ON p.id = hm.person_id "
          "WHERE hm.person_id = ? AND hm.household_id = ? AND hm.relation <> '本人'",
          {*person_id, awareness ? awareness->text(1) : std::string()});
      if (!m) in.fail("giver_person_id", "同意した家族は、このケースの世帯の家族から選んでください。");
      else if (!given_by) given_by = m->text(1) + (m->is_null(0) ? std::string() : "（" + m->text(0) + "）");
    }
    if (!given_by) in.fail("given_by", "同意した家族（母、父 など）を入力するか、世帯の家族から選んでください。");
  } else if (giver == "法定代理人") {
    if (!given_by) in.fail("given_by", "法定代理人の氏名を入力してください。");
    if (!rep_basis) in.fail("representative_basis", "法定代理人の根拠（成年後見人 など）を選んでください。");
  }
  if (giver != "家族") person_id.reset();
  if (giver != "法定代理人") rep_basis.reset();
  auto method = in.choice("method", "同意の方法", domain::kConsentMethodValues, true);
  std::string given_on = in.past_day_or_today("given_on", "同意した日", true);
  std::vector<std::string> scope;
  read_parts(body, "scope", "同意の範囲", in, scope);
  auto resource_id = in.opt_text("destination_resource_id", "共有先（社会資源）", {.required = false, .max = 64});
  auto org_id = in.opt_text("destination_organisation_id", "共有先（組織）", {.required = false, .max = 64});
  auto note = in.opt_text("note", "備考", {.required = false, .max = 2000, .multiline = true});
  if (resource_id) {
    auto res = find_resource(db, *resource_id);
    if (!res) in.fail("destination_resource_id", "共有先の社会資源が見つかりません。");
    else if (!org_id && res->linked_organisation_id) org_id = res->linked_organisation_id;
  }
  if (org_id && !find_organisation(db, *org_id)) in.fail("destination_organisation_id", "共有先の組織が見つかりません。");
  if (!resource_id && !org_id)
    in.fail("destination_resource_id", "同意の共有先（社会資源または組織）を指定してください。");
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO consents (id, case_id, organisation_id, given_by, method, given_on, scope, "
      "destination_resource_id, destination_organisation_id, note, recorded_by, version, created_at, updated_at, "
      "giver, giver_person_id, representative_basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?,?)",
      {id, c.id, c.organisation_id, *given_by, *method, given_on, nlohmann::json(scope).dump(),
       store::text_or_null(resource_id), store::text_or_null(org_id), store::text_or_null(note), actor.user_id, now,
       now, *giver, store::text_or_null(person_id), store::text_or_null(rep_basis)});
  audit(db, actor, {"create", "consent", id, "case " + c.id});
  return *find_consent(db, id);
}

Consent withdraw_consent(store::Connection& db, const Actor& actor, const Consent& consent,
                         std::int64_t expected_version, const nlohmann::json& body) {
  if (consent.version != expected_version) throw version_conflict(consent);
  if (!consent.active())
    throw Problem(409, "already_withdrawn", "この同意はすでに撤回されています。");
  Input in(body);
  std::string on = in.past_day_or_today("withdrawn_on", "撤回した日", false);
  auto note = in.opt_text("withdrawal_note", "撤回の経緯", {.required = false, .max = 2000, .multiline = true});
  in.check();
  std::string now = now_utc();
  auto changed = db.execute(
      "UPDATE consents SET withdrawn_at = ?, withdrawn_on = ?, withdrawal_note = ?, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ? AND withdrawn_at IS NULL",
      {now, on, store::text_or_null(note), now, consent.id, expected_version});
  if (changed == 0) throw version_conflict(*find_consent(db, consent.id));
  audit(db, actor, {"update", "consent", consent.id, "withdrawn"});
  return *find_consent(db, consent.id);
}

}  // namespace tsunagu::service
