#include "http/dispatcher.h"


#include <algorithm>
#include <chrono>

#include "http/address_group.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/log_event.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "store/no_database.h"

namespace tsunagu::http {

using service::Problem;

namespace {

constexpr char kCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

}  // namespace

Response problem_response(const Problem& p) {
  nlohmann::json j = {{"type", "about:blank"},
                      {"title", reason_phrase(p.status)},
                      {"status", p.status},
                      {"code", p.code},
                      {"detail", p.detail}};
  if (!p.errors.empty()) {
    auto& errs = j["errors"] = nlohmann::json::array();
    for (const auto& e : p.errors) errs.push_back({{"field", e.field}, {"detail", e.detail}});
  }
  for (auto& [k, v] : p.extra.items()) j[k] = v;
  Response r = Response::json(j, p.status);
  r.set_header("Content-Type", "application/problem+json; charset=utf-8");
  return r;
}

std::string session_cookie(const std::string& token, const Config& config) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (config.secure_cookies ? "; Secure" : "");
}

std::string device_cookie(const std::string& token, const Config& config) {
  auto age = std::chrono::duration_cast<std::chrono::seconds>(config.sessions.device_lifetime).count();
  return std::string(kDeviceCookie) + "=" + token + "; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(age) + (config.secure_cookies ? "; Secure" : "");
}

std::string second_factor_cookie(const std::string& token, const Config& config) {
  auto age = std::chrono::duration_cast<std::chrono::seconds>(config.sessions.second_factor_wait).count();
  return std::string(kSecondFactorCookie) + "=" + token + "; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(age) + (config.secure_cookies ? "; Secure" : "");
}

std::string clear_second_factor_cookie(const Config& config) {
  return std::string(kSecondFactorCookie) + "=; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=0" +
         (config.secure_cookies ? "; Secure" : "");
}

std::string clear_session_cookie(const Config& config) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (config.secure_cookies ? "; Secure" : "");
}

Dispatcher::Dispatcher(Config config, store::Database& db, Router router)
    : config_(std::move(config)),
      db_(db),
      router_(std::move(router)),
      static_(config_.web_root),
      audit_batcher_(db),
      user_rate_(config_.user_requests_per_second, config_.user_request_burst),
      metrics_(router_) {}

void Dispatcher::add_security_headers(Response& r, bool api) const {
  r.set_header("Content-Security-Policy", kCsp);
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "no-referrer");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  r.set_header("Cross-Origin-Resource-Policy", "same-origin");
  r.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (config_.secure_cookies) r.set_header("Strict-Transport-Security", "max-age=31536000");
  // Personal data must not linger in browser or proxy caches. The one
  // exception is an answer that says itself it is public (the portal).
  const std::string* cache = r.header("Cache-Control");
  if (api && !(cache && cache->rfind("public", 0) == 0)) r.set_header("Cache-Control", "no-store");
}

namespace {

constexpr char kInternalError[] =
    "サーバーで問題が起きました。時間をおいてもう一度お試しください。続く場合は管理者にご連絡ください。";

// A database failure the person can do nothing about but wait: busy, or
// out of disk (nothing was written; it passes once space is freed).
Problem store_failure(const store::Error& e, const std::string& method, const std::string& path) {
  if (e.kind() == store::Error::Kind::busy)
    return Problem(503, "busy", "混み合っています。少し待ってから、もう一度お試しください。");
  if (e.kind() == store::Error::Kind::unavailable) {
    // The pool has dropped the lost connection; the next request opens a
    // new one as soon as the database answers again.
    service::log_error({{"event", "database_unavailable"}, {"method", method}, {"path", path}, {"error", e.what()}});
    return Problem(503, "database_unavailable",
                   "データベースにつながりません。少し待ってから、もう一度お試しください。"
                   "完了していない操作は保存されていません。");
  }
  if (e.kind() == store::Error::Kind::disk_full) {
    service::log_error({{"event", "disk_full"}, {"method", method}, {"path", path}, {"error", e.what()}});
    return Problem(503, "disk_full",
                   "保存先のディスクに空きがないため、記録できませんでした。入力した内容は保存されていません。"
                   "管理者に連絡し、しばらくしてからもう一度お試しください。");
  }
  service::log_error({{"event", "unhandled_error"}, {"method", method}, {"path", path}, {"error", e.what()}});
  return Problem(500, "internal_error", kInternalError);
}

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0 || path == "/healthz"; }

}  // namespace

