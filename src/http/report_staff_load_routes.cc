#include "http/etag.h"
#include "http/report_export.h"
#include "http/routes.h"
#include "report/small_cells.h"
#include "report/staff_load.h"
#include "service/audit.h"
#include "service/staff_load_settings.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_report_staff_load_routes(Router& r) {
  // A coordinator reaches only their own load (Reach::self on the staff
  // member asked for); a supervisor the organisation's; an analyst the
  // totals of any organisation, with small cells hidden.
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/staff-load",
         .policy = service::policy({{Role::coordinator, Reach::self},
                                    {Role::supervisor, Reach::own_organisation},
                                    {Role::analyst, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               auto q = report::read_staff_load_query(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({q.organisation_id, q.staff_user_id}, q.staff_user_id ? "user" : "organisation",
                           q.staff_user_id.value_or(q.organisation_id));
               auto load = report::staff_load(ctx.db, q);
               bool aggregate_only = report::sees_suppressed_figures(ctx.actor().role);
               int k = ctx.config.small_cell_k;
               // Recorded for every reader, totals-only ones too (one rule:
               // a route declared audits_reads records each read).
               service::audit(ctx.db, ctx.actor(),
                              {"read", "report", q.organisation_id,
                               "担当の状況" + (q.staff_user_id ? " staff=" + *q.staff_user_id : std::string()) +
                                   (aggregate_only ? " totals" : "")});
               return report_response(ctx, report::to_json(load, aggregate_only, k),
                                      report::staff_load_tables(load, aggregate_only, k), "staff-load");
             },
         .audits_reads = true,
         .summary = "担当の状況（担当ケース数・連絡がN日以上ないケース・見直し日を過ぎた計画、organisation・staff・on・format）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id/staff-load-settings",
         .policy = service::policy({{Role::supervisor, Reach::own_organisation}, {Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               // 404 for an unknown organisation before the permission check.
               auto id = service::staff_load_settings(ctx.db, ctx.param("id")).at("organisation_id").get<std::string>();
               ctx.require({id, std::nullopt}, "organisation", id);
               return versioned(
                   service::set_staff_load_settings(ctx.db, ctx.actor(), id, ctx.expected_version(), ctx.body()));
             },
         .summary = "担当の状況の設定（連絡がない日数の目安、If-Match は組織の版）"});
}

}  // namespace tsunagu::http
