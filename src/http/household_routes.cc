#include "http/etag.h"
#include "http/case_guard.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/case_ref.h"
#include "service/households.h"
#include "service/problem.h"

namespace tsunagu::http {

void add_household_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/households",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto items = service::list_households(ctx.db, ctx.actor().organisation_id);
               service::audit(ctx.db, ctx.actor(), {"read", "household", "", "list"});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "世帯の一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/households/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(require_record(ctx, "household", service::find_household(ctx.db, ctx.param("id"))));
             },
         .audits_reads = true,
         .summary = "世帯の詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/households",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_household(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "世帯の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/households/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto h = require_record(ctx, "household", service::find_household(ctx.db, ctx.param("id")));
               return versioned(
                   service::update_household(ctx.db, ctx.actor(), h.id, ctx.expected_version(), ctx.body()));
             },
         .summary = "世帯の更新（世帯員の入れ替えを含む）"});
}

}  // namespace tsunagu::http
