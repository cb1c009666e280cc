#include "domain/referral_state.h"
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/query_input.h"
#include "service/problem.h"
#include "service/referral_view.h"
#include "service/referrals.h"

namespace tsunagu::http {
namespace {

// Loads a referral and applies the one permission check: the sender owns it,
// the receiving organisation is a party; everyone else gets 404.
service::Referral require_referral(RouteContext& ctx) {
  auto r = service::find_referral(ctx.db, ctx.param("id"));
  if (!r) throw service::not_found();
  ctx.require(r->target(), "referral", r->id);
  return *r;
}

// Moves of the receiving side are checked against the receiver alone.
service::Referral require_received(RouteContext& ctx) {
  auto r = service::find_referral(ctx.db, ctx.param("id"));
  if (!r) throw service::not_found();
  ctx.require({r->receiving_organisation_id.value_or(""), std::nullopt}, "referral", r->id);
  return *r;
}

std::optional<std::string> state_filter(RouteContext& ctx) {
  service::QueryInput in(ctx.req.query);
  auto state = in.choice("state", "つなぎの状況", domain::kReferralStateValues);
  in.check();
  return state;
}

// Each side sees its own view of a referral (service/referral_view.h).
Response list(RouteContext& ctx, const std::vector<service::Referral>& referrals) {
  auto items = nlohmann::json::array();
  for (const auto& r : referrals) items.push_back(service::referral_view(ctx.actor(), r));
  return Response::json({{"items", items}, {"next_cursor", nullptr}});
}

}  // namespace

void add_referral_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/referrals",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return list(ctx, service::referrals_of_case(ctx.db, c.id));
             },
         .summary = "ケースのつなぎの一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/referrals",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto made = service::create_referral(ctx.db, ctx.actor(), c, ctx.body());
               auto res = Response::json(service::referral_detail(ctx.db, ctx.actor(), made), 201);
               res.set_header("ETag", "\"" + std::to_string(made.version) + "\"");
               return res;
             },
         .summary = "関係機関へのつなぎ（依頼）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/referrals",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return list(ctx, service::sent_referrals(ctx.db, ctx.actor(), state_filter(ctx))); },
         .summary = "自組織が送ったつなぎの一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/referrals/inbox",
         .policy = service::case_work_policy(),
         .handler = [](RouteContext& ctx) { return list(ctx, service::inbox(ctx.db, ctx.actor(), state_filter(ctx))); },
         .summary = "自組織に届いたつなぎ（受信箱）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/referrals/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_referral(ctx);
               auto res = Response::json(service::referral_detail(ctx.db, ctx.actor(), ref));
               res.set_header("ETag", "\"" + std::to_string(ref.version) + "\"");
               return res;
             },
         .summary = "つなぎの詳細（経過とフィードバックつき）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/referrals/:id/shared",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_referral(ctx);
               return Response::json(service::shared_view(ctx.db, ctx.actor(), ref));
             },
         .audits_reads = true,
         .summary = "つなぎで共有されたケースの情報"});
  r.add({.method = "POST",
         .pattern = "/api/v1/referrals/:id/accept",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_received(ctx);
               auto done = service::accept_referral(ctx.db, ctx.actor(), ref, ctx.body());
               return Response::json(service::referral_detail(ctx.db, ctx.actor(), done));
             },
         .summary = "つなぎの受理（ケースを作成または結びつけ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/referrals/:id/events",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_referral(ctx);
               auto done = service::move_referral(ctx.db, ctx.actor(), ref, ctx.expected_version(), ctx.body());
               auto res = Response::json(service::referral_detail(ctx.db, ctx.actor(), done));
               res.set_header("ETag", "\"" + std::to_string(done.version) + "\"");
               return res;
             },
         .summary = "つなぎの状況の変更（辞退・支援中・終了・取消）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/referrals/:id/feedback",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto ref = require_received(ctx);
               return Response::json(service::add_feedback(ctx.db, ctx.actor(), ref, ctx.body()), 201);
             },
         .summary = "受け手からのフィードバック"});
}

}  // namespace tsunagu::http
