#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/plans.h"

namespace tsunagu::http {
namespace {


std::string case_id_from(const nlohmann::json& body, const std::string& where) {
  if (body.contains("case_id") && body["case_id"].is_string() && !body["case_id"].get<std::string>().empty())
    return body["case_id"].get<std::string>();
  throw service::invalid({{"case_id", "どのケースの計画かを " + where + " の case_id で指定してください。"}});
}

Response list(RouteContext& ctx, const service::CaseRef& c) {
  nlohmann::json j = {{"items", service::list_plans(ctx.db, c.id)}, {"next_cursor", nullptr}};
  service::audit(ctx.db, ctx.actor(), {"read", "case", c.id, "plans"});
  return Response::json(j);
}

Response create(RouteContext& ctx, const service::CaseRef& c) {
  return versioned(service::create_plan(ctx.db, ctx.actor(), c.id, c.organisation_id, ctx.body()), 201);
}

}  // namespace

void add_plan_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/plans",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return list(ctx, require_case(ctx, ctx.param("id"))); },
         .audits_reads = true,
         .summary = "ケースの支援計画（目標と歩みの記録つき、新しい順）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/plans",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return create(ctx, require_case(ctx, ctx.param("id"))); },
         .summary = "支援計画の作成（三つの自立の軸の目標を本人の言葉で）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/plans",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               nlohmann::json q = {{"case_id", ctx.req.query_or("case_id")}};
               return list(ctx, require_case(ctx, case_id_from(q, "クエリ")));
             },
         .audits_reads = true,
         .summary = "支援計画の一覧（case_id で指定したケース）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/plans",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return create(ctx, require_case(ctx, case_id_from(ctx.body(), "本文"))); },
         .summary = "支援計画の作成（本文の case_id のケースに）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/plans/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(require_record(ctx, "plan", service::find_plan(ctx.db, ctx.param("id"))));
             },
         .audits_reads = true,
         .summary = "支援計画の詳細"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/plans/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto p = require_record(ctx, "plan", service::find_plan(ctx.db, ctx.param("id")));
               return versioned(service::update_plan(ctx.db, ctx.actor(), p.id,
                                                     ctx.expected_version(), ctx.body()));
             },
         .summary = "支援計画の見直し（If-Match で版を指定、外した目標は終了として残る）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/plans/:id/goals/:goal_id/progress",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto p = require_record(ctx, "plan", service::find_plan(ctx.db, ctx.param("id")));
               return Response::json(service::record_progress(ctx.db, ctx.actor(), p.id,
                                                              ctx.param("goal_id"), ctx.body()),
                                     201);
             },
         .summary = "目標の歩みの記録（前進・変化なし・一時的に戻る、どれもふつうの動き）"});
}

}  // namespace tsunagu::http
