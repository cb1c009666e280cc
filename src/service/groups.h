// Groups (居場所, 家族会, 家族教室, 当事者会, ピア活動, CRAFT プログラム,
// 講演会・研修会, 相談会) of an organisation: their sessions, the registered
// participants and the attendance, and anonymous headcounts. The rules
// (three session states, 実人数 vs 延べ, late joiners, series completion)
// are domain/group.h.
//
// A group, its sessions and participants belong to the group's organisation
// and to it alone: no other organisation is a party to them. Staff of that
// organisation — 居場所スタッフ, coordinators and supervisors — see
// participants by 呼び名; a participant linked to a case shows that case's
// title and stage only (never other case content). Every read of
// participants or attendance is audited. Another organisation sees a
// participant's attendance only on its own case's timeline, and only under
// a sharing basis (group_attendance_for_case).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

// Who works with groups: 居場所スタッフ, coordinators and supervisors of the
// group's organisation.
Policy group_work_policy();

struct GroupMunicipality {
  std::string area_id, area_name;
  std::optional<std::string> agreement_note;
};

struct Group {
  std::string id, organisation_id, organisation_name, kind, audience, name;
  std::optional<std::string> description, area_id, area_name, venue;
  bool online = false;
  std::vector<int> schedule_weekdays, schedule_weeks;  // weekdays empty: no regular schedule
  std::optional<std::string> starts, ends, schedule_note;
  std::optional<std::int64_t> capacity;
  std::string cost;
  std::optional<std::string> cost_note;
  bool registration_required = false;
  std::string gender;
  bool public_listing = false;
  std::optional<std::int64_t> series_total, series_required;
  std::optional<std::string> resource_id;
  bool active = true;
  std::vector<GroupMunicipality> municipalities;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  Target target() const { return Target{organisation_id, std::nullopt}; }
  // "第2・第4水曜 13:00–16:00", or nullopt without a regular schedule.
  std::optional<std::string> schedule_label() const;
};
void to_json(nlohmann::json& j, const Group& g);

