#include "http/report_export.h"
#include "http/routes.h"
#include "report/requirements.h"

namespace tsunagu::http {

void add_report_requirements_routes(Router& r) {
  // Activity counts of an organisation are not about persons: nothing in
  // the matrix is suppressed.
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/requirements",
         .policy = organisation_report_policy(),
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
