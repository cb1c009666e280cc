#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/contacts.h"
#include "service/input.h"

namespace tsunagu::http {

void add_contact_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/contacts",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               std::optional<std::string> case_id;
               if (auto id = ctx.req.query_or("case_id"); !id.empty()) case_id = require_case(ctx, id).id;
               return Response::json(service::list_contacts(ctx.db, ctx.actor(), case_id, ctx.req.query));
             },
         .audits_reads = true,
         .summary = "相談・支援記録の一覧（新しい順、case_id で絞り込み）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/contacts",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               return Response::json(service::list_contacts(ctx.db, ctx.actor(), ref.id, ctx.req.query));
             },
         .audits_reads = true,
         .summary = "ケースの相談・支援記録（新しい順）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/contacts/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(require_record(ctx, "contact", service::find_contact(ctx.db, ctx.param("id"))));
             },
         .audits_reads = true,
         .summary = "相談・支援記録の詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/contacts",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               return versioned(service::create_contact(ctx.db, ctx.actor(), ref.id, ctx.body()), 201);
             },
         .summary = "相談・支援記録の登録"});
  r.add({.method = "POST",
         .pattern = "/api/v1/contacts",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::Input in(ctx.body());
               auto case_id = in.opt_text("case_id", "ケース", {.required = true, .max = 64});
               in.check();
               auto ref = require_case(ctx, *case_id);
               return versioned(service::create_contact(ctx.db, ctx.actor(), ref.id, ctx.body()), 201);
             },
         .summary = "相談・支援記録の登録（case_id を本文で指定）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/contacts/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_record(ctx, "contact", service::find_contact(ctx.db, ctx.param("id")));
               return versioned(
                   service::update_contact(ctx.db, ctx.actor(), c.id, ctx.expected_version(), ctx.body()));
             },
         .summary = "相談・支援記録の更新"});
}

}  // namespace tsunagu::http
