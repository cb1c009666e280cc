#include "http/case_guard.h"
#include "http/dispatcher.h"
#include "http/routes.h"
#include "service/emergency_access.h"
#include "service/emergency_lookup.h"

namespace tsunagu::http {

void add_emergency_access_routes(Router& r) {
  // Breaking the glass is for supervisors only (PRODUCT.md: 所長・主任相談員),
  // and it reaches every case of the deployment: that is what it is for.
  // What it opens is read-only (policies marked emergency_readable).
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/emergency-access",
         .policy = service::policy({{domain::Role::supervisor, service::Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return Response::json(service::grant_emergency_access(ctx.db, ctx.actor(), c, ctx.body(),
                                                                     ctx.config.emergency_access_seconds),
                                     201);
             },
         .summary = "緊急アクセス（他組織のケースを理由を記して一定時間だけ閲覧する。所属組織に通知）"});
  // The same, naming the case as the owning organisation tells it:
  // its number or its whole title (service::find_case_for_emergency).
  r.add({.method = "POST",
         .pattern = "/api/v1/emergency-access",
         .policy = service::policy({{domain::Role::supervisor, service::Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               auto found = service::find_case_for_emergency(ctx.db, ctx.actor(), ctx.body());
               if (found.refusal) return problem_response(*found.refusal);
               auto c = require_case(ctx, found.case_id);
               return Response::json(service::grant_emergency_access(ctx.db, ctx.actor(), c, ctx.body(),
                                                                     ctx.config.emergency_access_seconds),
                                     201);
             },
         .summary = "緊急アクセス（組織とケース番号またはケース名でケースを指定する）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/emergency-access",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return Response::json(service::list_emergency_access(ctx.db, ctx.actor())); },
         .audits_reads = true,
         .summary = "緊急アクセスの通知（自組織のケースへのアクセス）と、自分が受けた緊急アクセス"});
}

}  // namespace tsunagu::http
