#include "service/case_persons.h"

#include "store/summaries/mhlw_summary.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/households.h"
#include "service/input.h"
#include "service/lock_order.h"
#include "service/persons.h"
#include "service/problem.h"

namespace tsunagu::service {

CaseDetail add_case_person(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& case_id,
                           std::int64_t expected_version, const nlohmann::json& body) {
  auto detail = case_detail(db, key, case_id);
  const CaseSummary& current = detail.summary;
  if (current.version != expected_version) throw version_conflict(detail);
  std::vector<FieldError> errors;
  Input in(body);
  auto relation = in.choice("relation", "本人との関係", member_relations(), true);
  bool subject = relation == "本人";
  if (subject && current.subject_person_id)
    in.fail("relation", "このケースにはすでに本人が登録されています。本人の情報は「本人の情報を直す」から直せます。");
  if (current.anonymised_at) in.fail("relation", "匿名化済みのケースには本人・家族を加えられません。");
  try {
    in.check();
  } catch (const Problem& p) {
    errors = p.errors;
  }
  auto fields = read_person_fields(db, body, "", errors);
  if (!errors.empty()) throw invalid(errors);

  // Case rows first (service/lock_order.h): the membership's trigger raises
  // the detail revision of every case of the household.
  if (current.household_id) lock_cases_showing_household(db, *current.household_id, {});
  auto changed = db.execute("UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                            {now_utc(), case_id, expected_version});
  if (changed == 0) throw version_conflict(case_detail(db, key, case_id));

  std::string person_id = insert_person(db, key, actor, fields);
  std::string household_id = current.household_id ? *current.household_id : insert_household(db, actor, current.title);
  add_household_member(db, household_id, person_id, *relation);
  db.execute("UPDATE households SET version = version + 1, updated_at = ? WHERE id = ?", {now_utc(), household_id});
  if (subject) {
    db.execute("UPDATE cases SET subject_person_id = ?, household_id = ? WHERE id = ?", {person_id, household_id, case_id});
    store::mhlw_summary::case_subject_changed(db, case_id, std::nullopt);
  } else if (!current.household_id) {
    db.execute("UPDATE cases SET household_id = ? WHERE id = ?", {household_id, case_id});
  }
  audit(db, actor, {"update", "case", case_id, subject ? "本人を登録" : "家族を登録: " + *relation});
  return case_detail(db, key, case_id);
}

}  // namespace tsunagu::service
