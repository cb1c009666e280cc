// The public side, without a login (issue 19): the portal of 窓口, groups
// and sessions, and the person's side of anonymous consultation
// (service/public_consultation.h). The only routes open to anyone on the
// internet besides sign-in: every one is throttled in the service, bounded
// in size by the dispatcher, and the expensive ones (two argon2id each) run
// on the password pool.
//
// The browser of a person keeps one cookie, `tsunagu_consultation`: an
// opaque token, HttpOnly, SameSite=Strict, sent only to
// /api/public/v1/consultation…, and without Max-Age, so that it ends with
// the browser (a shared computer). These routes are CSRF-exempt like
// sign-in: there is no staff session to protect, the cookie is never sent
// by another site (SameSite=Strict), and every write needs a JSON body or
// DELETE, which a cross-site form cannot send without a CORS preflight that
// the server never grants.
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "domain/consultation.h"
#include "http/address_group.h"
#include "http/routes.h"
#include "service/clock.h"
#include "service/json_text.h"
#include "service/problem.h"
#include "service/public_consultation.h"
#include "service/public_portal.h"

namespace tsunagu::http {
namespace {

constexpr char kCookie[] = "tsunagu_consultation";
constexpr char kCookiePath[] = "/api/public/v1/consultation";

std::string consultation_cookie(const std::string& token, const Config& config) {
  return std::string(kCookie) + "=" + token + "; Path=" + kCookiePath + "; HttpOnly; SameSite=Strict" +
         (config.secure_cookies ? "; Secure" : "");
}
std::string clear_consultation_cookie(const Config& config) {
  return std::string(kCookie) + "=; Path=" + kCookiePath + "; HttpOnly; SameSite=Strict; Max-Age=0" +
         (config.secure_cookies ? "; Secure" : "");
}

// The public limits count per address group (an IPv6 client by its /64).
service::PublicContext public_context(const RouteContext& ctx) {
  return {ctx.config.seal_key, address_group(ctx.req.client)};
}

// The thread of the browser's token: 401 when there is none (the screen
// then asks for the number and the passphrase).
std::string require_thread(RouteContext& ctx) {
  auto thread = service::thread_of_token(ctx.db, ctx.req.cookie(kCookie));
  if (!thread)
    throw service::Problem(401, "consultation_session_missing",
                           "相談を開くには、相談番号と合言葉を入力してください。");
  return *thread;
}

// The portal as JSON text (with the deployment's crisis contacts), kept per
// municipality while the database's public_revision (raised by triggers on
// everything the portal shows) and the day stay the same. The revision is
// read at most once a second: under a flood almost every request is
// answered from memory without the database, and a change shows on every
// server within a second (browsers may keep it a minute anyway:
// Cache-Control). Bounded: one entry per municipality id that exists, and
// the whole map is dropped when the revision moves.
class PortalCache {
 public:
  std::string get(store::Connection& db, const std::optional<std::string>& municipality, const Config& config) {
    using clock = std::chrono::steady_clock;
    std::string key = municipality.value_or("");
    auto now = clock::now();
    {
      std::lock_guard lock(mu_);
      if (now - checked_ < std::chrono::seconds(1))
        if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    store::Transaction tx(db, store::Transaction::Mode::read);
    auto rev = db.query_one("SELECT n FROM public_revision WHERE id = 1");
    std::string stamp = std::to_string(rev ? rev->integer(0) : 0) + "/" + service::today_tokyo();
    {
      std::lock_guard lock(mu_);
      if (stamp != stamp_) {
        entries_.clear();
        stamp_ = stamp;
      }
      checked_ = now;
      if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    auto j = service::public_portal(db, municipality);
    tx.commit();
    j["crisis_contacts"] = config.crisis_contacts;
    j["notice_email_available"] = config.notices_enabled;
    std::string text = service::json_text(j);
    std::lock_guard lock(mu_);
    if (stamp == stamp_ && entries_.size() < 10000) entries_[key] = text;
    return text;
  }

 private:
  std::mutex mu_;
  std::string stamp_;
  std::chrono::steady_clock::time_point checked_{};
  std::unordered_map<std::string, std::string> entries_;
};

PortalCache& portal_cache() {
  static PortalCache cache;
  return cache;
}

Response public_json(nlohmann::json j, int status = 200) {
  auto r = Response::json(j, status);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_public_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/public/v1/portal",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               std::optional<std::string> municipality;
               if (auto it = ctx.req.query.find("municipality"); it != ctx.req.query.end() && !it->second.empty())
                 municipality = it->second;
               auto res = Response::json_text(portal_cache().get(ctx.db, municipality, ctx.config));
               // Anyone's browser and any cache in between may keep it a minute.
               res.set_header("Cache-Control", "public, max-age=60");
               return res;
             },
         // Its reads are its own (the revision, then the portal when it moved).
         .own_transaction = true,
         .summary = "公開ページ：窓口・居場所・催し"});

