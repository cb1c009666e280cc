// Supporters and peer supporters (サポーター, ピアサポーター, ピアスタッフ,
// ボランティア) of an organisation: the register, their trainings and
// qualifications (supporter_trainings.cc), and dispatches (派遣) from a case
// (dispatches.cc). The rules (validity, the dispatch state machine, the
// candidates) are domain/supporter.h.
//
// Who sees what:
//   - coordinators and supervisors of the supporter's organisation keep the
//     register, the trainings and the dispatches; a supporter's contact
//     details are sealed at rest (service/sealed_field.h) like persons', and
//     the self-declared experience note (当事者経験・家族経験) is theirs only;
//   - a supporter (role supporter, linked by user_id) sees their own
//     dispatches and trainings only, and of a dispatch only what the activity
//     needs: the nickname 本人 agreed to, the meeting point, the note written
//     for them and whom to call — nothing else of the case, and none of that
//     once the activity is reported, declined or cancelled. Every view is
//     audited.
// A supporter of another organisation is sent only on 本人's own consent
// naming that organisation or on a 支援会議 that organisation took part in
// (service/dispatch_basis.h), and sees no details once a consent is
// withdrawn; their own coordinators see those dispatches without the case.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/supporter.h"
#include "service/actor.h"
#include "service/case_ref.h"
#include "service/permission.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

// Coordinators and supervisors of the organisation: the register, trainings,
// dispatches.
Policy supporter_coordination_policy();
// A supporter's own page: their own dispatches and trainings (Reach::self).
Policy supporter_self_policy();

struct SupporterQualification {
  std::string id, activity;
  std::optional<std::string> course_id, course_title;
  std::string granted_on;
  std::optional<std::string> expires_on;
};

struct Supporter {
  std::string id, organisation_id, organisation_name;
  std::optional<std::string> user_id, user_login;
  std::string kind, name;
  std::optional<std::string> sex, age_band, area_id, area_name, availability, experience_note;
  std::vector<std::string> activities, languages;
  nlohmann::json contact = nullptr;  // {phone, email, address} once unsealed; null when none
  bool active = true;
  // The Tokyo day they stopped (marked not active), which starts their
  // retention; and when the daily job anonymised them (domain/retention.h).
  std::optional<std::string> left_on, anonymised_at;
  // Dispatches 依頼 or 承諾 that have not ended (with_dispatches_ahead; null
  // elsewhere).
  std::optional<std::int64_t> upcoming_dispatches;
  std::vector<SupporterQualification> qualifications;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  Target target() const { return Target{organisation_id, user_id}; }
  std::vector<domain::Qualification> rule_qualifications() const;
};
// The coordinators' view: everything, the contact details unsealed.
void to_json(nlohmann::json& j, const Supporter& s);
// Each activity the supporter does with its validity today (有効 / 期限が近い /
// 期限切れ / 未取得) and the expiry.
nlohmann::json qualification_statuses(const Supporter& s);

std::optional<Supporter> find_supporter(store::Connection& db, const SealKey& key, const std::string& id);
// `s` with upcoming_dispatches counted: for the answers that show one
// supporter (the detail, an update), not for every lookup (a booking, a
// statement), which has no use for it.
Supporter with_dispatches_ahead(store::Connection& db, Supporter s);
std::optional<Supporter> find_supporter_of_user(store::Connection& db, const SealKey& key, const std::string& user_id);
// The organisation's supporters, active first, then by name (contact
// details left sealed: null). `q` filters by name.
std::vector<Supporter> supporters_of_organisation(store::Connection& db, const std::string& organisation_id);
// Body: {kind, name, user_id?, sex?, age_band?, area_id?, activities: [..],
// availability?, languages?: [..], experience_note?, contact?: {phone,
// email, address}, active? (update)}. The user must be of the
// organisation, with the role supporter, and not linked to another
// supporter. Throws 400 validation_failed (nothing written).
Supporter create_supporter(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body);
// Fields left out keep their value. Marking them not active sets left_on
// (today), active again clears it. Throws 400, 412 version_conflict, 409
// supporter_anonymised (retention removed their details).
Supporter update_supporter(store::Connection& db, const SealKey& key, const Actor& actor, const Supporter& s,
                           std::int64_t expected_version, const nlohmann::json& body);

// --- trainings (supporter_trainings.cc) ---
struct TrainingCourse {
  std::string id, organisation_id, kind, title;
  std::vector<std::string> qualifies;  // activities a completion qualifies for
  std::optional<std::int64_t> validity_months;
  std::int64_t sessions_required = 1;
  std::int64_t version = 0;
  std::string created_at, updated_at;
};
void to_json(nlohmann::json& j, const TrainingCourse& c);

