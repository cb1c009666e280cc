// One request, from routing to response: session, CSRF, the permission
// check, the request's transaction, and the mapping of every failure to
// application/problem+json. Runs on a worker thread, never on an I/O
// thread.
#pragma once

#include "http/config.h"
#include "http/router.h"
#include "http/static_files.h"
#include "service/audit_batch.h"
#include "service/problem.h"
#include "service/sessions.h"
#include "store/db.h"

namespace tsunagu::http {

class Dispatcher {
 public:
  Dispatcher(Config config, store::Database& db, Router router);
  Response handle(Request& req);
  const Router& router() const { return router_; }

 private:
  Response handle_api(Request& req);
  Response run_route(Request& req, const Route& route, store::Connection& c, const service::ActiveSession* session);
  Response run_read(RouteContext& ctx, const Route& route, store::Connection& c);
  void add_security_headers(Response& r, bool api) const;

  Config config_;
  store::Database& db_;
  Router router_;
  StaticFiles static_;
  service::AuditBatcher audit_batcher_;
};

std::string session_cookie(const std::string& token, const Config& config);
std::string clear_session_cookie(const Config& config);
inline constexpr char kSessionCookie[] = "tsunagu_session";

Response problem_response(const service::Problem& p);

}  // namespace tsunagu::http
