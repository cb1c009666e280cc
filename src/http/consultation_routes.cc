// Anonymous consultation, the staff side (service/consultation_inbox.h):
// the inbox of the answering organisation, replies and internal notes,
// state and assignment, reply templates; and the organisation's public
// profile (service/public_portal.h), which its supervisor or the
// administrator writes.
#include "domain/consultation.h"
#include "domain/role.h"
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/consultation_inbox.h"
#include "service/home.h"
#include "service/public_portal.h"
#include "service/query_input.h"
#include "service/urgent_reports.h"

namespace tsunagu::http {
namespace {

service::ConsultationThread require_thread(RouteContext& ctx) {
  return require_record(ctx, "consultation_thread", service::find_consultation_thread(ctx.db, ctx.param("id")));
}

}  // namespace

void add_consultation_routes(Router& r) {
  using domain::Role;
  using service::Reach;
  r.add({.method = "GET",
         .pattern = "/api/v1/consultations",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::QueryInput q(ctx.req.query);
               auto state = q.choice("state", "相談の状況", domain::kConsultationState.values);
               q.check();
               const auto& org = ctx.actor().organisation_id;
               nlohmann::json items = service::consultation_threads(ctx.db, org, state);
               return Response::json({{"items", std::move(items)},
                                      {"counts", service::consultation_state_counts(ctx.db, org)}});
             },
         .summary = "匿名のオンライン相談の受信箱"});
  r.add({.method = "GET",
         .pattern = "/api/v1/consultation-counts",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               // For the count in the navigation: nothing but numbers.
               // The incoming referrals awaiting an answer ride along, for
               // the count beside 受け入れ, and the supporters' urgent reports
               // not yet taken into a case beside 派遣 (the same roles as
               // the dispatch board): one small request for the menu.
               const auto& org = ctx.actor().organisation_id;
               return Response::json({{"counts", service::consultation_state_counts(ctx.db, org)},
                                      {"new_state", std::string(domain::consultation_state_machine().initial)},
                                      {"incoming_referrals", service::incoming_referral_count(ctx.db, org)},
                                      {"urgent_supporter_reports", service::untaken_urgent_report_count(ctx.db, org)}});
             },
         .summary = "匿名のオンライン相談の件数（状況ごと）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/consultations/:id",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto t = require_thread(ctx);
               return versioned(service::consultation_for_staff(ctx.db, ctx.config.seal_key, t));
             },
         .audits_reads = true,
         .summary = "匿名のオンライン相談のやりとり（職員）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/consultations/:id/messages",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto t = require_thread(ctx);
               service::add_staff_message(ctx.db, ctx.actor(), t, ctx.body());
               return versioned(service::consultation_for_staff(ctx.db, ctx.config.seal_key, *service::find_consultation_thread(ctx.db, t.id)),
                                201);
             },
         .summary = "匿名のオンライン相談への返信・内部メモ"});
  r.add({.method = "PATCH",
         .pattern = "/api/v1/consultations/:id",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto t = require_thread(ctx);
               auto updated =
                   service::update_consultation_thread(ctx.db, ctx.actor(), t, ctx.expected_version(), ctx.body());
               // The whole thread, as GET answers it: the screen needs no second read.
               return versioned(service::consultation_for_staff(ctx.db, ctx.config.seal_key, updated));
             },
         .summary = "匿名のオンライン相談の状況・担当の変更"});
  r.add({.method = "POST",
         .pattern = "/api/v1/consultations/:id/case",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto t = require_thread(ctx);
               auto case_id = service::open_case_from_thread(ctx.db, ctx.config.seal_key, ctx.actor(), t, ctx.body());
               return Response::json({{"case_id", case_id}}, 201);
             },
         .summary = "相談者が名前や連絡先を伝えた相談から、ケースを作る"});
  r.add({.method = "GET",
         .pattern = "/api/v1/consultation-templates",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               return Response::json({{"items", service::consultation_templates(ctx.db, ctx.actor().organisation_id)}});
             },
         .summary = "返信の定型文"});
  r.add({.method = "POST",
         .pattern = "/api/v1/consultation-templates",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               return Response::json(service::create_consultation_template(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "返信の定型文を追加する"});
  r.add({.method = "DELETE",
         .pattern = "/api/v1/consultation-templates/:id",
         .policy = service::consultation_inbox_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::delete_consultation_template(ctx.db, ctx.actor(), ctx.param("id"));
               return Response::no_content();
             },
         .summary = "返信の定型文を削除する"});

  // The public profile: supervisors of the organisation and the administrator.
  auto profile_policy = service::policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}});
  r.add({.method = "GET",
         .pattern = "/api/v1/organisations/:id/public-profile",
         .policy = profile_policy,
         .handler =
             [](RouteContext& ctx) {
               auto j = service::organisation_public_profile(ctx.db, ctx.param("id"));
               ctx.require({ctx.param("id"), std::nullopt}, "organisation", ctx.param("id"));
               return versioned(j);
             },
         .summary = "公開ページに載せる窓口の情報と、オンライン相談の設定"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id/public-profile",
         .policy = profile_policy,
         .handler =
             [](RouteContext& ctx) {
               service::organisation_public_profile(ctx.db, ctx.param("id"));  // 404 first
               ctx.require({ctx.param("id"), std::nullopt}, "organisation", ctx.param("id"));
               return versioned(service::update_public_profile(ctx.db, ctx.actor(), ctx.param("id"),
                                                               ctx.expected_version(), ctx.body()));
             },
         .summary = "公開ページに載せる窓口の情報と、オンライン相談の設定の変更"});
}

}  // namespace tsunagu::http