void Dispatcher::deliver(const AccessInfo& req, bool api, std::chrono::steady_clock::time_point start, Response out,
                         const Reply& reply) {
  add_security_headers(out, api);
  if (req.method == "HEAD") out.body.clear();
  auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  metrics_.observe(req.route,
                   req.scrape ? Metrics::Served::scrape : api ? Metrics::Served::api : Metrics::Served::static_files,
                   out.status, took);
  if (config_.access_log) {
    auto us = took.count();
    const std::string* user = out.header("X-Tsunagu-User");
    service::log_access(req.method, req.path, out.status, us, names_client(req, user) ? req.client : "",
                        user ? *user : "");
  }
  // Internal header used only for the access log line above.
  std::erase_if(out.headers, [](const auto& h) { return h.first == "X-Tsunagu-User"; });
  reply(std::move(out));
}

void Dispatcher::reject(const Request& req, const Problem& p, const Reply& reply) {
  deliver({req.method, req.path, req.client}, true, std::chrono::steady_clock::now(), problem_answer(req.path, p),
          reply);
}

Dispatcher::Placement Dispatcher::pool_for(Request& req) {
  // Only writes check passwords: reads (the bulk of the traffic) skip the
  // extra route match here, the dispatcher matches them once.
  if (req.is_safe_method() || !is_api(req.path)) return {};
  bool method_not_allowed = false;
  const Route* route = router_.match(req, method_not_allowed);
  if (!route || !route->hashes_password) return {};
  if (route->pattern.rfind("/api/public/", 0) != 0) return {Pool::passwords, nullptr, std::nullopt};
  // Refused here, on the I/O thread, before it takes a place in the queue
  // that everyone's consultations share.
  auto place = public_hashing_.enter(address_group(req.client));
  if (!place) {
    Problem p(429, "too_many_at_once",
              "同じネットワークから同時にいくつも送られているため、いまの送信は受け付けられませんでした。"
              "少し待ってから、もう一度お試しください。急いで話したいことがあるときは、下の相談先にお電話ください。");
    p.extra["retry_after"] = 1;
    return {Pool::public_hashing, nullptr, std::move(p)};
  }
  return {Pool::public_hashing, std::move(place), std::nullopt};
}

std::optional<Response> Dispatcher::metrics(const Request& req) {
  if (config_.metrics_from.empty()) return std::nullopt;
  auto client = parse_ip(req.client);
  if (!client || std::none_of(config_.metrics_from.begin(), config_.metrics_from.end(),
                              [&](const Network& n) { return n.contains(*client); }))
    return std::nullopt;
  if (req.method != "GET" && req.method != "HEAD")
    throw Problem(405, "method_not_allowed", "このアドレスではその操作はできません。");
  MetricsGauges g;
  g.audit_queue = audit_batcher_.queued();
  auto appends = audit_batcher_.appends();
  g.appends_known_head = appends.known_head;
  g.appends_head_moved = appends.head_moved;
  g.appends_read_head = appends.read_head;
  if (open_connections_) g.open_connections = open_connections_();
  auto lease = db_.acquire();
  auto since = service::format_utc(service::now() - config_.sessions.idle);
  if (auto row = lease->query_one("SELECT COUNT(*) FROM sessions WHERE last_seen_at >= ?", {since}))
    g.active_sessions = row->integer(0);
  Response r;
  r.status = 200;
  r.body = metrics_.render(g);
  r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  return r;
}

void Dispatcher::handle(Request& req, const Reply& reply) {
  answer(req, reply, std::chrono::steady_clock::now(), Memory::may);
}

bool Dispatcher::answer_here(Request& req, const Reply& reply) {
  // Only an API read with a session can start from memory at all.
  if (!config_.remembered || !req.is_safe_method() || req.path.rfind("/api/v1/", 0) != 0 ||
      req.cookie(kSessionCookie).empty())
    return false;
  bool answered = answer(req, reply, std::chrono::steady_clock::now(), Memory::only);
  metrics_.tried_on_io_thread(answered);
  return answered;
}

