// Anonymous consultation, the staff side (issue 19): the inbox of the
// answering organisation. Coordinators and supervisors of that
// organisation read threads (every read audited), reply (the person reads
// it), write internal notes (the person never sees them), assign a staff
// member, close and reopen, and keep reply templates. A thread stays
// anonymous: nothing here asks for or shows who the person is. An urgent
// thread (domain::speaks_of_danger) shows the organisation's crisis
// protocol to whoever opens it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/permission.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

// Coordinators and supervisors of the answering organisation.
Policy consultation_inbox_policy();

struct ConsultationThread {
  std::string id, organisation_id, writer, state;
  std::optional<std::string> nickname, municipality_id, municipality_name, assigned_to, assigned_name, closed_at;
  std::optional<std::string> details_at, case_id;  // the person told who they are; the case opened from it
  bool urgent = false;
  std::int64_t person_messages = 0, version = 0;
  std::string last_message_at, last_person_message_at, created_at;

  // "A3F9-K2" — how staff name a thread to each other (from its id).
  std::string reference() const;
};
void to_json(nlohmann::json& j, const ConsultationThread& t);

std::optional<ConsultationThread> find_consultation_thread(store::Connection& db, const std::string& id);
// The organisation's threads, urgent first, then the longest waiting
// (the person's last message oldest first); `state` filters.
std::vector<ConsultationThread> consultation_threads(store::Connection& db, const std::string& organisation_id,
                                                     const std::optional<std::string>& state);
// Threads per state, for the tabs and the count in the navigation.
std::map<std::string, std::int64_t> consultation_state_counts(store::Connection& db,
                                                              const std::string& organisation_id);

// The whole thread for staff: every message (notes too, with the staff
// member's name), the crisis protocol when it is urgent, what the person
// chose to tell about themselves (unsealed with `key`), the states it may
// move to, who may be assigned and the organisation's reply templates.
nlohmann::json consultation_for_staff(store::Connection& db, const SealKey& key, const ConsultationThread& t);

// Opens a case of the organisation from a thread whose person chose to give
// details: the case (相談経路 from who wrote; 本人の認知 知っている when 本人
// wrote, else 不明) named by `title` (or after the thread), linked to the
// thread. The details stay on the thread for staff to take into the
// case's persons. Throws 409 details_not_given, 409 case_already_opened.
std::string open_case_from_thread(store::Connection& db, const SealKey& key, const Actor& actor,
                                  const ConsultationThread& t, const nlohmann::json& body);

// Body: {kind: "reply" | "note", body}. A reply moves 新着/対応中 to
// 返信待ち. Throws 400 validation_failed, 409 consultation_closed (a reply
// to a closed thread: reopen it first).
void add_staff_message(store::Connection& db, const Actor& actor, const ConsultationThread& t,
                       const nlohmann::json& body);

// Body: {state?, assigned_to? (a user id of the organisation, or null)}.
// Throws 400 validation_failed / invalid_transition, 412 version_conflict.
ConsultationThread update_consultation_thread(store::Connection& db, const Actor& actor, const ConsultationThread& t,
                                              std::int64_t expected_version, const nlohmann::json& body);

// Reply templates of an organisation.
nlohmann::json consultation_templates(store::Connection& db, const std::string& organisation_id);
// Body: {title, body}. Throws 400 validation_failed.
nlohmann::json create_consultation_template(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found (also for another organisation's template).
void delete_consultation_template(store::Connection& db, const Actor& actor, const std::string& id);

}  // namespace tsunagu::service
