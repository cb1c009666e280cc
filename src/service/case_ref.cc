#include "service/case_ref.h"

#include "service/permission.h"

namespace tsunagu::service {

std::optional<CaseRef> find_case_ref(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one("SELECT " TSUNAGU_CASE_REF_COLUMNS " FROM cases c WHERE c.id = ?", {case_id});
  if (!r) return std::nullopt;
  return case_ref_from(*r, 0);
}

std::optional<CaseRef> case_ref_from(const store::Row& row, std::size_t first) {
  if (row.is_null(first)) return std::nullopt;
  store::Cells c(row, first);
  CaseRef ref;
  ref.id = c.text();
  ref.organisation_id = c.text();
  ref.status = c.text();
  ref.stage_model = c.text();
  ref.version = c.integer();
  ref.has_emergency_accesses = c.integer() != 0;
  ref.detail_rev = c.integer();
  return ref;
}

Policy case_work_policy() {
  return policy({{domain::Role::coordinator, Reach::own_organisation},
                 {domain::Role::supervisor, Reach::own_organisation}});
}

}  // namespace tsunagu::service
