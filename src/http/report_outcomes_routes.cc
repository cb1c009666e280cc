#include "http/report_export.h"
#include "http/routes.h"
#include "report/outcomes.h"
#include "report/small_cells.h"

namespace tsunagu::http {

void add_report_outcomes_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/outcomes",
         .policy = organisation_report_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto scope = report::read_organisation_year(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({scope.organisation_id, std::nullopt}, "organisation", scope.organisation_id);
               auto tables = report::outcome_tables(ctx.db, scope);
               bool suppressed = report::sees_suppressed_figures(ctx.actor().role);
               if (suppressed) {
                 for (auto& t : tables) report::suppress_small_cells(t, ctx.config.small_cell_k);
                 report::hide_derived_cells(tables);
               }
               auto j = report::scope_json(scope);
               j["suppressed"] = suppressed;
               j["tables"] = tables;
               return report_response(ctx, j, tables, "outcomes-" + std::to_string(scope.fiscal_year));
             },
         .summary = "就労に限らない支援の成果（三つの軸・外出状況・段階・本人との出会い・継続、organisation・fiscal_year・format）"});
}

}  // namespace tsunagu::http
