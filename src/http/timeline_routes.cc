#include "http/case_guard.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/timeline.h"

namespace tsunagu::http {

void add_timeline_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/timeline",
         .policy = service::emergency_readable(service::case_work_policy()),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto j = service::case_timeline(ctx.db, c.id, ctx.req.query);
               service::audit(ctx.db, ctx.actor(), {"read", "case", c.id, "timeline"});
               return Response::json(j);
             },
         .audits_reads = true,
         .summary = "ケースのタイムライン（相談・アセスメント・計画・段階・状況を新しい順に、kinds で絞り込み）"});
}

}  // namespace tsunagu::http
