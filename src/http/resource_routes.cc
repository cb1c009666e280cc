#include "http/etag.h"
#include "http/routes.h"
#include "service/problem.h"
#include "service/resources.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

namespace {

// A directory is shared knowledge: every coordinator and supervisor reads it.
service::Policy read_policy() {
  return service::policy({{Role::admin, Reach::all}, {Role::coordinator, Reach::all}, {Role::supervisor, Reach::all}});
}
// An entry is kept by the organisation that registered it, or by an admin.
service::Policy write_policy() {
  return service::policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}});
}

// A 相談員 may propose an entry; its supervisor sees the proposals.
service::Policy proposal_policy() {
  return service::policy({{Role::coordinator, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}});
}

}  // namespace

void add_resource_routes(Router& r) {
  r.add({.method = "POST",
         .pattern = "/api/v1/resource-proposals",
         .policy = proposal_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::propose_resource(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "社会資源の提案（所長・主任相談員が確認して掲載する）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/resource-proposals",
         .policy = proposal_policy(),
         .handler =
             [](RouteContext& ctx) {
               return Response::json({{"items", service::resource_proposals(ctx.db, ctx.actor().organisation_id)}});
             },
         .summary = "確認を待っている社会資源の提案"});
  r.add({.method = "POST",
         .pattern = "/api/v1/resources/:id/confirm",
         .policy = write_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto res = service::find_resource(ctx.db, ctx.param("id"));
               if (!res) throw service::not_found();
               ctx.require({res->organisation_id, std::nullopt}, "resource", res->id);
               return versioned(service::confirm_resource(ctx.db, ctx.actor(), *res, ctx.expected_version()));
             },
         .summary = "提案された社会資源を確認して掲載する"});
  r.add({.method = "GET",
         .pattern = "/api/v1/resources",
         .policy = read_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto q = service::resource_query_from(ctx.req.query);
               return Response::json({{"items", service::search_resources(ctx.db, q)}, {"next_cursor", nullptr}});
             },
         .summary = "社会資源の検索"});
  r.add({.method = "GET",
         .pattern = "/api/v1/resources/:id",
         .policy = read_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto res = service::find_resource(ctx.db, ctx.param("id"));
               if (!res) throw service::not_found();
               ctx.require({res->organisation_id, std::nullopt}, "resource", res->id);
               return versioned(*res);
             },
         .summary = "社会資源の詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/resources",
         .policy = write_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_resource(ctx.db, ctx.actor(), ctx.reach(), ctx.body()), 201);
             },
         .summary = "社会資源の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/resources/:id",
         .policy = write_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto res = service::find_resource(ctx.db, ctx.param("id"));
               if (!res) throw service::not_found();
               ctx.require({res->organisation_id, std::nullopt}, "resource", res->id);
               return versioned(
                   service::update_resource(ctx.db, ctx.actor(), res->id, ctx.expected_version(), ctx.body()));
             },
         .summary = "社会資源の更新"});
}

}  // namespace tsunagu::http
