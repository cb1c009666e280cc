#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/case_detail_cache.h"
#include "service/case_persons.h"
#include "service/cases.h"
#include "service/emergency_access.h"

namespace tsunagu::http {

void add_case_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return Response::json(service::list_cases(ctx.db, ctx.actor(), case_filter(ctx)));
             },
         .audits_reads = true,
         .summary = "ケースの一覧（状況・担当者で絞り込み、q で検索）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id",
         .policy = service::emergency_readable(service::case_work_policy()),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               auto detail = service::case_detail_text(ctx.db, ctx.config.seal_key, ctx.config.case_details.get(),
                                                       ref, service::emergency_accesses_of_case(ctx.db, ctx.actor(), ref));
               service::audit(ctx.db, ctx.actor(), {"read", "case", ref.id, ""});
               return versioned_text(std::move(detail.json), detail.version);
             },
         .audits_reads = true,
         .summary = "ケースの詳細"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_case(ctx.db, ctx.config.seal_key, ctx.actor(), ctx.body()), 201);
             },
         .summary = "ケースの受付（本人・来談者・世帯を同時に登録できる）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/cases/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               return versioned(service::update_case(ctx.db, ctx.config.seal_key, ctx.actor(), ref.id,
                                                     ctx.expected_version(), ctx.body()));
             },
         .summary = "ケースの更新"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/status",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               return versioned(service::change_case_status(ctx.db, ctx.config.seal_key, ctx.actor(), ref.id,
                                                            ctx.expected_version(), ctx.body()));
             },
         .summary = "ケースの状況の変更（終結・中断・再開は理由つき）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/persons",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_case(ctx, ctx.param("id"));
               return versioned(service::add_case_person(ctx.db, ctx.config.seal_key, ctx.actor(), ref.id,
                                                         ctx.expected_version(), ctx.body()));
             },
         .summary = "ケースに本人・家族を加える（家族だけのケースにあとから本人を登録する）"});
}

}  // namespace tsunagu::http
