// Support cases (支援ケース): one 本人 — possibly still unknown or never met —
// and the household, the owning organisation, assigned staff, status with
// its history (domain/case_status.h), how the case came in, 来談者と本人との
// 関係, whether 本人 knows about the consultation, and complex needs.
//
// A case that starts from a family member's call works fully before 本人 is
// ever met (PRODUCT.md principle 2): intake may create the caller and an
// unknown 本人 as persons in one household, all in the request's one
// transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_list_order.h"
#include "service/case_search.h"
#include "service/households.h"
#include "service/persons.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct CaseStaff {
  std::string id, display_name;
};
// 本人 as lists show them.
struct CaseSubject {
  std::string id, display_name;
  std::optional<std::string> furigana;
};

// The case as lists show it: fields, subject's display name, staff, whether
// 本人 has been met (any contact with subject_met), last contact.
struct CaseSummary {
  std::string id, organisation_id, title, status, intake_route;
  std::optional<std::string> number;  // ケース番号 "2026-0012" (domain/case_number.h)
  std::optional<std::string> caller_relation;
  std::string subject_awareness;
  std::vector<std::string> needs;  // in the order of domain::kComplexNeed
  std::string stage_model;
  std::optional<std::string> current_stage;
  std::string opened_on;
  std::optional<std::string> closed_on;
  // When its names and free text were removed (service/anonymisation.h).
  std::optional<std::string> anonymised_at;
  std::int64_t version = 1;
  std::string created_at, updated_at;
  std::optional<std::string> subject_person_id;
  std::optional<CaseSubject> subject;
  std::optional<std::string> household_id;
  bool subject_met = false;
  std::optional<std::string> last_contact_at;
  std::int64_t contact_count = 0;
  std::vector<CaseStaff> staff;
};
// By value: a summary turned into JSON once (a list page) is moved in, not
// copied field by field.
void to_json(nlohmann::json& j, CaseSummary c);

struct CaseStatusChange {
  std::string id;
  std::optional<std::string> from;
  std::string to;
  std::optional<std::string> reason;
  std::string on, user_id;
  std::optional<std::string> user_name;
  std::string recorded_at;
};

struct CaseMove {
  std::string to;
  bool needs_reason = false;
};

// The summary with, in place of its subject, the subject person (with
// unsealed contact details); the household, the status history and the
// status moves allowed from here.
struct CaseDetail {
  CaseSummary summary;
  std::optional<Person> subject;
  std::optional<Household> household;
  std::vector<CaseStatusChange> status_history;
  std::vector<CaseMove> allowed_moves;
};
void to_json(nlohmann::json& j, const CaseDetail& d);

std::optional<CaseSummary> case_summary(store::Connection& db, const std::string& id);
// Throws 404 not_found when there is no such case.
CaseDetail case_detail(store::Connection& db, const SealKey& key, const std::string& id);

struct CaseFilter {
  std::optional<std::string> status;    // one of the case statuses
  std::optional<std::string> staff_id;  // assigned staff member
  std::optional<std::string> stage;     // current stage
  std::optional<std::string> last_contact_before;  // date: no contact on or after it
  std::optional<std::string> q;         // search text (service/search_index.h), a title or a case number
  CaseOrder order;
  std::optional<CaseCursor> cursor;     // where the previous page ended
  std::int64_t limit = 50;
  // How a search finds its cases (service/case_search.h); set by the server.
  std::int64_t search_join_limit = kDefaultSearchJoinLimit;
};
// Reads and validates the filter from query parameters. Throws 400
// validation_failed on unknown values and malformed paging.
CaseFilter read_case_filter(const std::map<std::string, std::string>& query);
// Cases of the actor's organisation, most recently updated first:
// {items, next_cursor}. With q, only cases whose persons' names/furigana or
// contact notes match, each with `matched` (["person", "contact"]).
nlohmann::json list_cases(store::Connection& db, const Actor& actor, const CaseFilter& filter);

// Throws 400 validation_failed (field errors; a new subject's or caller's
// as subject.*, caller.*).
CaseDetail create_case(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
CaseDetail update_case(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& id,
                       std::int64_t expected_version, const nlohmann::json& body);
// {to, reason, on}: one move of the status machine, recorded in
// case_status_changes. Closing (終結/中断) sets closed_on; reopening clears it.
// Throws 404 not_found, 412 version_conflict (with "current"), 400
// validation_failed (also for a move the status machine refuses, or one
// without its required reason).
CaseDetail change_case_status(store::Connection& db, const SealKey& key, const Actor& actor,
                              const std::string& id, std::int64_t expected_version, const nlohmann::json& body);

// Marks a case as touched (contacts change what lists show).
void touch_case(store::Connection& db, const std::string& id);

}  // namespace tsunagu::service
