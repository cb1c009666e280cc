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
               auto page = service::read_audit_request(ctx.db, ctx.actor(), ctx.req.query);
               if (ctx.reach() != Reach::all) page.organisation_id = ctx.actor().organisation_id;
               return Response::json(service::list_audit(ctx.db, ctx.actor(), page));
             },
         .summary = "監査ログの閲覧"});
}

}  // namespace tsunagu::http
