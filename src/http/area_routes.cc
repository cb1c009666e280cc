#include "http/etag.h"
#include "http/routes.h"
#include "service/areas.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_area_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/areas",
         .policy = service::any_signed_in(Reach::all),
         .handler = [](RouteContext& ctx) { return Response::json({{"items", service::list_areas(ctx.db)}}); },
         .summary = "地域の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/areas",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_area(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "地域の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/areas/:id",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               return versioned(
                   service::update_area(ctx.db, ctx.actor(), ctx.param("id"), ctx.expected_version(), ctx.body()));
             },
         .summary = "地域の更新"});
}

}  // namespace tsunagu::http
