// Loads a case by id and applies the permission check to it: 404 when it
// does not exist or belongs to an organisation the actor may not reach
// (audited as denied). Every route under a case starts with this.
#pragma once

#include "http/router.h"
#include "service/case_ref.h"
#include "service/problem.h"

namespace tsunagu::http {

inline service::CaseRef require_case(RouteContext& ctx, const std::string& case_id) {
  auto ref = service::find_case_ref(ctx.db, case_id);
  if (!ref) throw service::not_found();
  ctx.require({ref->organisation_id, std::nullopt}, "case", ref->id);
  return *ref;
}

}  // namespace tsunagu::http
