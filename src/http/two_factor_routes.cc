// Two-factor sign-in (service/two_factor.h): the signed-in user's own
// enrolment and recovery codes under /api/v1/session/two-factor, an
// administrator's reset of a user's second factor, and the organisation's
// setting of which roles must use it.
#include "http/etag.h"
#include "http/routes.h"
#include "service/audit.h"
#include "service/problem.h"
#include "service/two_factor.h"
#include "service/two_factor_policy.h"
#include "service/users.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_two_factor_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/session/two-factor",
         .policy = service::any_signed_in(Reach::self),
         .handler =
             [](RouteContext& ctx) {
               return Response::json(service::two_factor_state(ctx.db, ctx.actor().user_id));
             },
         .before_two_factor = true,
         .summary = "自分の二段階認証の状態"});
  r.add({.method = "POST",
         .pattern = "/api/v1/session/two-factor/enrolment",
         .policy = service::any_signed_in(Reach::self),
         .handler =
             [](RouteContext& ctx) {
               auto e = service::start_enrolment(ctx.db, ctx.config.seal_key, ctx.actor());
               return Response::json({{"secret", e.secret},
                                      {"otpauth_uri", e.otpauth_uri},
                                      {"qr_svg_url", "/api/v1/session/two-factor/enrolment/qr"}},
                                     201);
             },
         .before_two_factor = true,
         .summary = "認証アプリの登録を始める"});
  r.add({.method = "GET",
         .pattern = "/api/v1/session/two-factor/enrolment/qr",
         .policy = service::any_signed_in(Reach::self),
         .handler =
             [](RouteContext& ctx) {
               // Drawn here from the enrolling user's own pending secret;
               // the dispatcher adds Cache-Control: no-store to every API
               // answer, so the picture of the secret is kept nowhere.
               Response res;
               res.status = 200;
               res.body = service::enrolment_qr(ctx.db, ctx.config.seal_key, ctx.actor());
               res.set_header("Content-Type", "image/svg+xml");
               return res;
             },
         .before_two_factor = true,
         .summary = "登録用の QR コード（SVG）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/session/two-factor/enrolment/confirm",
         .policy = service::any_signed_in(Reach::self),
         .handler =
             [](RouteContext& ctx) {
               auto codes = service::confirm_enrolment(ctx.db, ctx.config.seal_key, ctx.actor(), ctx.body());
               return Response::json(
                   {{"recovery_codes", codes}, {"two_factor", service::two_factor_state(ctx.db, ctx.actor().user_id)}});
             },
         .before_two_factor = true,
         .summary = "認証アプリの登録を確認して有効にする"});
  r.add({.method = "POST",
         .pattern = "/api/v1/session/two-factor/recovery-codes",
         .policy = service::any_signed_in(Reach::self),
         .handler =
             [](RouteContext& ctx) {
               auto codes = service::regenerate_recovery_codes(ctx.db, ctx.config.seal_key, ctx.config.sessions,
                                                               ctx.actor(), ctx.body());
               return Response::json(
                   {{"recovery_codes", codes}, {"two_factor", service::two_factor_state(ctx.db, ctx.actor().user_id)}});
             },
         // A wrong code is counted even though the request fails.
         .own_transaction = true,
         .summary = "回復コードを作り直す"});
  r.add({.method = "POST",
         .pattern = "/api/v1/users/:id/two-factor/reset",
         // Only an administrator of the user's own organisation: the one
         // who can check who is asking (a lost phone) before removing it.
         .policy = service::policy({{Role::admin, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto u = service::find_user(ctx.db, ctx.param("id"));
               if (!u) throw service::not_found();
               ctx.require({u->organisation_id, std::nullopt}, "user", u->id);
               service::reset_two_factor(ctx.db, ctx.actor(), u->id, ctx.body());
               return Response::json(*service::find_user(ctx.db, u->id));
             },
         .summary = "利用者の二段階認証のリセット"});
  r.add({.method = "GET",
         .pattern = "/api/v1/organisations/:id/two-factor-policy",
         .policy = service::policy({{Role::admin, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto p = service::find_two_factor_policy(ctx.db, ctx.param("id"));
               ctx.require({p.organisation_id, std::nullopt}, "organisation", p.organisation_id);
               return versioned(p);
             },
         .summary = "二段階認証を必須にする役割"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id/two-factor-policy",
         .policy = service::policy({{Role::admin, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto p = service::find_two_factor_policy(ctx.db, ctx.param("id"));
               ctx.require({p.organisation_id, std::nullopt}, "organisation", p.organisation_id);
               return versioned(service::update_two_factor_policy(ctx.db, ctx.actor(), p.organisation_id,
                                                                  ctx.expected_version(), ctx.body()));
             },
         .summary = "二段階認証を必須にする役割の変更"});
}

}  // namespace tsunagu::http
