#include "http/routes.h"
#include "service/case_ref.h"
#include "service/cases.h"
#include "service/problem.h"

namespace tsunagu::http {

void add_search_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/search",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto filter = service::read_case_filter(ctx.req.query);
               if (!filter.q) throw service::invalid({{"q", "検索語を入力してください。"}});
               filter.search_join_limit = ctx.config.search_join_limit;
               return Response::json(service::list_cases(ctx.db, ctx.actor(), filter));
             },
         .audits_reads = true,
         .summary = "氏名・ふりがな・記録の本文でケースを検索（1文字から）"});
}

}  // namespace tsunagu::http
