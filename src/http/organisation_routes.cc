#include "http/etag.h"
#include "http/routes.h"
#include "service/organisations.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_organisation_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/organisations",
         .policy = service::any_signed_in(Reach::all),
         .handler =
             [](RouteContext& ctx) { return Response::json({{"items", service::list_organisations(ctx.db)}}); },
         .summary = "組織の一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/organisations/:id",
         .policy = service::any_signed_in(Reach::all),
         .handler =
             [](RouteContext& ctx) {
               auto o = service::find_organisation(ctx.db, ctx.param("id"));
               if (!o) throw service::not_found();
               ctx.require({o->id, std::nullopt}, "organisation", o->id);
               return versioned(*o);
             },
         .summary = "組織の詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/organisations",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_organisation(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "組織の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::update_organisation(ctx.db, ctx.actor(), ctx.param("id"),
                                                             ctx.expected_version(), ctx.body()));
             },
         .summary = "組織の更新"});
}

}  // namespace tsunagu::http