bool Dispatcher::answer(Request& req, const Reply& reply, std::chrono::steady_clock::time_point start,
                        Memory memory) {
  bool api = is_api(req.path);
  Response r;
  PendingAudits audits;
  const Route* route = nullptr;
  bool scrape = false;
  Attempt attempt{memory, nullptr, {}};
  ReliancePtr& reliance = attempt.reliance;
  // An attempt dropped for a worker to make gives back its rate-limit
  // token: the worker's run takes it again.
  auto drop = [&] {
    if (!attempt.took_token.empty()) user_rate_.give_back(attempt.took_token);
    return false;
  };
  try {
    // From memory alone (answer_here, only for /api/v1/ paths): no
    // connection may be taken on this thread.
    std::optional<store::DatabaseForbidden> here;
    if (memory == Memory::only) here.emplace();
    std::optional<Response> m;
    if (req.path == "/metrics" && (m = metrics(req))) {
      r = std::move(*m);
      api = scrape = true;
    } else {
      r = api ? handle_api(req, audits, route, attempt) : static_.serve(req);
    }
  } catch (const store::DatabaseNeeded&) {
    return drop();
  } catch (const Problem& p) {
    r = problem_answer(req.path, p);
  } catch (const store::Error& e) {
    metrics_.database_error(e.kind());
    r = problem_answer(req.path, store_failure(e, req.method, req.path));
  } catch (const std::exception& e) {
    service::log_error({{"event", "unhandled_error"}, {"method", req.method}, {"path", req.path}, {"error", e.what()}});
    r = problem_response(Problem(500, "internal_error", kInternalError));
  }
  // An answer from memory leaves only after the audit batch has checked
  // what it relied on. One that ended any other way (refused, failed, no
  // read recorded) is discarded: run it the ordinary way.
  if (reliance && audits.empty()) {
    if (memory == Memory::only) return drop();
    answer(req, reply, start, Memory::no);
    return true;
  }
  AccessInfo info{req.method, req.path, req.client, route, scrape};
  if (audits.empty()) {
    deliver(info, api, start, std::move(r), reply);
    return true;
  }
  std::optional<Request> again;
  if (reliance) again = req;
  // The read is done; its answer waits for its audit entries to be durable.
  service::AuditBatcher::Done done = [this, info = std::move(info), api, start, reply, r = std::move(r),
                                      again = std::move(again)](std::exception_ptr error) mutable {
    if (again) metrics_.answered_from_memory(!error);
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const service::RelianceChanged&) {
        // Nothing was written for it. Rare (a sign-out, an edit, a touch
        // by another server), so it runs here, on the deliverer.
        answer(*again, reply, start, Memory::no);
        return;
      } catch (const store::Error& e) {
        metrics_.database_error(e.kind());
        r = problem_answer(info.path, store_failure(e, info.method, info.path));
      } catch (const std::exception& e) {
        service::log_error({{"event", "audit_write_failed"}, {"error", e.what()}});
        r = problem_response(Problem(500, "internal_error", kInternalError));
      } catch (...) {
        service::log_error({{"event", "audit_write_failed"}});
        r = problem_response(Problem(500, "internal_error", kInternalError));
      }
    }
    deliver(info, api, start, std::move(r), reply);
  };
  // The I/O thread must not wait for room in a full queue: every
  // connection waits for it. A worker takes the request instead, and may.
  if (memory == Memory::only)
    return audit_batcher_.try_submit(std::move(audits), std::move(done), std::move(reliance)) || drop();
  audit_batcher_.submit(std::move(audits), std::move(done), std::move(reliance));
  return true;
}

