// Meetings (会議): ケース会議, 事例検討, 支援会議, 重層的支援会議 and
// 市町村プラットフォーム連絡会, with the organisations and people who took
// part, the cases discussed and what was shared about each, the decisions,
// and follow-up items ("who does what by when") that belong to a case.
//
// The organiser owns the meeting; participating organisations are parties
// to it (Target::parties): they may open the meeting and see, for each case
// discussed, what was shared in it — a snapshot taken when the case was
// added — and nothing else of the case. Sharing needs the meeting's own
// legal basis (支援会議) or the person's consent (every other kind,
// domain::meeting_needs_consent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_ref.h"
#include "service/input.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

struct Meeting {
  std::string id, organisation_id, organisation_name, kind;
  std::optional<std::string> legal_basis;
  std::string title, held_on;
  std::optional<std::string> place, agenda, decisions;
  std::vector<std::string> participant_organisation_ids;  // besides the organiser
  std::int64_t version = 0;
  std::string created_at, updated_at;

  // Owned by the organiser, opened to the participating organisations.
  Target target() const;
  // The organiser or a participating organisation.
  bool involves(const std::string& organisation_id) const;
};
void to_json(nlohmann::json& j, const Meeting& m);

// A case discussed in a meeting, with what was shared about it.
struct MeetingCase {
  std::string id, meeting_id, case_id, organisation_id, organisation_name;
  std::vector<std::string> shared_parts;
  std::optional<std::string> consent_id, note;
  std::string shared_at;
};

std::optional<Meeting> find_meeting(store::Connection& db, const std::string& id);
// Meetings the actor's organisation organised or took part in, newest first;
// optionally of one kind.
std::vector<Meeting> meetings_for(store::Connection& db, const Actor& actor, const std::optional<std::string>& kind);
// The meeting with its organisations, people, cases and follow-ups as the
// actor may see them (another organisation's case shows without its id).
nlohmann::json meeting_detail(store::Connection& db, const Actor& actor, const Meeting& m);

// Body: {kind, legal_basis?, title, held_on, place?, agenda?, decisions?,
// organisation_ids?, people?: [{user_id} | {name, affiliation?}],
// cases?: [{case_id, shared_parts?, consent_id?, note?}]}. Cases must be the
// actor's organisation's. Nothing is written when anything is wrong.
// Throws 400 validation_failed (field errors, those of cases as cases[i].*).
Meeting create_meeting(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// The organiser edits title, date, place, agenda, decisions, legal basis,
// organisations and people; the kind is fixed once recorded, because it
// decided what could be shared. Throws 404 not_found when the actor's
// organisation is not the organiser, 400 validation_failed, 412
// version_conflict (with "current").
Meeting update_meeting(store::Connection& db, const Actor& actor, const Meeting& m, std::int64_t expected_version,
                       const nlohmann::json& body);

// --- cases discussed (meeting_cases.cc) ---
std::vector<MeetingCase> meeting_cases(store::Connection& db, const std::string& meeting_id);
// The meetings that discussed the case: one entry per meeting, oldest first.
std::vector<MeetingCase> meeting_cases_of_case(store::Connection& db, const std::string& case_id);
std::optional<MeetingCase> find_meeting_case(store::Connection& db, const std::string& id);
// Validates one case entry ({case_id, shared_parts?, consent_id?, note?})
// for a meeting of `kind`; errors go to `in` under `field`. Returns the
// entry to insert (only meaningful when `in` has no errors).
struct MeetingCaseInput {
  std::string case_id;
  std::vector<std::string> parts;
  std::optional<std::string> consent_id, note;
};
MeetingCaseInput read_meeting_case(store::Connection& db, const Actor& actor, const std::string& kind,
                                   const nlohmann::json& item, const std::string& field, Input& in);
// Records the entry and the snapshot of its shared parts (audited). A case
// already in the meeting is a store::Error, unique_violation.
MeetingCase insert_meeting_case(store::Connection& db, const Actor& actor, const Meeting& m,
                                const MeetingCaseInput& c);
// A participating organisation adds one of its own cases to the meeting.
// Throws 400 validation_failed (also for a case already in the meeting).
MeetingCase add_meeting_case(store::Connection& db, const Actor& actor, const Meeting& m, const nlohmann::json& body);
// What was shared about the case in the meeting: the case's organisation
// sees its current parts as a preview; other participants see the snapshot
// taken when it was shared, and only that. Every read is audited.
nlohmann::json meeting_case_shared(store::Connection& db, const Actor& actor, const Meeting& m,
                                   const MeetingCase& mc);

// For a referral with basis 支援会議: leaves a field error in `in` unless
// `meeting_id` names a 支援会議 that discussed `case_id`, that the receiving
// organisation took part in, and that shared every part in `parts`. The same
// rule opens a dispatch to another organisation's supporter (no parts;
// `receiver` names the receiving side in the message).
void check_meeting_basis_of_referral(store::Connection& db, Input& in, const std::optional<std::string>& meeting_id,
                                     const std::string& case_id,
                                     const std::optional<std::string>& receiving_organisation_id,
                                     const std::vector<std::string>& parts, const std::string& receiver = "つなぎ先");

// --- follow-up items (follow_ups.cc) ---
struct FollowUp {
  std::string id, meeting_id, meeting_title, meeting_kind, held_on, case_id, organisation_id, organisation_name;
  std::string meeting_organisation_id, task;
  std::optional<std::string> assignee_user_id, assignee_organisation_id, assignee_organisation_name, assignee_name;
  std::optional<std::string> due_on, done_on, note;
  bool done = false;
  std::int64_t version = 0;
  std::string created_at, updated_at, created_by;
  std::optional<std::string> created_by_name;

  // Owned by the case's organisation; opened to the organiser and to the
  // organisation of the assigned user, who may mark it done.
  Target target() const;
};
// `with_case_id`: whether the viewer may see which case it belongs to.
nlohmann::json follow_up_json(const FollowUp& f, bool with_case_id);

std::optional<FollowUp> find_follow_up(store::Connection& db, const std::string& id);
std::vector<FollowUp> follow_ups_of_case(store::Connection& db, const std::string& case_id);
std::vector<FollowUp> follow_ups_of_meeting(store::Connection& db, const std::string& meeting_id);
// Body: {meeting_case_id | case_id, task, assignee_user_id | assignee_name,
// due_on?, note?}. The organiser or the case's organisation records it.
// Throws 400 validation_failed, then 403 forbidden for anyone else.
FollowUp create_follow_up(store::Connection& db, const Actor& actor, const Meeting& m, const nlohmann::json& body);
// Changes task, assignee, due date, done state and note (fields left out
// keep their value). Throws 404 not_found when the meeting is gone, 400
// validation_failed, 412 version_conflict (with "current").
FollowUp update_follow_up(store::Connection& db, const Actor& actor, const FollowUp& f, std::int64_t expected_version,
                          const nlohmann::json& body);

// Timeline entries of a case: each meeting that discussed it (kind
// "meeting") and each follow-up item (kind "follow_up"), in the shape of
// service::case_timeline entries.
std::vector<nlohmann::json> meeting_timeline_items(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
