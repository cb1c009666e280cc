// The least a use case needs to know about a case before touching anything
// that hangs from it (contacts, assessments, plans, stages, timeline):
// that it exists and which organisation owns it. Pair it with
// RouteContext::require so that the permission check is never skipped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

struct CaseRef {
  std::string id, organisation_id, status, stage_model;
  std::int64_t version = 0;
  // Whether any emergency access was ever granted on the case: almost never,
  // and when not, the case detail skips listing them (a six-table query
  // opens all its tables even when it finds nothing).
  bool has_emergency_accesses = false;
  // Raised by the database on every change the case detail shows; the key
  // of the detail cache (service/case_detail_cache.h).
  std::int64_t detail_rev = 0;
  bool operator==(const CaseRef&) const = default;
};

std::optional<CaseRef> find_case_ref(store::Connection& db, const std::string& case_id);

// The columns of a CaseRef, from `cases` aliased c, and the ref read from
// them starting at column `first` (none when c.id is NULL: a LEFT JOIN that
// found no case). find_case_ref reads these, and so does the session lookup
// that brings the case along (service/sessions.h): one list for both.
#define TSUNAGU_CASE_REF_COLUMNS                                     \
  "c.id, c.organisation_id, c.status, c.stage_model, c.version, " \
  "EXISTS (SELECT 1 FROM emergency_accesses e WHERE e.case_id = c.id), c.detail_rev"
std::optional<CaseRef> case_ref_from(const store::Row& row, std::size_t first);

// A case read ahead of its route's handler, together with the session, for
// a GET under /api/v1/cases/:id: the id asked for and what was found. On
// PostgreSQL that is one round trip instead of two for every such read
// (http/case_guard.h takes it). Writes still read the case inside their
// own transaction.
struct CaseLookup {
  std::string case_id;
  std::optional<CaseRef> ref;
  bool operator==(const CaseLookup&) const = default;
};

// Policy shared by every case-work route: coordinators and supervisors
// reach the cases of their own organisation; other roles none (PRODUCT.md:
// ibasho staff, supporters, surveyors, analysts and admins see no case
// records).
Policy case_work_policy();

}  // namespace tsunagu::service
