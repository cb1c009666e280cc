// Sign-in and sign-out: POST/GET/DELETE /api/v1/session; the signed-in
// user's own password: PUT /api/v1/session/password.
#include "domain/role.h"
#include "http/dispatcher.h"
#include "http/routes.h"
#include "service/input.h"
#include "service/passwords.h"
#include "service/problem.h"
#include "service/sessions.h"

namespace tsunagu::http {
namespace {

nlohmann::json user_json(const service::Actor& a) {
  return {{"id", a.user_id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"role", domain::role_id(a.role)},
          {"role_label", domain::role_label(a.role)},
          {"organisation_id", a.organisation_id},
          {"organisation_name", a.organisation_name}};
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
               ctx.set_cookies.push_back(session_cookie(s.token, ctx.config));
               ctx.set_cookies.push_back(device_cookie(s.device_token, ctx.config));
               return Response::json({{"user", user_json(s.actor)}, {"csrf_token", s.csrf_token}}, 201);
             },
         .csrf_exempt = true,
         .own_transaction = true,
         .hashes_password = true,
         .summary = "ログイン"});

  r.add({.method = "GET",
         .pattern = "/api/v1/session",
         .policy = service::any_signed_in(service::Reach::self),
         .handler =
             [](RouteContext& ctx) {
               // A reloaded page has lost its CSRF token: hand it out again.
               return Response::json({{"user", user_json(ctx.actor())}, {"csrf_token", ctx.csrf_token}});
             },
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
