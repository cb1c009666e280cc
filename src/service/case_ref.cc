#include "service/case_ref.h"

#include "service/permission.h"

namespace tsunagu::service {

std::optional<CaseRef> find_case_ref(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one(
      "SELECT id, organisation_id, status, stage_model, version, "
      "EXISTS (SELECT 1 FROM emergency_accesses e WHERE e.case_id = cases.id), detail_rev FROM cases WHERE id = ?",
      {case_id});
  if (!r) return std::nullopt;
  return CaseRef{r->text(0), r->text(1), r->text(2), r->text(3), r->integer(4), r->integer(5) != 0, r->integer(6)};
}

Policy case_work_policy() {
  return policy({{domain::Role::coordinator, Reach::own_organisation},
                 {domain::Role::supervisor, Reach::own_organisation}});
}

}  // namespace tsunagu::service