std::optional<TrainingCourse> find_course(store::Connection& db, const std::string& id);
std::vector<TrainingCourse> courses_of_organisation(store::Connection& db, const std::string& organisation_id);
// Body: {kind, title, qualifies: [activities], validity_months?,
// sessions_required}. Throws 400 validation_failed.
TrainingCourse create_course(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// The course with its sessions (and who attended each), and per supporter
// of the organisation how many sessions they attended and whether the
// course is completed (qualification granted). Audited as a read.
nlohmann::json course_detail(store::Connection& db, const Actor& actor, const TrainingCourse& c);
// Body: {held_on, title?, external_attendees? (staff of other agencies,
// counted only)}. Throws 400 validation_failed.
nlohmann::json create_training_session(store::Connection& db, const Actor& actor, const TrainingCourse& c,
                                       const nlohmann::json& body);
struct TrainingSessionRef {
  std::string id, course_id, organisation_id, held_on;
};
std::optional<TrainingSessionRef> find_training_session(store::Connection& db, const std::string& id);
// Replaces the attendance: {supporter_ids: [...], external_attendees?}.
// Every supporter must be of the organisation. A session in the future
// takes none. Throws 400 validation_failed, 409 session_in_future.
nlohmann::json record_training_attendance(store::Connection& db, const Actor& actor, const TrainingSessionRef& s,
                                          const nlohmann::json& body);
// Completion: {supporter_id, completed_on?}. Needs sessions_required
// sessions attended; grants one qualification per activity the course
// qualifies for, expiring validity_months later (the day before). Throws
// 400 validation_failed, 409 course_not_completed.
nlohmann::json complete_course(store::Connection& db, const Actor& actor, const TrainingCourse& c,
                               const nlohmann::json& body);

// --- dispatches (dispatches.cc) ---
struct Dispatch {
  std::string id, organisation_id;
  // Asked from a case, or for a 居場所・グループ session (group_name: its group).
  std::optional<std::string> case_id, case_title, group_session_id, group_name;
  std::string supporter_id, supporter_name;
  std::optional<std::string> supporter_user_id;
  std::string activity, starts_at, ends_at, place, meeting_point;
  std::optional<std::string> nickname;  // a case's dispatch only
  std::optional<std::string> note_for_supporter;
  std::string call_name, call_phone;
  nlohmann::json wishes = nlohmann::json::object();
  // The 本人同意 that lets a supporter of another organisation be sent, and
  // whether it has since been withdrawn (then the supporter sees no details).
  std::optional<std::string> consent_id;
  bool basis_withdrawn = false;
  // Or the 支援会議 that discussed the case with that organisation.
  std::optional<std::string> meeting_id;
  std::string state;
  std::optional<std::string> state_reason;
  std::string requested_at;
  std::optional<std::string> answered_at, done_at, reported_at, cancelled_at;
  std::optional<std::string> report_text, report_mood;
  bool report_urgent = false;
  std::optional<std::int64_t> hours_minutes, transport_yen;
  std::optional<std::string> reflection;
  std::optional<std::string> report_contact_id;
  std::string created_by;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  // For the coordinators: the organisation; for the supporter: their user.
  Target target() const { return Target{organisation_id, supporter_user_id}; }
};
// The coordinators' view: the whole record.
void to_json(nlohmann::json& j, const Dispatch& d);
// What the supporter sees: the activity, the time and its state, and —
// while the activity is still to come (依頼, 承諾, 実施) — the nickname, the
// meeting point, the note for them and whom to call. Nothing of the case.
nlohmann::json supporter_view(const Dispatch& d);

std::optional<Dispatch> find_dispatch(store::Connection& db, const std::string& id);
// The organisation's dispatches (the board): query state?, from?, to?
// (days of starts_at), urgent? (reports marked urgent not yet taken into the
// case), most recent first, at most 500.
std::vector<Dispatch> dispatches_of_organisation(store::Connection& db, const std::string& organisation_id,
                                                 const std::map<std::string, std::string>& query);
std::vector<Dispatch> dispatches_of_case(store::Connection& db, const std::string& case_id);
// The supporter's own, soonest first (audited as a read).
std::vector<Dispatch> dispatches_of_supporter(store::Connection& db, const std::string& supporter_id);

// Dispatches of the organisation's own supporters made by another
// organisation, newest first, at most 500 (dispatches_elsewhere.cc): id,
// organisation_name (who asked), supporter, activity, starts_at, ends_at,
// state, basis (本人同意 | 支援会議). Nothing of the case.
nlohmann::json dispatches_elsewhere(store::Connection& db, const std::string& organisation_id);

// Candidates for a dispatch from the case: query activity, date, starts,
// ends, same_sex, same_generation, peer. Each supporter of the case's
// organisation — and of each organisation that 本人 consented to share with
// (an active 本人同意 of the case naming it) — with score, reasons and
// cautions (domain::rank_candidates); nobody is booked. Throws 400.
nlohmann::json dispatch_candidates(store::Connection& db, const Actor& actor, const CaseRef& c,
                                   const std::map<std::string, std::string>& query);
// Books a supporter: {supporter_id, activity, date, starts, ends, place,
// meeting_point, nickname, note_for_supporter?, call_name, call_phone,
// wishes?: {same_sex, same_generation, peer}, consent_id?, meeting_id?}. A
// supporter of another organisation needs one basis (dispatch_basis.h):
// consent_id, an active consent of the case given by 本人 naming that
// organisation (PRODUCT.md: 本人同意 is 本人's own), or meeting_id, a 支援会議
// that discussed the case with that organisation. Wishes left out: 本人's
// recorded ones (dispatch_wishes.h). In one transaction it takes
// the supporter's row lock, then refuses when the supporter holds another
// dispatch at an overlapping time (409 supporter_double_booked) or has no
// qualification for the activity valid on the day (409
// qualification_invalid). Throws 400 validation_failed.
Dispatch create_dispatch(store::Connection& db, const SealKey& key, const Actor& actor, const CaseRef& c,
                         const nlohmann::json& body);
// A supporter for a 居場所・グループ session (居場所の運営, 家族会の運営 …):
// the same body without nickname and wishes, on the session's day. Throws
// as create_dispatch, and 409 session_cancelled for a 中止 session.
Dispatch create_session_dispatch(store::Connection& db, const SealKey& key, const Actor& actor,
                                 const std::string& session_id, const std::string& organisation_id,
                                 const std::string& held_on, const std::string& session_state, const nlohmann::json& body);
// Candidates for a session: query activity, starts, ends (the day is the
// session's). Throws 400 validation_failed.
nlohmann::json session_dispatch_candidates(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                           const std::string& held_on, const std::map<std::string, std::string>& query);
// A coordinator's move: {state: 実施 | 取消, reason?}. Throws 400, 409
// invalid_transition, 412 version_conflict.
Dispatch move_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                       const nlohmann::json& body);
// The supporter's answer: {answer: 承諾 | 辞退, reason?}. Throws 400, 409
// invalid_transition, 412 version_conflict.
Dispatch answer_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                         const nlohmann::json& body);
// The supporter's short report after the activity: {what_happened,
// how_seemed?, urgent?, minutes?, transport_yen?, reflection?} — the
// reflection (振り返り) is for the supporter and their coordinator only and
// never goes into the case's contact. From 承諾 once the activity has begun, or
// from 実施; the dispatch becomes 報告済み (实施 dated first when it was not).
// Throws 400, 409 invalid_transition, 409 activity_not_started, 412.
Dispatch report_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                         const nlohmann::json& body);

