// Sign-in and sign-out: POST/GET/DELETE /api/v1/session, and the second
// step of a sign-in with two-factor on: POST /api/v1/session/second-factor;
// the signed-in user's own password: PUT /api/v1/session/password.
#include "domain/role.h"
#include "http/dispatcher.h"
#include "http/routes.h"
#include "service/input.h"
#include "service/passwords.h"
#include "service/problem.h"
#include "service/sessions.h"
#include "service/two_factor.h"

namespace tsunagu::http {
namespace {

nlohmann::json session_user_json(const service::Actor& a) {
  return {{"id", a.user_id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"role", domain::role_id(a.role)},
          {"role_label", domain::role_label(a.role)},
          {"organisation_id", a.organisation_id},
          {"organisation_name", a.organisation_name}};
}

// What a signed-in session answers (sign-in, its second step, GET): the
// web app reads `two_factor.enrolment_required` to go to enrolment.
Response session_answer(store::Connection& db, const service::Actor& a, const std::string& csrf_token, int status) {
  return Response::json({{"user", session_user_json(a)},
                         {"csrf_token", csrf_token},
                         {"two_factor", service::two_factor_state(db, a.user_id)}},
                        status);
}

}  // namespace

void add_session_routes(Router& r) {
  r.add({.method = "POST",
         .pattern = "/api/v1/session",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::Input in(ctx.body());
               std::string login = in.text("login", "ログインID", {.required = true, .max = 64});
               std::string password = in.text("password", "パスワード", {.required = true, .max = 200});
               in.check();
               auto s = service::sign_in(ctx.database, ctx.config.sessions, login, password, ctx.req.client,
                                         ctx.req.cookie(kDeviceCookie));
               if (!s.second_factor_token.empty()) {
                 // The password was right; no session until the code
                 // (POST /api/v1/session/second-factor).
                 ctx.set_cookies.push_back(second_factor_cookie(s.second_factor_token, ctx.config));
                 auto wait = std::chrono::duration_cast<std::chrono::seconds>(ctx.config.sessions.second_factor_wait);
                 return Response::json({{"second_factor_required", true}, {"expires_in", wait.count()}}, 202);
               }
               ctx.set_cookies.push_back(session_cookie(s.token, ctx.config));
               ctx.set_cookies.push_back(device_cookie(s.device_token, ctx.config));
               return session_answer(ctx.db, s.actor, s.csrf_token, 201);
             },
         .csrf_exempt = true,
         .own_transaction = true,
         .hashes_password = true,
         .summary = "ログイン"});

  r.add({.method = "POST",
         .pattern = "/api/v1/session/second-factor",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::Input in(ctx.body());
               bool by_code = in.present("code"), by_recovery = in.present("recovery_code");
               std::string code, recovery;
               if (by_code || !by_recovery) code = service::read_totp_code(in);
               if (by_recovery) recovery = in.text("recovery_code", "回復コード", {.required = true, .max = 40});
               if (by_code && by_recovery) in.fail("code", "確認コードか回復コードの、どちらか一方を入力してください。");
               in.check();
               auto s = service::complete_second_factor(ctx.database, ctx.config.sessions, ctx.config.seal_key,
                                                        ctx.req.cookie(kSecondFactorCookie), code, recovery,
                                                        ctx.req.client,
                                                        ctx.req.cookie(kDeviceCookie));
               ctx.set_cookies.push_back(clear_second_factor_cookie(ctx.config));
               ctx.set_cookies.push_back(session_cookie(s.token, ctx.config));
               ctx.set_cookies.push_back(device_cookie(s.device_token, ctx.config));
               return session_answer(ctx.db, s.actor, s.csrf_token, 201);
             },
         // Like sign-in: no session yet, and the second-step cookie is
         // SameSite=Strict and bound to a right password.
         .csrf_exempt = true,
         .own_transaction = true,
         .summary = "ログインの2段階目（確認コード）"});

  r.add({.method = "GET",
         .pattern = "/api/v1/session",
         .policy = service::any_signed_in(service::Reach::self),
         .handler =
             [](RouteContext& ctx) {
               // A reloaded page has lost its CSRF token: hand it out again.
               return session_answer(ctx.db, ctx.actor(), ctx.csrf_token, 200);
             },
         .before_two_factor = true,
         .summary = "ログイン中の利用者"});

  r.add({.method = "DELETE",
         .pattern = "/api/v1/session",
         .policy = service::any_signed_in(service::Reach::self),
         .handler =
             [](RouteContext& ctx) {
               service::sign_out(ctx.db, ctx.req.cookie(kSessionCookie), ctx.actor());
               ctx.set_cookies.push_back(clear_session_cookie(ctx.config));
               return Response::no_content();
             },
         .before_two_factor = true,
         .summary = "ログアウト"});

  r.add({.method = "PUT",
         .pattern = "/api/v1/session/password",
         .policy = service::any_signed_in(service::Reach::self),
         .handler =
             [](RouteContext& ctx) {
               service::change_own_password(ctx.db, ctx.actor(), ctx.req.cookie(kSessionCookie), ctx.body());
               return Response::no_content();
             },
         // The password checks must not hold a database lock (as sign-in).
         .own_transaction = true,
         .hashes_password = true,
         .summary = "自分のパスワードの変更"});
}

}  // namespace tsunagu::http
