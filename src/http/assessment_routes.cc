#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/assessments.h"
#include "service/audit.h"

namespace tsunagu::http {
namespace {

// Collections outside a case name it in the query (GET) or the body (POST).
std::string case_id_from(const nlohmann::json& body, const std::string& where) {
  if (body.contains("case_id") && body["case_id"].is_string() && !body["case_id"].get<std::string>().empty())
    return body["case_id"].get<std::string>();
  throw service::invalid({{"case_id", "どのケースの記録かを " + where + " の case_id で指定してください。"}});
}

Response list(RouteContext& ctx, const service::CaseRef& c) {
  nlohmann::json j = {{"items", service::list_assessments(ctx.db, c.id)},
                      {"next_cursor", nullptr},
                      {"outing_class_note", service::kOutingClassNote}};
  service::audit(ctx.db, ctx.actor(), {"read", "case", c.id, "assessments"});
  return Response::json(j);
}

Response create(RouteContext& ctx, const service::CaseRef& c) {
  return versioned(service::create_assessment(ctx.db, ctx.actor(), c.id, c.organisation_id, ctx.body()), 201);
}

}  // namespace

void add_assessment_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/assessments",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return list(ctx, require_case(ctx, ctx.param("id"))); },
         .audits_reads = true,
         .summary = "ケースのアセスメントの履歴（新しい順）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/assessments",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return create(ctx, require_case(ctx, ctx.param("id"))); },
         .summary = "アセスメントの記録（外出状況の分類はサーバーが導く・説明のための情報）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/assessments/compare",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto opt = [&](const char* k) -> std::optional<std::string> {
                 auto v = ctx.req.query_or(k);
                 return v.empty() ? std::nullopt : std::optional<std::string>(v);
               };
               auto j = service::compare_assessments(ctx.db, c.id, opt("from"), opt("to"));
               service::audit(ctx.db, ctx.actor(), {"read", "case", c.id, "assessments compare"});
               return Response::json(j);
             },
         .audits_reads = true,
         .summary = "二つのアセスメントの比較（既定は前回と最新）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/assessments",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               nlohmann::json q = {{"case_id", ctx.req.query_or("case_id")}};
               return list(ctx, require_case(ctx, case_id_from(q, "クエリ")));
             },
         .audits_reads = true,
         .summary = "アセスメントの一覧（case_id で指定したケース）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/assessments",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return create(ctx, require_case(ctx, case_id_from(ctx.body(), "本文"))); },
         .summary = "アセスメントの記録（本文の case_id のケースに）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/assessments/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(require_record(ctx, "assessment", service::find_assessment(ctx.db, ctx.param("id"))));
             },
         .audits_reads = true,
         .summary = "アセスメントの詳細"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/assessments/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto a = require_record(ctx, "assessment", service::find_assessment(ctx.db, ctx.param("id")));
               return versioned(service::update_assessment(ctx.db, ctx.actor(), a.id,
                                                           ctx.expected_version(), ctx.body()));
             },
         .summary = "アセスメントの更新（If-Match で版を指定）"});
}

}  // namespace tsunagu::http
