#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/organisations.h"
#include "service/stages.h"

namespace tsunagu::http {

void add_stage_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/stage-models",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return Response::json(service::list_stage_models(ctx.db, ctx.actor())); },
         .summary = "段階モデルの一覧（組み込みのモデルと自組織のモデル）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id/stage-model",
         .policy = service::stage_model_choice_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto org = service::find_organisation(ctx.db, ctx.param("id"));
               if (!org) throw service::not_found();
               ctx.require({org->id, std::nullopt}, "organisation", org->id);
               return versioned(service::set_organisation_stage_model(ctx.db, ctx.actor(), org->id,
                                                                      ctx.expected_version(), ctx.body()));
             },
         .summary = "組織が使う段階モデルの選択（If-Match は組織の版）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/stage-changes",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto j = service::list_stage_changes(ctx.db, c.id);
               service::audit(ctx.db, ctx.actor(), {"read", "case", c.id, "stage changes"});
               return versioned(j);
             },
         .audits_reads = true,
         .summary = "ケースの段階の移り変わり（新しい順、ETag はケースの版）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/stage-changes",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return versioned(service::change_stage(ctx.db, ctx.actor(), c, ctx.expected_version(), ctx.body()),
                                201);
             },
         .summary = "段階の変更（前へも戻るも記録する、If-Match はケースの版）"});
}

}  // namespace tsunagu::http
