#include "service/anonymisation.h"

#include <string_view>
#include <vector>

#include "domain/retention.h"
#include "service/case_numbering.h"
#include "service/clock.h"
#include "service/search_index.h"

namespace tsunagu::service {

namespace {

const std::string kText(domain::kAnonymisedText);

// The free text of the case's own records. Each statement is a constant;
// the only value bound is the case id. Columns that may not be NULL get
// kAnonymisedText (bound second, before the id, where a statement has "?"
// twice).
struct CaseStatement {
  std::string_view sql;
  bool with_text;  // binds kAnonymisedText before the case id
};
constexpr CaseStatement kCaseStatements[] = {
    {"UPDATE case_status_changes SET reason = NULL WHERE case_id = ?", false},
    {"UPDATE contacts SET note = NULL, next_step = NULL WHERE case_id = ?", false},
    {"UPDATE assessments SET mental_background = NULL, developmental = NULL, personality = NULL, environment = NULL, "
     "side_physical = NULL, side_psychological = NULL, side_social = NULL, distress = NULL, family_distress = NULL, "
     "strengths = NULL, interests = NULL, note = NULL, outing_note = NULL WHERE case_id = ?",
     false},
    {"UPDATE plans SET title = ?, wish = NULL, note = NULL WHERE case_id = ?", true},
    {"UPDATE plan_goals SET words = ?, support = NULL WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ?)", true},
    {"UPDATE plan_progress SET note = NULL WHERE case_id = ?", false},
    {"UPDATE plan_events SET summary = ? WHERE case_id = ?", true},
    {"UPDATE stage_changes SET note = NULL WHERE case_id = ?", false},
    {"UPDATE consents SET note = NULL, withdrawal_note = NULL WHERE case_id = ?", false},
    {"UPDATE referrals SET purpose = ?, basis_reason = NULL WHERE case_id = ?", true},
    {"UPDATE referral_events SET note = NULL WHERE referral_id IN (SELECT id FROM referrals WHERE case_id = ?)", false},
    {"UPDATE referral_feedback SET note = ? WHERE referral_id IN (SELECT id FROM referrals WHERE case_id = ?)", true},
    {"UPDATE referral_disclosures SET content = '{}' WHERE referral_id IN (SELECT id FROM referrals WHERE case_id = ?)",
     false},
    {"UPDATE meeting_cases SET note = NULL, content = '{}' WHERE case_id = ?", false},
    {"UPDATE follow_ups SET task = ?, note = NULL, assignee_name = NULL WHERE case_id = ?", true},
    {"UPDATE emergency_accesses SET reason = ? WHERE case_id = ?", true},
    // Dispatches of supporters (migration 0026): what was written about 本人
    // for the supporter and in their report; the place goes with the nickname.
    {"UPDATE dispatches SET nickname = ?, note_for_supporter = NULL, report_text = NULL, report_mood = NULL "
     "WHERE case_id = ?",
     true},
    {"UPDATE dispatches SET place = nickname, meeting_point = nickname WHERE case_id = ?", false},
};

// Whether the person still belongs to a case that keeps its data: as 本人,
// or as a member of a case's household.
bool in_a_kept_case(store::Connection& db, const std::string& person_id) {
  return db
      .query_one("SELECT 1 FROM cases WHERE anonymised_at IS NULL AND (subject_person_id = ? OR household_id IN "
                 "(SELECT household_id FROM household_members WHERE person_id = ?))",
                 {person_id, person_id})
      .has_value();
}

}  // namespace

void anonymise_person(store::Connection& db, const std::string& person_id) {
  auto p = db.query_one("SELECT organisation_id FROM persons WHERE id = ?", {person_id});
  if (!p) return;
  // naming becomes 'anonymous': the record no longer carries a name, and the
  // screens already say so for an anonymous consultation.
  db.execute(
      "UPDATE persons SET naming = 'anonymous', name = NULL, furigana = NULL, contact_sealed = NULL, note = NULL, "
      "preferences = NULL, considerations = NULL, "
      "anonymised_at = COALESCE(anonymised_at, ?), version = version + 1, updated_at = ? WHERE id = ?",
      {now_utc(), now_utc(), person_id});
  index_person(db, person_id, p->text(0), std::nullopt, std::nullopt);
  db.execute(
      "UPDATE group_participants SET nickname = NULL, left_note = NULL, anonymised_at = COALESCE(anonymised_at, ?) "
      "WHERE case_id IN (SELECT id FROM cases WHERE subject_person_id = ?)",
      {now_utc(), person_id});
}

void anonymise_case(store::Connection& db, const std::string& case_id) {
  auto c = db.query_one("SELECT organisation_id, subject_person_id, household_id FROM cases WHERE id = ?", {case_id});
  if (!c) return;
  std::string organisation_id = c->text(0);
  auto subject = c->opt_text(1);
  auto household = c->opt_text(2);

  // The case first: whether its people are still in a kept case is asked
  // after this one no longer counts as kept.
  db.execute(
      "UPDATE cases SET title = ?, anonymised_at = COALESCE(anonymised_at, ?), version = version + 1, updated_at = ? "
      "WHERE id = ?",
      {std::string(domain::kAnonymisedTitle), now_utc(), now_utc(), case_id});
  fold_case_title(db, case_id, std::string(domain::kAnonymisedTitle));
  for (const auto& s : kCaseStatements) {
    if (s.with_text)
      db.execute(s.sql, {kText, case_id});
    else
      db.execute(s.sql, {case_id});
  }
  for (const auto& r : db.query("SELECT id FROM contacts WHERE case_id = ?", {case_id}))
    index_contact(db, r.text(0), organisation_id, std::nullopt, std::nullopt);
  db.execute(
      "UPDATE group_participants SET nickname = NULL, left_note = NULL, anonymised_at = COALESCE(anonymised_at, ?) "
      "WHERE case_id = ?",
      {now_utc(), case_id});

  std::vector<std::string> people;
  if (subject) people.push_back(*subject);
  if (household) {
    for (const auto& r : db.query("SELECT person_id FROM household_members WHERE household_id = ?", {*household}))
      if (r.text(0) != subject.value_or("")) people.push_back(r.text(0));
    if (!db.query_one("SELECT 1 FROM cases WHERE household_id = ? AND anonymised_at IS NULL", {*household}))
      db.execute("UPDATE households SET label = ?, note = NULL, version = version + 1, updated_at = ? WHERE id = ?",
                 {kText, now_utc(), *household});
  }
  for (const auto& person_id : people)
    if (!in_a_kept_case(db, person_id)) anonymise_person(db, person_id);
}

void anonymise_group_participant(store::Connection& db, const std::string& participant_id) {
  db.execute(
      "UPDATE group_participants SET nickname = NULL, left_note = NULL, anonymised_at = COALESCE(anonymised_at, ?), "
      "version = version + 1, updated_at = ? WHERE id = ?",
      {now_utc(), now_utc(), participant_id});
}

void anonymise_group_session(store::Connection& db, const std::string& session_id) {
  db.execute(
      "UPDATE group_sessions SET note = NULL, cancel_reason = NULL, anonymised_at = COALESCE(anonymised_at, ?), "
      "version = version + 1, updated_at = ? WHERE id = ?",
      {now_utc(), now_utc(), session_id});
}

namespace {

// Nothing can sign in as the account afterwards: stopped, and an empty hash
// that no password verifies. The login, often the person's name, goes too.
void anonymise_sign_in(store::Connection& db, const std::string& user_id) {
  if (auto r = db.query_one("SELECT login FROM users WHERE id = ?", {user_id}))
    db.execute("DELETE FROM login_locks WHERE login = ?", {r->text(0)});
  db.execute("UPDATE users SET display_name = ?, login = ?, password_hash = '', active = 0, failed_logins = 0, "
             "locked_until = NULL, version = version + 1, updated_at = ? WHERE id = ?",
             {std::string(domain::kAnonymisedSupporterName), "anonymised-" + user_id, now_utc(), user_id});
  for (const char* sql : {"DELETE FROM sessions WHERE user_id = ?", "DELETE FROM known_devices WHERE user_id = ?",
                          "DELETE FROM login_successes WHERE user_id = ?", "DELETE FROM user_two_factor WHERE user_id = ?",
                          "DELETE FROM two_factor_recovery_codes WHERE user_id = ?",
                          "DELETE FROM second_factor_challenges WHERE user_id = ?",
                          "DELETE FROM password_change_failures WHERE user_id = ?"})
    db.execute(sql, {user_id});
}

}  // namespace

std::optional<std::string> anonymise_supporter(store::Connection& db, const std::string& supporter_id) {
  std::optional<std::string> sign_in;
  if (auto r = db.query_one("SELECT user_id FROM supporters WHERE id = ? AND user_id IS NOT NULL", {supporter_id}))
    sign_in = r->text(0);
  db.execute(
      "UPDATE supporters SET name = ?, availability = NULL, languages = '[]', experience_note = NULL, "
      "contact_sealed = NULL, user_id = NULL, anonymised_at = COALESCE(anonymised_at, ?), version = version + 1, "
      "updated_at = ? WHERE id = ?",
      {std::string(domain::kAnonymisedSupporterName), now_utc(), now_utc(), supporter_id});
  db.execute(
      "UPDATE dispatches SET reflection = NULL, state_reason = CASE WHEN state = '辞退' THEN NULL ELSE state_reason END, "
      "version = version + 1 WHERE supporter_id = ? AND (reflection IS NOT NULL OR (state = '辞退' AND state_reason IS NOT NULL))",
      {supporter_id});
  if (sign_in) anonymise_sign_in(db, *sign_in);
  return sign_in;
}

}  // namespace tsunagu::service
