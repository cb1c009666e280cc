// The home screen (service/home.h): one answer for every signed-in role.
// Each section is given only to roles whose policy reaches its records
// elsewhere (the case-work routes, the referral inbox, the dispatch board), so the home page
// shows nothing a role could not open anyway; other roles get 200 with the
// sections absent.
#include "http/routes.h"
#include "service/audit.h"
#include "service/case_ref.h"
#include "service/home.h"
#include "service/supporters.h"

namespace tsunagu::http {

void add_home_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/home",
         .policy = service::any_signed_in(service::Reach::self),
         .handler =
             [](RouteContext& ctx) {
               const auto role = ctx.actor().role;
               // The same policies as GET /api/v1/cases and /referrals/inbox.
               const bool case_work = service::case_work_policy().reach_of(role) != service::Reach::none;
               // The dispatch board's policy: the supporters' urgent reports.
               const bool urgent = service::supporter_coordination_policy().reach_of(role) != service::Reach::none;
               service::HomeSections sections{
                   .case_work = case_work, .incoming_referrals = case_work, .urgent_supporter_reports = urgent};
               auto home = service::home_for(ctx.db, ctx.actor(), sections);
               service::audit(ctx.db, ctx.actor(), {"read", "home", "", case_work ? "case work" : "none"});
               return Response::json(home);
             },
         .audits_reads = true,
         .summary = "ホーム：今日までの次にすること・新しく届いたつなぎ・しばらく連絡がないケース・今週の会議・サポーターからの急ぎの連絡"});
}

}  // namespace tsunagu::http