Dispatcher::ReliancePtr Dispatcher::recall(const Request& req, const Route& route, const std::string& token) {
  // Only a read whose answer waits for the audit batch, which checks what
  // it relied on, may start from memory.
  if (!config_.remembered || !route.audits_reads || !req.is_safe_method() || route.policy.is_public ||
      route.own_transaction || token.empty() || token.size() > 100)
    return nullptr;
  auto session = config_.remembered->session(service::hash_hex(token));
  // Anything the ordinary path would write or refuse is left to it.
  if (!session || session->must_enrol_two_factor ||
      route.policy.reach_of(session->actor.role) == service::Reach::none ||
      service::session_age(config_.sessions, session->created_at, session->last_seen_at, service::now()) !=
          service::SessionAge::current)
    return nullptr;
  auto reliance = std::make_shared<service::Reliance>();
  reliance->session = std::move(session);
  if (route.under_case && !(reliance->case_ref = config_.remembered->case_ref(req.params.at("id")))) return nullptr;
  return reliance;
}

void Dispatcher::remember(const std::string& token, service::SessionState state, const service::ActiveSession& s) {
  if (!config_.remembered) return;
  if (state != service::SessionState::active) {
    if (!token.empty() && token.size() <= 100) config_.remembered->forget_session(service::hash_hex(token));
    return;
  }
  config_.remembered->remember(s);
  if (!s.case_lookup) return;
  if (s.case_lookup->ref) config_.remembered->remember(*s.case_lookup->ref);
  else config_.remembered->forget_case(s.case_lookup->case_id);
}

Response Dispatcher::handle_api(Request& req, PendingAudits& audits, const Route*& matched, Attempt& attempt) {
  bool method_not_allowed = false;
  const Route* route = router_.match(req, method_not_allowed);
  matched = route;
  if (!route) {
    if (method_not_allowed)
      throw Problem(405, "method_not_allowed", "このアドレスではその操作はできません。");
    throw Problem(404, "not_found", "お探しの API は見つかりません。");
  }
  const std::size_t max_body = route->max_body_bytes ? route->max_body_bytes : config_.max_body_bytes;
  if (req.body.size() > max_body)
    throw Problem(413, "body_too_large", "送信された内容が大きすぎます（上限 " + std::to_string(max_body / 1024) + " KiB）。");
  const bool memory_only = attempt.memory == Memory::only;
  // From memory alone, on the I/O thread: no connection, and any statement
  // sends the request to a worker (store/no_database.h).
  std::optional<store::Lease> lease;
  std::optional<store::NoDatabase> none;
  if (memory_only) none.emplace(db_.dialect());
  else lease.emplace(db_.acquire());
  store::Connection& c = none ? static_cast<store::Connection&>(*none) : **lease;

  std::optional<service::ActiveSession> session;
  std::string token = req.cookie(kSessionCookie);
  ReliancePtr& reliance = attempt.reliance;
  if (attempt.memory != Memory::no && (reliance = recall(req, *route, token))) {
    session = *reliance->session;
    session->actor.client = req.client;
    if (reliance->case_ref) session->case_lookup = service::CaseLookup{req.params.at("id"), *reliance->case_ref};
  } else if (memory_only) {
    throw store::DatabaseNeeded{};
  } else if (!route->policy.is_public || !token.empty()) {
    service::ActiveSession s;
    // A read of one case brings the case along with the session: one
    // statement where there were two (service::CaseLookup).
    const std::string* case_id = route->under_case && req.is_safe_method() ? &req.params.at("id") : nullptr;
    auto state = service::find_session(c, config_.sessions, token, req.client, s, case_id);
    remember(token, state, s);
    if (state == service::SessionState::active) session = std::move(s);
    else if (!route->policy.is_public) {
      Problem p = state == service::SessionState::expired
                      ? Problem(401, "session_expired",
                                "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。")
                      : Problem(401, "not_authenticated", "ログインしてください。");
      Response r = problem_response(p);
      if (!token.empty()) r.headers.emplace_back("Set-Cookie", clear_session_cookie(config_));
      return r;
    }
  }
  const service::Actor* actor = session ? &session->actor : nullptr;
  if (actor && !user_rate_.allow(actor->user_id)) {
    // Refused from memory: the worker's run refuses it (once).
    if (memory_only) throw store::DatabaseNeeded{};
    Problem p(429, "too_many_requests", "短い時間に操作が続いたため、少し待ってからもう一度お試しください。");
    Response r = problem_response(p);
    r.set_header("Retry-After", "1");
    return r;
  }

  if (!route->policy.is_public) {
    // Before anything else such a session may do: enrol (the web app takes
    // the person to that screen on this code).
    if (session->must_enrol_two_factor && !route->before_two_factor)
      throw Problem(403, "two_factor_enrolment_required",
                    "この役割では二段階認証（認証アプリによる確認）の登録が必要です。"
                    "登録が済むと、いつもの画面をお使いいただけます。");
    if (route->policy.reach_of(actor->role) == service::Reach::none) {
      store::Transaction tx(c, store::Transaction::Mode::write);
      service::audit(c, *actor, {"denied", "route", route->method + " " + route->pattern, ""});
      tx.commit();
      throw Problem(403, "forbidden", "この操作を行う権限がありません。");
    }
  }
  if (!req.is_safe_method() && !route->csrf_exempt) {
    const std::string& sent = req.header("x-csrf-token");
    if (!session || sent.empty() || !service::constant_time_equal(sent, session->csrf_token))
      throw Problem(403, "csrf_token_invalid",
                    "画面の有効期限が切れたため、操作を受け付けられませんでした。画面を読み込み直してから、もう一度お試しください。");
  }

  if (actor && memory_only) attempt.took_token = actor->user_id;
  Response r = run_route(req, *route, c, session ? &*session : nullptr, audits, reliance != nullptr);
  if (actor) r.headers.emplace_back("X-Tsunagu-User", actor->login);
  return r;
}

