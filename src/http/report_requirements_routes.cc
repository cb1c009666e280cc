#include "http/report_export.h"
#include "http/routes.h"
#include "report/requirements.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_report_requirements_routes(Router& r) {
  // Activity counts of an organisation are not about persons: an analyst
  // (市区町村・都道府県) reads every organisation's matrix in full; staff
  // read their own organisation's.
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/requirements",
         .policy = service::policy({{Role::coordinator, Reach::own_organisation},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::analyst, Reach::all},
                                    {Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               auto scope = report::read_organisation_year(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({scope.organisation_id, std::nullopt}, "organisation", scope.organisation_id);
               auto rep = report::requirement_report(ctx.db, scope);
               return report_response(ctx, report::to_json(scope, rep), {rep.table},
                                      "requirements-" + std::to_string(scope.fiscal_year));
             },
         .summary = "取組の実施状況（事業類型の◎○–と記録にもとづく実績、organisation・fiscal_year・format）"});
}

}  // namespace tsunagu::http
