// Browsing the audit logs: admins see everything, supervisors the entries
// made by users of their own organisation.
#include "http/routes.h"
#include "service/audit_listing.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_audit_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/audit",
         .policy = service::policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               service::AuditPageRequest page;
               try {
                 if (auto l = ctx.req.query_or("limit"); !l.empty()) page.limit = std::stoll(l);
               } catch (...) {
                 throw service::Problem(400, "invalid_query", "limit は整数で指定してください。");
               }
               if (page.limit < 1 || page.limit > 200)
                 throw service::Problem(400, "invalid_query", "limit は1から200の範囲で指定してください。");
               if (auto c = ctx.req.query_or("cursor"); !c.empty()) page.cursor = c;
               if (ctx.reach() != Reach::all) page.organisation_id = ctx.actor().organisation_id;
               return Response::json(service::list_audit(ctx.db, page));
             },
         .summary = "監査ログの閲覧"});
}

}  // namespace tsunagu::http
