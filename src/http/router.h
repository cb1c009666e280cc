// The route table. Every route names its method, path pattern, the policy
// that says which roles may call it and how far they reach (see
// service/permission.h), and its handler. A Route whose policy is left out
// still compiles (Policy's default is "not public, no role"), but
// Router::add throws on it, so a server with such a route does not start;
// it also refuses a method and pattern added twice.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/config.h"
#include "http/message.h"
#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {
struct CaseLookup;  // service/case_ref.h
}

namespace tsunagu::http {

struct Route;

// What a handler gets: the request, a database connection inside the
// request's transaction, and who is asking.
class RouteContext {
 public:
  RouteContext(const Request& req, const Config& config, store::Database& database, store::Connection& db,
               const service::Actor* actor, const Route& route);

  const Request& req;
  const Config& config;
  store::Database& database;  // for routes that manage their own transactions
  store::Connection& db;      // inside the request's transaction
  // Set by handlers to send a cookie; the dispatcher adds it to the response.
  std::vector<std::string> set_cookies;
  std::string csrf_token;  // of the current session
  // The case this GET is about, read with the session (service::CaseLookup;
  // http/case_guard.h uses it): null on other requests.
  const service::CaseLookup* case_lookup = nullptr;

  bool signed_in() const { return actor_ != nullptr; }
  const service::Actor& actor() const;  // only on non-public routes
  service::Reach reach() const;
  const Route& route() const { return route_; }

  // The parsed JSON body; a 400/415 Problem when it is not a JSON object.
  const nlohmann::json& body() const;
  const std::string& param(const std::string& name) const;

  // Refuses (404, audited as "denied") unless the actor's reach covers the
  // record. The one call every handler makes after loading a record.
  void require(const service::Target& target, const std::string& entity, const std::string& id) const;
  // The version the client based an edit on: If-Match or body "version".
  std::int64_t expected_version() const;

 private:
  const service::Actor* actor_;
  const Route& route_;
  mutable std::unique_ptr<nlohmann::json> body_;
};

// The request body as a JSON object: 415 unless Content-Type is
// application/json, 400 malformed_json unless it parses to an object.
// What RouteContext::body() reads once per request (and what
// tests/fuzz/fuzz_json_body.cc feeds arbitrary bytes).
nlohmann::json parse_json_body(const Request& req);

using Handler = std::function<Response(RouteContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/users/:id"
  service::Policy policy;
  Handler handler;
  // GETs that read personal data and append a "read" entry to the audit
  // log (written after the read, before the answer: see
  // Dispatcher::run_read). The declaration is enforced both ways: a
  // declared GET that records no read, or an undeclared one that records
  // one, answers 500 (so the permission-matrix test, which calls every
  // route, catches a mismatch). A record loaded with require_record
  // (http/case_guard.h) records its read itself. Shown by `tsunagu routes`.
  bool audits_reads = false;
  bool csrf_exempt = false;  // only the login itself
  // The handler opens its own transactions (sign-in: the password check
  // must not hold a database lock).
  bool own_transaction = false;
  // The handler checks or hashes a password (~55 ms, 64 MiB): it runs on
  // the small password pool of its own, never on the request workers, so
  // that a flood of sign-ins cannot starve the people at work (server.cc).
  bool hashes_password = false;
  // Open to a session whose user must still enrol a second factor
  // (service::ActiveSession::must_enrol_two_factor): the enrolment itself,
  // and reading or ending the session. Every other route answers 403
  // two_factor_enrolment_required to such a session.
  bool before_two_factor = false;
  // The largest body this route reads, in bytes; 0: the server's
  // (Config::max_body_bytes). A CSV upload sends its file inside JSON, so
  // its route admits what the importer admits (service/csv_text.h).
  std::size_t max_body_bytes = 0;
  std::string summary;       // Japanese, for docs and `tsunagu routes`
  // Set by Router::add, not by the route: the pattern is /api/v1/cases/:id
  // or below it, so a GET here reads its case with the session
  // (service::CaseLookup).
  bool under_case = false;
};

class Router {
 public:
  void add(Route r);
  // Finds the route; fills req.params. Returns nullptr when nothing
  // matches; sets method_not_allowed when the path exists with other methods.
  const Route* match(Request& req, bool& method_not_allowed) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  // Each route's pattern cut at '/', once, in the order of routes_: every
  // request is matched against all of them.
  std::vector<std::vector<std::string>> segments_;
};

// Every route of the product, registered by the *_routes.cc files.
Router build_router();

}  // namespace tsunagu::http
