#include "http/case_guard.h"
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
               auto filter = case_filter(ctx);
               if (!filter.q) throw service::invalid({{"q", "検索語を入力してください。"}});
               return Response::json(service::list_cases(ctx.db, ctx.actor(), filter));
             },
         .audits_reads = true,
         .summary = "氏名・ふりがな・記録の本文でケースを検索（1文字から）"});
}

}  // namespace tsunagu::http
