// Supporters (issue 17): the register, trainings and dispatches for the
// coordinators of the supporter's organisation, and the supporter's own
// page (/api/v1/my/…), which reaches their own dispatches only and shows of
// each only what the activity needs (service/supporters.h).
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "domain/fiscal_year.h"
#include "report/organisation_year.h"
#include "report/small_cells.h"
#include "report/supporter_figures.h"
#include "report/supporter_statement.h"
#include "http/report_export.h"
#include "service/clock.h"
#include "service/query_input.h"
#include "service/audit.h"
#include "service/dispatch_wishes.h"
#include "service/groups.h"
#include "service/supporters.h"
#include "service/urgent_reports.h"

namespace tsunagu::http {
namespace {

service::Supporter require_supporter(RouteContext& ctx) {
  return require_record(ctx, "supporter", service::find_supporter(ctx.db, ctx.config.seal_key, ctx.param("id")));
}

service::TrainingCourse require_course(RouteContext& ctx) {
  return require_record(ctx, "training_course", service::find_course(ctx.db, ctx.param("id")));
}

service::Dispatch require_dispatch(RouteContext& ctx) {
  auto d = service::find_dispatch(ctx.db, ctx.param("id"));
  if (!d) throw service::not_found();
  ctx.require(d->target(), "dispatch", d->id);
  return *d;
}

// The supporter record of the signed-in supporter: 404 when none is linked.
service::Supporter my_supporter(RouteContext& ctx) {
  auto s = service::find_supporter_of_user(ctx.db, ctx.config.seal_key, ctx.actor().user_id);
  if (!s) throw service::not_found();
  ctx.require(s->target(), "supporter", s->id);
  return *s;
}

}  // namespace

void add_supporter_routes(Router& r) {
  const auto coordination = service::supporter_coordination_policy();
  const auto self = service::supporter_self_policy();

  // --- the register ---
  r.add({.method = "GET",
         .pattern = "/api/v1/supporters",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               for (const auto& s : service::supporters_of_organisation(ctx.db, ctx.actor().organisation_id))
                 items.push_back(s);
               service::audit(ctx.db, ctx.actor(), {"read", "supporter", "", "list"});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "自組織のサポーター・ピアサポーターの一覧（資格の有効・期限が近い・未取得）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/supporters",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_supporter(ctx.db, ctx.config.seal_key, ctx.actor(), ctx.body()), 201);
             },
         .summary = "サポーターの登録（種別・地域・活動・連絡先は暗号化して保存）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/supporters/:id",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) { return versioned(service::with_dispatches_ahead(ctx.db, require_supporter(ctx))); },
         .audits_reads = true,
         .summary = "サポーターの詳細（連絡先・経験のメモ・資格）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/supporters/:id",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto s = require_supporter(ctx);
               return versioned(
                   service::update_supporter(ctx.db, ctx.config.seal_key, ctx.actor(), s, ctx.expected_version(), ctx.body()));
             },
         .summary = "サポーターの更新"});

  // --- pay (謝金・交通費) ---
  r.add({.method = "GET",
         .pattern = "/api/v1/supporter-pay-rates",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               return versioned(report::pay_rates_json(report::pay_rates(ctx.db, ctx.actor().organisation_id)));
             },
         .summary = "サポーターの謝金の単価と交通費の上限（自組織。活動ごとの単価を含む）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/supporter-pay-rates",
         .policy = service::supporter_pay_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto current = report::pay_rates(ctx.db, ctx.actor().organisation_id);
               service::set_pay_rates(ctx.db, ctx.actor(), current.version, ctx.expected_version(), ctx.body());
               return versioned(report::pay_rates_json(report::pay_rates(ctx.db, ctx.actor().organisation_id)));
             },
         .summary = "サポーターの謝金の単価と交通費の上限の設定（活動ごとの単価も。初めては If-Match \"0\"）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/supporters/:id/statement",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               report_format(ctx);  // a wrong format is refused before any work
               auto s = require_supporter(ctx);
               service::QueryInput in(ctx.req.query);
               auto month = in.text("month", "月", 7);
               if (!month || month->size() != 7 || (*month)[4] != '-' ||
                   !domain::parse_iso_date(*month + "-01"))
                 in.fail("month", "月は 2026-04 のように指定してください。");
               in.check();
               auto table = report::supporter_statement(ctx.db, s.id, s.name, s.organisation_id, *month);
               nlohmann::json j = {{"supporter", {{"id", s.id}, {"name", s.name}}}, {"month", *month},
                                   {"tables", std::vector<report::Table>{table}}};
               return report_response(ctx, j, {table}, "supporter-statement-" + *month, s.name + "_" + *month + "_活動明細");
             },
         .audits_reads = true,
         .summary = "サポーターの月ごとの明細（活動・時間・謝金・交通費、month・format=csv|xlsx）"});

  // --- trainings ---
  r.add({.method = "GET",
         .pattern = "/api/v1/training-courses",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               for (const auto& c : service::courses_of_organisation(ctx.db, ctx.actor().organisation_id)) items.push_back(c);
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .summary = "研修（養成講座・フォローアップ研修・関係機関向け研修）の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/training-courses",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) { return versioned(service::create_course(ctx.db, ctx.actor(), ctx.body()), 201); },
         .summary = "研修の登録（修了で得られる資格と有効期間）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/training-courses/:id",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_course(ctx);
               return Response::json(service::course_detail(ctx.db, ctx.actor(), c));
             },
         .audits_reads = true,
         .summary = "研修の詳細（回・出席・修了）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/training-courses/:id/sessions",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_course(ctx);
               return Response::json(service::create_training_session(ctx.db, ctx.actor(), c, ctx.body()), 201);
             },
         .summary = "研修の回の追加"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/training-sessions/:id/attendance",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto s = service::find_training_session(ctx.db, ctx.param("id"));
               if (!s) throw service::not_found();
               ctx.require({s->organisation_id, std::nullopt}, "training_session", s->id);
               return Response::json(service::record_training_attendance(ctx.db, ctx.actor(), *s, ctx.body()));
             },
         .summary = "研修の回の出席の記録（関係機関の職員は人数のみ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/training-courses/:id/completions",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_course(ctx);
               return Response::json(service::complete_course(ctx.db, ctx.actor(), c, ctx.body()), 201);
             },
         .summary = "研修の修了（資格の付与）"});

  // --- dispatch from a case ---
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/dispatch-candidates",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return Response::json(service::dispatch_candidates(ctx.db, ctx.actor(), c, ctx.req.query));
             },
         .audits_reads = true,
         .summary = "派遣の候補（理由つき。提案のみで、だれも依頼されない）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/dispatch-wishes",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto stored = service::stored_dispatch_wishes(ctx.db, c.id);
               service::audit(ctx.db, ctx.actor(), {"read", "person", stored.person_id.value_or(""), "dispatch wishes of case " + c.id});
               return Response::json({{"wishes", service::dispatch_wishes_json(stored.wishes)}, {"recorded", stored.recorded}});
             },
         .audits_reads = true,
         .summary = "派遣についての本人の希望（本人の記録から。同性・同世代・ピア）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/cases/:id/dispatches",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               auto items = nlohmann::json::array();
               for (const auto& d : service::dispatches_of_case(ctx.db, c.id)) items.push_back(d);
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", "", "case " + c.id});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "ケースからの派遣の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/cases/:id/dispatches",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto c = require_case(ctx, ctx.param("id"));
               return versioned(service::create_dispatch(ctx.db, ctx.config.seal_key, ctx.actor(), c, ctx.body()), 201);
             },
         .summary = "サポーターの派遣の依頼（資格の有効性と二重の予約を確かめる）"});
  // --- dispatch for a 居場所・グループ session ---
  r.add({.method = "GET",
         .pattern = "/api/v1/group-sessions/:id/dispatch-candidates",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto s = service::find_session(ctx.db, ctx.param("id"));
               if (!s) throw service::not_found();
               ctx.require(s->target(), "group_session", s->id);
               return Response::json(
                   service::session_dispatch_candidates(ctx.db, ctx.actor(), s->organisation_id, s->held_on, ctx.req.query));
             },
         .audits_reads = true,
         .summary = "居場所・グループの回への派遣の候補（理由つき。提案のみ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/group-sessions/:id/dispatches",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto s = service::find_session(ctx.db, ctx.param("id"));
               if (!s) throw service::not_found();
               ctx.require(s->target(), "group_session", s->id);
               return versioned(service::create_session_dispatch(ctx.db, ctx.config.seal_key, ctx.actor(), s->id,
                                                                 s->organisation_id, s->held_on, s->state, ctx.body()),
                                201);
             },
         .summary = "居場所・グループの回へのサポーターの依頼（資格の有効性と二重の予約を確かめる）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/dispatches",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               for (const auto& d : service::dispatches_of_organisation(ctx.db, ctx.actor().organisation_id, ctx.req.query))
                 items.push_back(d);
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", "", "board"});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "派遣の一覧（state・from・to）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/dispatches-of-our-supporters",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto items = service::dispatches_elsewhere(ctx.db, ctx.actor().organisation_id);
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", "", "own supporters elsewhere"});
               return Response::json({{"items", std::move(items)}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "自組織のサポーターへのほかの組織からの派遣（活動・日時・状況だけ。ケースの内容は含まない）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/dispatches/:id",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", d.id, ""});
               return versioned(d);
             },
         .audits_reads = true,
         .summary = "派遣の詳細（報告を含む）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/dispatches/:id/state",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               return versioned(service::move_dispatch(ctx.db, ctx.actor(), d, ctx.expected_version(), ctx.body()));
             },
         .summary = "派遣の状況の変更（実施・取消）"});

  r.add({.method = "POST",
         .pattern = "/api/v1/dispatches/:id/accept-report",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               return versioned(service::accept_dispatch_report(ctx.db, ctx.actor(), d, ctx.expected_version(), ctx.body()));
             },
         .summary = "サポーターの報告を相談・支援記録にする（その他（訪問等））"});

  r.add({.method = "POST",
         .pattern = "/api/v1/dispatches/:id/urgent-handled",
         .policy = coordination,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               return versioned(service::mark_urgent_report_handled(ctx.db, ctx.actor(), d, ctx.expected_version()));
             },
         .summary = "居場所・グループの回の急ぎの連絡がある報告を確認済みにする"});

  r.add({.method = "GET",
         .pattern = "/api/v1/reports/supporters",
         .policy = organisation_report_policy(),
         .handler =
             [](RouteContext& ctx) {
               // Coordinators and supervisors: their own organisation;
               // analysts (and admins): any organisation's totals, with the
               // small counts of people hidden as in the other reports.
               auto scope = report::read_organisation_year(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({scope.organisation_id, std::nullopt}, "organisation", scope.organisation_id);
               auto j = report::supporter_figures(ctx.db, scope.organisation_id, scope.fiscal_year);
               bool suppressed = report::sees_suppressed_figures(ctx.actor().role);
               if (suppressed) report::suppress_supporter_figures(j, ctx.config.small_cell_k);
               j["organisation"] = {{"id", scope.organisation_id}, {"name", scope.organisation_name}};
               j["suppressed"] = suppressed;
               return Response::json(j);
             },
         .summary = "サポーターの年度の数字（活動中の人数・ピア・活動と月ごとの派遣・時間・研修。個人の順位は出さない。organisation・fiscal_year）"});

  // --- the supporter's own page ---
  r.add({.method = "GET",
         .pattern = "/api/v1/my/supporter",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto s = my_supporter(ctx);
               service::audit(ctx.db, ctx.actor(), {"read", "supporter", s.id, "self"});
               return Response::json(service::supporter_self(ctx.db, s));
             },
         .audits_reads = true,
         .summary = "サポーター本人の登録内容・研修・資格の有効期限"});
  r.add({.method = "GET",
         .pattern = "/api/v1/my/statement",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto s = my_supporter(ctx);
               service::QueryInput in(ctx.req.query);
               auto month = in.text("month", "月", 7);
               if (!month || month->size() != 7 || (*month)[4] != '-' || !domain::parse_iso_date(*month + "-01"))
                 in.fail("month", "月は 2026-04 のように指定してください。");
               in.check();
               auto table = report::supporter_statement(ctx.db, s.id, s.name, s.organisation_id, *month);
               service::audit(ctx.db, ctx.actor(), {"read", "supporter", s.id, "own statement " + *month});
               return Response::json({{"month", *month}, {"tables", std::vector<report::Table>{table}}});
             },
         .audits_reads = true,
         .summary = "サポーター本人の月ごとの明細（活動・時間・謝金・交通費）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/my/dispatches",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               auto s = service::find_supporter_of_user(ctx.db, ctx.config.seal_key, ctx.actor().user_id);
               if (s)
                 for (const auto& d : service::dispatches_of_supporter(ctx.db, s->id)) items.push_back(service::supporter_view(d));
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", "", "own"});
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "サポーター本人の派遣の一覧（活動に必要なことだけ）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/my/dispatches/:id",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               service::audit(ctx.db, ctx.actor(), {"read", "dispatch", d.id, "supporter view"});
               return versioned_text(service::json_text(service::supporter_view(d)), d.version);
             },
         .audits_reads = true,
         .summary = "サポーター本人の派遣（呼び名・待ち合わせ・メモ・連絡先。報告の後は見えない）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/my/dispatches/:id/answer",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               auto moved = service::answer_dispatch(ctx.db, ctx.actor(), d, ctx.expected_version(), ctx.body());
               return versioned_text(service::json_text(service::supporter_view(moved)), moved.version);
             },
         .summary = "派遣の依頼へのお返事（承諾・辞退）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/my/dispatches/:id/report",
         .policy = self,
         .handler =
             [](RouteContext& ctx) {
               auto d = require_dispatch(ctx);
               auto moved = service::report_dispatch(ctx.db, ctx.actor(), d, ctx.expected_version(), ctx.body());
               return versioned_text(service::json_text(service::supporter_view(moved)), moved.version);
             },
         .summary = "活動の後の短い報告（急ぎの連絡の印）"});
}

}  // namespace tsunagu::http
