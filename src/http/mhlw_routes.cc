// GET /api/v1/reports/mhlw: the MHLW annual figures (相談件数・相談実人数・
// 関係機関へのつなぎ件数) as JSON, or `format=xlsx` / `format=csv` files
// named in Japanese (「令和7年度_ひきこもり相談実績_みどり県.xlsx」).
#include "domain/fiscal_year.h"
#include "http/report_export.h"
#include "http/routes.h"
#include "service/clock.h"
#include "report/mhlw_report.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

namespace {

Response mhlw(RouteContext& ctx) {
  report_format(ctx);  // before the report is computed: a typo costs nothing
  int today_fy = domain::fiscal_year_of(*domain::parse_iso_date(service::today_tokyo()));
  auto req = report::read_mhlw_request(ctx.req.query, ctx.actor(), today_fy);
  // Another organisation's figures: 404 as for any record out of reach.
  if (!req.organisation_id.empty()) ctx.require({req.organisation_id, std::nullopt}, "organisation", req.organisation_id);
  auto report = report::mhlw_report(ctx.db, ctx.actor(), req, ctx.config.small_cell_k);
  return report_response(ctx, report, report.tables, report.ascii_name, report.file_name);
}

}  // namespace

void add_mhlw_report_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/mhlw",
         .policy = service::policy({{Role::analyst, Reach::all},
                                    {Role::admin, Reach::all},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::coordinator, Reach::own_organisation}}),
         .handler = mhlw,
         .audits_reads = true,
         .summary = "厚生労働省 年次報告の数値（相談件数・相談実人数・つなぎ件数）"});
}

}  // namespace tsunagu::http