std::optional<Group> find_group(store::Connection& db, const std::string& id);
// The actor's organisation's groups, active first, then by name.
std::vector<Group> groups_of_organisation(store::Connection& db, const std::string& organisation_id);
// Body: {kind, audience, name, description?, area_id?, venue?, online?,
// schedule?: {weekdays: [0..6], weeks?: [1..5], starts, ends} | null,
// schedule_note?, capacity?, cost, cost_note?, registration_required?,
// gender?, public_listing?, series_total?, series_required?, resource_id?,
// municipalities?: [{area_id, agreement_note?}], active? (update)}.
// Throws 400 validation_failed (nothing written).
Group create_group(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Fields left out keep their value. Throws 400 validation_failed, 412
// version_conflict (with "current").
Group update_group(store::Connection& db, const Actor& actor, const Group& g, std::int64_t expected_version,
                   const nlohmann::json& body);

// --- sessions (group_sessions.cc) ---
struct GroupSession {
  std::string id, group_id, organisation_id, held_on;
  std::optional<std::string> starts, ends;
  std::string state;
  std::optional<std::string> cancel_reason, room, note, title;
  std::optional<std::int64_t> series_number;
  std::vector<std::string> staff;  // user ids on duty
  std::int64_t version = 0;
  std::string created_at, updated_at;
  // Counts kept beside the record for lists: registered present, anonymous.
  std::int64_t present = 0, anonymous = 0;

  Target target() const { return Target{organisation_id, std::nullopt}; }
};
void to_json(nlohmann::json& j, const GroupSession& s);

std::optional<GroupSession> find_session(store::Connection& db, const std::string& id);
// Sessions of a group between two days (both included; "" leaves an end
// open), oldest first, at most 1,000.
std::vector<GroupSession> sessions_of_group(store::Connection& db, const std::string& group_id,
                                            const std::string& from, const std::string& to);
// One session, by hand: {held_on, starts?, ends?, room?, title?,
// series_number?, note?}. Throws 400 validation_failed.
GroupSession create_session(store::Connection& db, const Actor& actor, const Group& g, const nlohmann::json& body);
// Sessions 予定 on every day of the group's schedule in {from, to} (at most
// 366 days) that has no session yet; series groups number them on from the
// last numbered one, up to series_total. Returns those created. Throws 400
// validation_failed (no schedule, bad range).
std::vector<GroupSession> generate_sessions(store::Connection& db, const Actor& actor, const Group& g,
                                            const nlohmann::json& body);
// Edits one session: {state?, cancel_reason?, held_on?, starts?, ends?,
// room?, note?, title?, series_number?, staff?: [user ids]}. A state change
// follows domain::session_state_machine(); 中止 needs a reason; 実施 → 予定
// and 予定 → 中止 only while no attendance is kept. Throws 400
// validation_failed, 409 invalid_transition, 409 session_has_attendance,
// 412 version_conflict (with "current").
GroupSession update_session(store::Connection& db, const Actor& actor, const GroupSession& s,
                            std::int64_t expected_version, const nlohmann::json& body);

// --- participants and attendance (group_attendance.cc) ---
struct GroupParticipant {
  std::string id, group_id, organisation_id;
  std::optional<std::string> case_id, case_title, case_stage, nickname;
  std::string side;
  std::optional<std::string> age_band, sex, municipality_area_id, municipality_name;
  std::string joined_on;
  std::optional<std::string> left_on, left_note;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  Target target() const { return Target{organisation_id, std::nullopt}; }
  // What the door calls them: the 呼び名, else the linked case's title.
  std::string display_name() const;
  // The participant as `viewer` may see them. 居場所スタッフ see nicknames,
  // not case records (PRODUCT.md): for them the link to a case — its id,
  // title (which often holds a surname) and stage — is left out, and a
  // participant without a 呼び名 is 「（呼び名なし）」. Every answer that
  // carries a participant goes through here.
  GroupParticipant as_seen_by(const Actor& viewer) const;
};
// Whether `actor` may see and make a participant's link to a case.
bool sees_case_links(const Actor& actor);
void to_json(nlohmann::json& j, const GroupParticipant& p);

std::optional<GroupParticipant> find_participant(store::Connection& db, const std::string& id);
// Every participant of the group, current ones first (audited as a read).
std::vector<GroupParticipant> participants_of_group(store::Connection& db, const Actor& actor, const Group& g);
// Body: {case_id?, nickname?, side, age_band?, sex?, municipality_area_id?,
// joined_on?}. A case must be one of the group's organisation; a nickname
// or a case is needed. Throws 400 validation_failed.
GroupParticipant create_participant(store::Connection& db, const Actor& actor, const Group& g,
                                    const nlohmann::json& body);
// Edits or ends the link ({left_on, left_note?}): past attendance stays and
// keeps counting. Throws 400 validation_failed, 412 version_conflict.
GroupParticipant update_participant(store::Connection& db, const Actor& actor, const GroupParticipant& p,
                                    std::int64_t expected_version, const nlohmann::json& body);
// Cases of the organisation a participant may be linked to: id, title and
// stage only, optionally filtered by `q` in the title (audited).
nlohmann::json linkable_cases(store::Connection& db, const Actor& actor, const Group& g, const std::string& q);

// The check-in view of one session: the session, the group, every
// participant expected at it (joined by then, not left before) with their
// answer or null, the anonymous headcounts, and each registered
// participant's series progress. Audited as a read.
nlohmann::json session_checkin(store::Connection& db, const Actor& actor, const Group& g, const GroupSession& s);
// Replaces the session's attendance and headcounts: {attendance:
// [{participant_id, status}], headcounts: [{side, visit, count}]}. A 予定
// session becomes 実施. Throws 400 validation_failed (unknown or
// unexpected participant, count below zero …), 409 session_cancelled,
// 409 session_in_future, 412 version_conflict. Nothing is written on error.
GroupSession record_attendance(store::Connection& db, const Actor& actor, const GroupSession& s,
                               std::int64_t expected_version, const nlohmann::json& body);
// Series completion of every participant of a series group.
nlohmann::json series_completion(store::Connection& db, const Actor& actor, const Group& g);

// Timeline entries (kind "group") of a case: attendance of participants
// linked to the case itself, and — for a case that referred 本人 to another
// organisation on 本人同意 that still holds — attendance at that
// organisation's groups of the participant linked to the receiver's case
// (without nickname or group notes). In the shape of case_timeline entries.
std::vector<nlohmann::json> group_timeline_items(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