Response Dispatcher::run_route(Request& req, const Route& route, store::Connection& c,
                               const service::ActiveSession* session, PendingAudits& audits, bool from_memory) {
  const service::Actor* actor = session ? &session->actor : nullptr;
  RouteContext ctx(req, config_, db_, c, actor, route);
  if (session) {
    ctx.csrf_token = session->csrf_token;
    if (session->case_lookup) ctx.case_lookup = &*session->case_lookup;
  }
  try {
    Response r;
    if (route.own_transaction) {
      r = route.handler(ctx);
    } else if (req.is_safe_method()) {
      r = run_read(ctx, route, c, audits);
    } else {
      store::Transaction tx(c, store::Transaction::Mode::write);
      r = route.handler(ctx);
      tx.commit();
    }
    for (auto& cookie : ctx.set_cookies) r.headers.emplace_back("Set-Cookie", std::move(cookie));
    return r;
  } catch (const Problem& p) {
    // The request's transaction has been rolled back by now; record the
    // refusal in a transaction of its own. (Not from memory: that attempt
    // is discarded, and the ordinary run records the refusal.)
    if (p.audit_denial && actor && !from_memory) {
      store::Transaction tx(c, store::Transaction::Mode::write);
      service::audit(c, *actor, {"denied", p.entity, p.entity_id, req.method + " " + route.pattern});
      tx.commit();
    }
    throw;
  } catch (const store::Error& e) {
    if (e.kind() == store::Error::Kind::unique_violation)
      throw Problem(409, "conflict", "同じ内容の記録がすでにあります。");
    throw;
  }
}

// A read runs in a read transaction, so readers do not queue for the write
// lock. The audit entries it makes are collected and handed back to
// handle(), which lets the answer go only once they are committed, batched
// with other readers' (service/audit_batch.h); if the audit write fails, so
// does the request.
Response Dispatcher::run_read(RouteContext& ctx, const Route& route, store::Connection& c, PendingAudits& audits) {
  service::AuditDeferral deferral;
  store::Transaction tx(c, store::Transaction::Mode::read);
  Response r = route.handler(ctx);
  tx.commit();
  audits = deferral.take();
  // One rule for read audits: a GET declared `audits_reads` records its
  // read, and only such GETs do. The declaration is what `tsunagu routes`
  // and the docs show, so a route that strays from it is a defect: it
  // answers 500 rather than leave unrecorded (or undeclared) reads behind.
  bool recorded = std::any_of(audits.begin(), audits.end(), [](const auto& a) { return a.entry.action == "read"; });
  if (recorded != route.audits_reads) {
    service::log_error({{"event", "audit_declaration_mismatch"},
                        {"route", route.method + " " + route.pattern},
                        {"declared", route.audits_reads},
                        {"recorded", recorded}});
    audits.clear();
    throw Problem(500, "internal_error", kInternalError);
  }
  return r;
}

}  // namespace tsunagu::http