  r.add({.method = "POST",
         .pattern = "/api/public/v1/consultations",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto opened = service::start_consultation(ctx.database, public_context(ctx), ctx.body());
               ctx.set_cookies.push_back(consultation_cookie(opened.token, ctx.config));
               nlohmann::json j = {{"number", domain::format_consultation_number(opened.number)},
                                   {"passphrase", domain::format_passphrase(opened.passphrase)},
                                   {"urgent", opened.urgent}};
               if (opened.urgent) j["crisis_contacts"] = ctx.config.crisis_contacts;
               return public_json(std::move(j), 201);
             },
         .csrf_exempt = true,
         .own_transaction = true,
         .hashes_password = true,
         .summary = "匿名のオンライン相談を始める"});

  r.add({.method = "POST",
         .pattern = "/api/public/v1/consultation/session",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto opened = service::open_consultation(ctx.database, public_context(ctx), ctx.body());
               ctx.set_cookies.push_back(consultation_cookie(opened.token, ctx.config));
               return Response::no_content();
             },
         .csrf_exempt = true,
         .own_transaction = true,
         .hashes_password = true,
         .summary = "相談番号と合言葉で相談を開く"});

  r.add({.method = "DELETE",
         .pattern = "/api/public/v1/consultation/session",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               service::forget_token(ctx.db, ctx.req.cookie(kCookie));
               ctx.set_cookies.push_back(clear_consultation_cookie(ctx.config));
               return Response::no_content();
             },
         .csrf_exempt = true,
         .summary = "この端末から相談を消す（相談そのものは残る）"});

  r.add({.method = "GET",
         .pattern = "/api/public/v1/consultation",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               // A write transaction: reading refreshes the token's last use.
               store::Transaction tx(ctx.db, store::Transaction::Mode::write);
               auto thread = require_thread(ctx);
               auto j = service::thread_for_person(ctx.db, thread);
               tx.commit();
               if (j["urgent"].get<bool>()) j["crisis_contacts"] = ctx.config.crisis_contacts;
               return public_json(std::move(j));
             },
         .own_transaction = true,
         .summary = "匿名の相談のやりとりを読む（相談した人）"});

  r.add({.method = "POST",
         .pattern = "/api/public/v1/consultation/messages",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               std::optional<service::Problem> refused;
               nlohmann::json j;
               {
                 store::Transaction tx(ctx.db, store::Transaction::Mode::write);
                 auto thread = require_thread(ctx);
                 refused = service::add_person_message(ctx.db, public_context(ctx), thread, ctx.body());
                 if (!refused) j = service::thread_for_person(ctx.db, thread);
                 // Committed even when refused: a refused message that spoke
                 // of danger has flagged the thread urgent.
                 tx.commit();
               }
               if (refused) throw *refused;
               if (j["urgent"].get<bool>()) j["crisis_contacts"] = ctx.config.crisis_contacts;
               return public_json(std::move(j), 201);
             },
         .csrf_exempt = true,
         .own_transaction = true,
         .summary = "匿名の相談に書き足す（相談した人）"});

  r.add({.method = "POST",
         .pattern = "/api/public/v1/consultation/details",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto thread = require_thread(ctx);
               service::give_details(ctx.db, ctx.config.seal_key, thread, ctx.body());
               return public_json(service::thread_for_person(ctx.db, thread), 201);
             },
         .csrf_exempt = true,
         .summary = "名前や連絡先を伝えて相談を続ける（相談した人が選んだときだけ）"});

  r.add({.method = "DELETE",
         .pattern = "/api/public/v1/consultation",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto thread = require_thread(ctx);
               service::delete_thread_by_person(ctx.db, thread);
               ctx.set_cookies.push_back(clear_consultation_cookie(ctx.config));
               return Response::no_content();
             },
         .csrf_exempt = true,
         .summary = "匿名の相談を削除する（相談した人。件数の集計は残る）"});
}

}  // namespace tsunagu::http
