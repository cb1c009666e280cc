#include "http/case_guard.h"
#include "http/routes.h"
#include "service/matching.h"

namespace tsunagu::http {

void add_matching_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/matches",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return Response::json(service::case_matches(ctx.db, ctx.actor(), c, ctx.req.query));
             },
         .audits_reads = true,
         .summary = "つなぎ先の候補（興味関心・できること・年齢・性別・オンライン・費用・地域から順位と理由。提案のみで送信しない）"});
}

}  // namespace tsunagu::http
