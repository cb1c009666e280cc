#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/problem.h"
#include "service/users.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_user_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/users",
         // Coordinators need their colleagues' names to assign a case's staff.
         .policy = service::policy({{Role::admin, Reach::all},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::coordinator, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto items = service::list_users(ctx.db, ctx.actor(), ctx.reach());
               // Staff records are personal data too (names, roles, sign-in names).
               service::audit(ctx.db, ctx.actor(), {"read", "user", "", "list"});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "利用者の一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/users/:id",
         .policy = service::policy({{Role::admin, Reach::all},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::coordinator, Reach::self},
                                    {Role::ibasho_staff, Reach::self},
                                    {Role::supporter, Reach::self},
                                    {Role::surveyor, Reach::self},
                                    {Role::analyst, Reach::self}}),
         .handler =
             [](RouteContext& ctx) {
               auto u = service::find_user(ctx.db, ctx.param("id"));
               if (!u) throw service::not_found();
               ctx.require({u->organisation_id, u->id}, "user", u->id);
               service::audit(ctx.db, ctx.actor(), {"read", "user", u->id, ""});
               return versioned(*u);
             },
         .audits_reads = true,
         .summary = "利用者の詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/users",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) { return versioned(service::create_user(ctx.db, ctx.actor(), ctx.body()), 201); },
         .summary = "利用者の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/users/:id",
         .policy = service::policy({{Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               return versioned(
                   service::update_user(ctx.db, ctx.actor(), ctx.param("id"), ctx.expected_version(), ctx.body()));
             },
         .summary = "利用者の更新"});
}

}  // namespace tsunagu::http