// The coordinator accepts the supporter's report: {subject_met, counterpart?
// (default 本人)}. It becomes a contact on the case (その他（訪問等）, the
// sub-kind from the activity, at the activity's start, the report as its
// note) and the dispatch keeps its id. Until then the report is not case
// work. Throws 400, 409 report_not_ready (not 報告済み), 409
// report_already_accepted, 412 version_conflict.
Dispatch accept_dispatch_report(store::Connection& db, const Actor& actor, const Dispatch& d,
                                std::int64_t expected_version, const nlohmann::json& body);

// The organisation's rates for supporters (supporter_pay.cc): the default
// 謝金 per hour and cap on 交通費 per activity, and rates per activity kind
// that replace them for that activity: {yen_per_hour, transport_cap_yen?,
// by_activity?: [{activity, yen_per_hour, transport_cap_yen?}]} — each
// amount a whole number of yen from 0 to 100,000, each activity once;
// by_activity left out keeps the activities' rates, given (even empty)
// replaces them. `current_version` is 0 before the first setting. Throws 400
// validation_failed (nothing written), 412 version_conflict (with "current").
void set_pay_rates(store::Connection& db, const Actor& actor, std::int64_t current_version,
                   std::int64_t expected_version, const nlohmann::json& body);
// Supervisors of the organisation set the rates.
Policy supporter_pay_policy();

// The supporter's own page: their kind, activities and qualification
// statuses, the trainings attended. Never the experience note of others.
nlohmann::json supporter_self(store::Connection& db, const Supporter& s);

// Timeline entries (kind "dispatch") of a case, in the shape of
// case_timeline entries.
std::vector<nlohmann::json> dispatch_timeline_items(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
