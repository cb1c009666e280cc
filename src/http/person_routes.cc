#include "http/etag.h"
#include "http/case_guard.h"
#include "http/routes.h"
#include "service/query_input.h"
#include "service/audit.h"
#include "service/case_ref.h"
#include "service/persons.h"
#include "service/problem.h"

namespace tsunagu::http {

void add_person_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/persons",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::QueryInput in(ctx.req.query);
               auto [limit, cursor] = in.page(100, 200);
               in.check();
               auto people = service::list_persons(ctx.db, ctx.config.seal_key, ctx.actor().organisation_id, cursor,
                                                   limit + 1);
               nlohmann::json next = nullptr;
               if (static_cast<std::int64_t>(people.size()) > limit) {
                 people.pop_back();
                 next = people.back().id;
               }
               service::audit(ctx.db, ctx.actor(), {"read", "person", "", "list"});
               return Response::json({{"items", people}, {"next_cursor", next}});
             },
         .audits_reads = true,
         .summary = "本人・家族の一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/persons/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(
                   require_record(ctx, "person", service::find_person(ctx.db, ctx.config.seal_key, ctx.param("id"))));
             },
         .audits_reads = true,
         .summary = "本人・家族の詳細（連絡先を含む）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/persons",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_person(ctx.db, ctx.config.seal_key, ctx.actor(), ctx.body()), 201);
             },
         .summary = "本人・家族の登録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/persons/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto p = require_record(ctx, "person", service::find_person(ctx.db, ctx.config.seal_key, ctx.param("id")));
               return versioned(service::update_person(ctx.db, ctx.config.seal_key, ctx.actor(), p.id,
                                                       ctx.expected_version(), ctx.body()));
             },
         .summary = "本人・家族の更新"});
}

}  // namespace tsunagu::http
