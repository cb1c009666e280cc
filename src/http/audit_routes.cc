// Browsing the audit logs: admins see everything, supervisors the entries
// made by users of their own organisation.
#include "http/routes.h"
#include "service/query_input.h"
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
               service::QueryInput in(ctx.req.query);
               auto p = in.page(page.limit, 200);
               in.check();
               page.limit = p.limit;
               if (p.cursor) page.cursor = *p.cursor;
               if (ctx.reach() != Reach::all) page.organisation_id = ctx.actor().organisation_id;
               return Response::json(service::list_audit(ctx.db, page));
             },
         .summary = "監査ログの閲覧"});
}

}  // namespace tsunagu::http
