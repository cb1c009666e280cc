#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/consents.h"
#include "service/problem.h"

namespace tsunagu::http {

void add_consent_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/consents",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return Response::json({{"items", service::list_consents(ctx.db, c.id)}, {"next_cursor", nullptr}});
             },
         .summary = "本人同意の記録の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/consents",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return versioned(service::create_consent(ctx.db, ctx.actor(), c, ctx.body()), 201);
             },
         .summary = "本人同意の記録"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/consents/:consent_id/withdraw",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto consent = service::find_consent(ctx.db, ctx.param("consent_id"));
               if (!consent || consent->case_id != c.id) throw service::not_found();
               return versioned(
                   service::withdraw_consent(ctx.db, ctx.actor(), *consent, ctx.expected_version(), ctx.body()));
             },
         .summary = "本人同意の撤回"});
}

}  // namespace tsunagu::http
