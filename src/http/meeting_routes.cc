#include "domain/meeting.h"
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/query_input.h"
#include "service/audit.h"
#include "service/meetings.h"
#include "service/problem.h"

namespace tsunagu::http {
namespace {

// Loads a meeting and applies the one permission check: the organiser owns
// it, participating organisations are parties; everyone else gets 404.
service::Meeting require_meeting(RouteContext& ctx) {
  auto m = service::find_meeting(ctx.db, ctx.param("id"));
  if (!m) throw service::not_found();
  ctx.require(m->target(), "meeting", m->id);
  return *m;
}

// Changing the meeting itself is for the organiser alone.
service::Meeting require_organised(RouteContext& ctx) {
  auto m = service::find_meeting(ctx.db, ctx.param("id"));
  if (!m) throw service::not_found();
  ctx.require({m->organisation_id, std::nullopt}, "meeting", m->id);
  return *m;
}

std::optional<std::string> kind_filter(RouteContext& ctx) {
  service::QueryInput in(ctx.req.query);
  auto kind = in.choice("kind", "会議の種別", domain::kMeetingKind.values);
  in.check();
  return kind;
}

}  // namespace

void add_meeting_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/meetings",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               for (const auto& m : service::meetings_for(ctx.db, ctx.actor(), kind_filter(ctx))) {
                 nlohmann::json j = m;
                 j["side"] = m.organisation_id == ctx.actor().organisation_id ? "organiser" : "participant";
                 items.push_back(j);
               }
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .summary = "自組織が開催した・参加した会議の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/meetings",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = service::create_meeting(ctx.db, ctx.actor(), ctx.body());
               return versioned(service::meeting_detail(ctx.db, ctx.actor(), m), 201);
             },
         .summary = "会議の記録（種別・法的根拠・参加者・検討したケース）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/meetings/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = require_meeting(ctx);
               return versioned(service::meeting_detail(ctx.db, ctx.actor(), m));
             },
         .audits_reads = true,
         .summary = "会議の詳細（参加者・検討したケース・決まったこと）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/meetings/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = require_organised(ctx);
               auto done = service::update_meeting(ctx.db, ctx.actor(), m, ctx.expected_version(), ctx.body());
               return versioned(service::meeting_detail(ctx.db, ctx.actor(), done));
             },
         .summary = "会議の記録の更新（開催機関のみ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/meetings/:id/cases",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = require_meeting(ctx);
               auto mc = service::add_meeting_case(ctx.db, ctx.actor(), m, ctx.body());
               return Response::json({{"id", mc.id},
                                      {"meeting_id", mc.meeting_id},
                                      {"case_id", mc.case_id},
                                      {"shared_parts", mc.shared_parts},
                                      {"consent_id", mc.consent_id ? nlohmann::json(*mc.consent_id) : nullptr},
                                      {"shared_at", mc.shared_at}},
                                     201);
             },
         .summary = "会議で検討したケースの追加（自組織のケース）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/meetings/:id/cases/:entry/shared",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = require_meeting(ctx);
               auto mc = service::find_meeting_case(ctx.db, ctx.param("entry"));
               if (!mc || mc->meeting_id != m.id) throw service::not_found();
               return Response::json(service::meeting_case_shared(ctx.db, ctx.actor(), m, *mc));
             },
         .audits_reads = true,
         .summary = "会議で共有されたケースの情報"});
  r.add({.method = "POST",
         .pattern = "/api/v1/meetings/:id/follow-ups",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto m = require_meeting(ctx);
               auto f = service::create_follow_up(ctx.db, ctx.actor(), m, ctx.body());
               return versioned(service::follow_up_json(f, f.organisation_id == ctx.actor().organisation_id), 201);
             },
         .summary = "会議で決まったこと（だれが・何を・いつまでに）の記録"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/follow-ups/:id",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto f = service::find_follow_up(ctx.db, ctx.param("id"));
               if (!f) throw service::not_found();
               ctx.require(f->target(), "follow_up", f->id);
               auto done = service::update_follow_up(ctx.db, ctx.actor(), *f, ctx.expected_version(), ctx.body());
               return versioned(service::follow_up_json(done, done.organisation_id == ctx.actor().organisation_id));
             },
         .summary = "会議で決まったことの更新（済み・期限・担当）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/follow-ups",
         .policy = service::case_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto items = nlohmann::json::array();
               for (const auto& f : service::follow_ups_of_case(ctx.db, c.id)) items.push_back(service::follow_up_json(f, true));
               service::audit(ctx.db, ctx.actor(), {"read", "follow_up", "", "case " + c.id});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "ケースの会議で決まったこと（フォローアップ）の一覧"});
}

}  // namespace tsunagu::http
