#include "http/routes.h"

namespace tsunagu::http {

void add_health_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/healthz",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               ctx.db.query("SELECT 1");
               return Response::json({{"status", "ok"}});
             },
         .summary = "稼働確認"});
}

}  // namespace tsunagu::http
