// Loads a case by id and applies the permission check to it: 404 when it
// does not exist or belongs to an organisation the actor may not reach
// (audited as denied). Every route under a case starts with this.
//
// Emergency access is honoured here, once: on a route whose policy is
// emergency_readable (read-only), a supervisor of another organisation with
// a valid grant is let through (service/permission.h decides), and the read
// is audited under the grant. After expiry the same check refuses, and the
// refusal is audited against the expired grant.
#pragma once

#include "http/router.h"
#include "service/case_ref.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/emergency_access.h"
#include "service/problem.h"

namespace tsunagu::http {

// The case list's filter from the query, with the server's search setting:
// the list with q and /search are one search.
inline service::CaseFilter case_filter(RouteContext& ctx) {
  auto filter = service::read_case_filter(ctx.req.query);
  filter.search_join_limit = ctx.config.search_join_limit;
  return filter;
}

inline service::CaseRef require_case(RouteContext& ctx, const std::string& case_id) {
  auto ref = service::find_case_ref(ctx.db, case_id);
  if (!ref) throw service::not_found();
  service::Target target{ref->organisation_id, std::nullopt};
  std::optional<service::EmergencyGrant> grant;
  std::string entity = "case", entity_id = ref->id;
  if (ctx.route().policy.emergency_readable && ctx.signed_in() &&
      ctx.actor().organisation_id != ref->organisation_id) {
    grant = service::valid_emergency_grant(ctx.db, ref->id, ctx.actor().user_id, service::now_utc());
    if (grant) {
      target.emergency_readers.push_back(ctx.actor().user_id);
    } else if (auto expired = service::latest_emergency_grant(ctx.db, ref->id, ctx.actor().user_id)) {
      entity = "emergency_access";
      entity_id = expired->id;
    }
  }
  ctx.require(target, entity, entity_id);
  if (grant) service::record_emergency_read(ctx.db, ctx.actor(), *grant, ctx.req.method + " " + ctx.route().pattern);
  return *ref;
}

}  // namespace tsunagu::http
