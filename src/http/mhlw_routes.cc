// GET /api/v1/reports/mhlw: the MHLW annual figures (相談件数・相談実人数・
// 関係機関へのつなぎ件数) as JSON, or `format=xlsx` / `format=csv` files
// named in Japanese (「令和7年度_ひきこもり相談実績_みどり県.xlsx」).
#include "domain/fiscal_year.h"
#include "http/content_disposition.h"
#include "http/routes.h"
#include "report/export_csv.h"
#include "report/export_xlsx.h"
#include "service/clock.h"
#include "service/mhlw_report.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

namespace {

Response mhlw(RouteContext& ctx) {
  std::string format = ctx.req.query_or("format", "json");
  if (format != "json" && format != "xlsx" && format != "csv")
    throw service::invalid({{"format", "出力形式 (format) は json・xlsx・csv のいずれかを指定してください。"}});
  int today_fy = domain::fiscal_year_of(*domain::parse_iso_date(service::today_tokyo()));
  auto req = service::read_mhlw_request(ctx.req.query, ctx.actor(), today_fy);
  // Another organisation's figures: 404 as for any record out of reach.
  if (!req.organisation_id.empty()) ctx.require({req.organisation_id, std::nullopt}, "organisation", req.organisation_id);
  auto report = service::mhlw_report(ctx.db, ctx.actor(), req, ctx.config.small_cell_k);
  if (format == "json") return Response::json(report);
  Response res;
  if (format == "xlsx") {
    res.body = report::to_xlsx(report.tables);
    res.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    res.body = report::to_csv(report.tables);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
  }
  res.set_header("Content-Disposition",
                 attachment_disposition(report.ascii_name + "." + format, report.file_name + "." + format));
  return res;
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
