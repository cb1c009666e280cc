#include "http/report_export.h"
#include "http/routes.h"
#include "report/dashboard.h"
#include "report/small_cells.h"
#include "report/staff_load.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_report_dashboard_routes(Router& r) {
  // The charts of one organisation and fiscal year. Contacts by month are
  // record counts (not persons); the caseload follows the staff-load rules:
  // a coordinator's own, a supervisor's whole organisation, an analyst's
  // totals only (small cells hidden).
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/dashboard",
         .policy = service::policy({{Role::coordinator, Reach::own_organisation},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::analyst, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               auto scope = report::read_organisation_year(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({scope.organisation_id, std::nullopt}, "organisation", scope.organisation_id);
               bool aggregate_only = report::sees_suppressed_figures(ctx.actor().role);
               int k = ctx.config.small_cell_k;
               std::map<std::string, std::string> load_query{{"organisation", scope.organisation_id}};
               auto load = report::staff_load(ctx.db, report::read_staff_load_query(ctx.db, load_query, ctx.actor()));
               auto hidden = report::mhlw_row_hidden(ctx.db, scope, aggregate_only ? std::optional<int>(k) : std::nullopt);
               std::vector<report::Table> tables{report::channels_by_month(ctx.db, scope, hidden)};
               auto load_tables = report::staff_load_tables(load, aggregate_only, k);
               for (auto& t : report::mhlw_charts(ctx.db, scope, hidden))
                 tables.push_back(std::move(t));
               tables.push_back(load_tables.front());
               auto j = report::scope_json(scope);
               j["suppressed"] = aggregate_only;
               j["tables"] = tables;
               return report_response(ctx, j, tables, "dashboard-" + std::to_string(scope.fiscal_year));
             },
         .summary = "ダッシュボードの集計（月別・相談方法別の相談件数、年代、つなぎ先、担当ケース数、organisation・fiscal_year・format）"});
}

}  // namespace tsunagu::http
