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
#include "service/audit.h"
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
  auto ref = ctx.case_lookup && ctx.case_lookup->case_id == case_id ? ctx.case_lookup->ref
                                                                   : service::find_case_ref(ctx.db, case_id);
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

// Who owns a record: its id and organisation. Each kind of record that a
// route loads by :id says it here, once (service records and the JSON
// records of assessments and plans alike).
struct RecordOwner {
  std::string id, organisation_id;
};
inline RecordOwner owner_of(const nlohmann::json& j) {
  return {j.at("id").get<std::string>(), j.at("organisation_id").get<std::string>()};
}
template <class Record>
  requires requires(const Record& r) { r.id; r.organisation_id; }
RecordOwner owner_of(const Record& r) {
  return {r.id, r.organisation_id};
}

// A record of an organisation (contact, assessment, plan, person, household
// …) loaded by the route: 404 when it does not exist or is out of the
// actor's reach (the one permission check, audited as denied under
// `entity`), and on a GET declared `audits_reads` the read is recorded.
// Every route that loads one record goes through here.
template <class Record>
Record require_record(RouteContext& ctx, const char* entity, std::optional<Record> found) {
  if (!found) throw service::not_found();
  RecordOwner o = owner_of(*found);
  ctx.require({o.organisation_id, std::nullopt}, entity, o.id);
  if (ctx.req.method == "GET" && ctx.route().audits_reads) service::audit(ctx.db, ctx.actor(), {"read", entity, o.id, ""});
  return std::move(*found);
}

}  // namespace tsunagu::http
