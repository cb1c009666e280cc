// One request, from routing to response: session, CSRF, the permission
// check, the request's transaction, and the mapping of every failure to
// application/problem+json. Runs on a worker thread, never on an I/O
// thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <chrono>

#include "http/config.h"
#include "http/hashing_admission.h"
#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/static_files.h"
#include "service/audit_batch.h"
#include "service/problem.h"
#include "service/remembered_rows.h"
#include "service/sessions.h"
#include "store/db.h"

namespace tsunagu::http {

class Dispatcher {
 public:
  using Reply = std::function<void(Response&&)>;
  Dispatcher(Config config, store::Database& db, Router router);
  // Answers through `reply`: at once, or, when the request read personal
  // data, from the audit writer's thread once its audit entries are
  // committed (service/audit_batch.h).
  void handle(Request& req, const Reply& reply);
  // Answers a read on the calling thread (the I/O thread) when memory holds
  // all it needs: the remembered session and case (service/remembered_rows.h)
  // and a handler that makes no query (a case detail CaseDetailCache holds).
  // Each hand-off between threads costs about as much as such an answer
  // itself; this saves the one to a worker and back. Returns false, having
  // answered and written nothing, when the request needs the database: the
  // caller then hands it to a worker (handle()), so the I/O thread never
  // waits on the database.
  bool answer_here(Request& req, const Reply& reply);
  // Answers a request that cannot be handled (a malformed URL, a full
  // queue) with the same headers and access-log line as every other answer.
  void reject(const Request& req, const service::Problem& p, const Reply& reply);
  // Which pool runs the request: the workers, the staff password pool
  // (Route::hashes_password: sign-in, password change) or the public pool
  // (the same kind of route under /api/public/: anonymous consultation),
  // so that a flood of strangers' posts cannot hold up staff signing in.
  enum class Pool { workers, passwords, public_hashing };
  struct Placement {
    Pool pool = Pool::workers;
    // Held while the request waits or runs (HashingAdmission); keep it
    // with the queued task.
    std::shared_ptr<void> place;
    // Set when the request must be answered at once with this instead.
    std::optional<service::Problem> refusal;
  };
  Placement pool_for(Request& req);
  // Writes the audit entries still queued and lets their answers go; call
  // before the I/O context goes away.
  void stop() { audit_batcher_.stop(); }
  // Where audited answers are sent from once their entries are committed
  // (service::AuditBatcher::deliver_with): the server's I/O thread while it
  // runs.
  void deliver_answers_with(service::AuditBatcher::Post post) { audit_batcher_.deliver_with(std::move(post)); }
  const Router& router() const { return router_; }
  // How /metrics learns the open connections (the server's counter).
  void count_connections_with(std::function<std::uint64_t()> f) { open_connections_ = std::move(f); }

 private:
  using PendingAudits = std::vector<service::PendingAudit>;
  using ReliancePtr = std::shared_ptr<const service::Reliance>;
  // How far an attempt may start from memory: not at all (the ordinary
  // way), if it can, or only from memory without touching the database
  // (answer_here).
  enum class Memory { no, may, only };
  struct Attempt {
    Memory memory = Memory::no;
    ReliancePtr reliance;   // what an answer from memory relied on
    std::string took_token;  // the user whose rate-limit token it took
  };
  // handle(), answer_here(), and the ordinary way again for an answer from
  // memory whose rows changed. False only for Memory::only: the request
  // needs the database, and nothing was answered or written.
  bool answer(Request& req, const Reply& reply, std::chrono::steady_clock::time_point start, Memory memory);
  Response handle_api(Request& req, PendingAudits& audits, const Route*& matched, Attempt& attempt);
  // The remembered session (and case ref) a read may start from; null when
  // it must read them (nothing remembered, a touch due, a route whose
  // answer does not wait for the audit batch …).
  ReliancePtr recall(const Request& req, const Route& route, const std::string& token);
  // What the ordinary path read, for the next request to start from.
  void remember(const std::string& token, service::SessionState state, const service::ActiveSession& s);
  // GET /metrics for a client in --metrics-from; null for anyone else, who
  // is answered as for any path that does not exist.
  std::optional<Response> metrics(const Request& req);
  Response run_route(Request& req, const Route& route, store::Connection& c, const service::ActiveSession* session,
                     PendingAudits& audits, bool from_memory);
  Response run_read(RouteContext& ctx, const Route& route, store::Connection& c, PendingAudits& audits);
  void add_security_headers(Response& r, bool api) const;
  // What the access log says of a request.
  struct AccessInfo {
    std::string method, path, client;
    const Route* route = nullptr;  // the matched route, for /metrics
    bool scrape = false;           // the answer is a /metrics scrape
  };
  // Security headers, the access-log line, the request counted in the
  // metrics, then `reply`: every answer.
  // Every problem answer: on the public consultation routes a 429 or 503,
  // and any refusal of a message that speaks of danger ("urgent"), carries
  // the crisis contacts (the person may be in danger right now and cannot
  // write), and any 429 with retry_after sends Retry-After.
  Response problem_answer(const std::string& path, service::Problem p) const;
  static bool names_client(const AccessInfo& req, const std::string* user);
  void deliver(const AccessInfo& req, bool api, std::chrono::steady_clock::time_point start, Response r,
               const Reply& reply);

  Config config_;
  store::Database& db_;
  Router router_;
  StaticFiles static_;
  service::AuditBatcher audit_batcher_;
  RateLimiter user_rate_;
  // Two at once per client: a person starts or opens one consultation at a
  // time, and two leave room for a family on one home connection.
  HashingAdmission public_hashing_{2};
  Metrics metrics_;
  std::function<std::uint64_t()> open_connections_;
};

std::string session_cookie(const std::string& token, const Config& config);
std::string clear_session_cookie(const Config& config);
inline constexpr char kSessionCookie[] = "tsunagu_session";
// Marks a browser that has signed in before (service/sessions.h); sent
// only to the sign-in route.
std::string device_cookie(const std::string& token, const Config& config);
inline constexpr char kDeviceCookie[] = "tsunagu_device";
// Between a right password and the code from the authenticator app
// (service/sessions.h): sent only to the session paths, gone after
// second_factor_wait.
std::string second_factor_cookie(const std::string& token, const Config& config);
std::string clear_second_factor_cookie(const Config& config);
inline constexpr char kSecondFactorCookie[] = "tsunagu_second_factor";

Response problem_response(const service::Problem& p);

}  // namespace tsunagu::http
