#include "domain/fiscal_year.h"
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/report_export.h"
#include "http/routes.h"
#include "report/group_figures.h"
#include "report/organisation_year.h"
#include "report/small_cells.h"
#include "service/groups.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/query_input.h"

namespace tsunagu::http {
namespace {

using domain::Role;
using service::Reach;

// A group's figures: its own staff in full; analysts (市区町村・都道府県)
// every group's, with small cells hidden (aggregates only).
service::Policy group_figures_policy() {
  auto p = service::group_work_policy();
  p.reach[Role::analyst] = Reach::all;
  return p;
}

// The organisation's yearly table of its groups: as the other
// per-organisation reports, and for 居場所スタッフ of the organisation too.
service::Policy organisation_groups_policy() {
  auto p = organisation_report_policy();
  p.reach[Role::ibasho_staff] = Reach::own_organisation;
  return p;
}

// Linking a participant to a case: the staff who do case work, not
// 居場所スタッフ, who see nicknames, not case records (service::sees_case_links).
service::Policy linking_cases_policy() {
  auto p = service::group_work_policy();
  p.reach[Role::ibasho_staff] = Reach::none;
  return p;
}

service::Group require_group(RouteContext& ctx) {
  return require_record(ctx, "group", service::find_group(ctx.db, ctx.param("id")));
}

// Loads a session and checks it like its group (the same organisation).
service::GroupSession require_session(RouteContext& ctx) {
  auto s = service::find_session(ctx.db, ctx.param("id"));
  if (!s) throw service::not_found();
  ctx.require(s->target(), "group_session", s->id);
  return *s;
}

int fiscal_year_param(RouteContext& ctx) {
  service::QueryInput in(ctx.req.query);
  auto fy = in.integer("fiscal_year", "年度", report::kMinReportYear, report::kMaxReportYear);
  in.check();
  return fy ? static_cast<int>(*fy) : domain::fiscal_year_of(*domain::parse_iso_date(service::today_tokyo()));
}

}  // namespace

void add_group_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/groups",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto items = nlohmann::json::array();
               for (const auto& g : service::groups_of_organisation(ctx.db, ctx.actor().organisation_id)) items.push_back(g);
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .summary = "自組織の居場所・グループの一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/groups",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               return versioned(service::create_group(ctx.db, ctx.actor(), ctx.body()), 201);
             },
         .summary = "居場所・グループの登録（種類・対象・日程・受け入れる市町村）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id",
         .policy = service::group_work_policy(),
         .handler = [](RouteContext& ctx) { return versioned(require_group(ctx)); },
         .summary = "居場所・グループの詳細"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/groups/:id",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               return versioned(service::update_group(ctx.db, ctx.actor(), g, ctx.expected_version(), ctx.body()));
             },
         .summary = "居場所・グループの更新"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id/sessions",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               service::QueryInput in(ctx.req.query);
               auto from = in.date("from", "開始日", {.required = false, .not_future = false});
               auto to = in.date("to", "終了日", {.required = false, .not_future = false});
               in.check();
               auto items = nlohmann::json::array();
               for (const auto& s : service::sessions_of_group(ctx.db, g.id, from ? domain::format_iso_date(*from) : "",
                                                               to ? domain::format_iso_date(*to) : ""))
                 items.push_back(s);
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .summary = "グループの開催の一覧（from・to）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/groups/:id/sessions",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               return versioned(service::create_session(ctx.db, ctx.actor(), g, ctx.body()), 201);
             },
         .summary = "開催の追加（1回）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/groups/:id/sessions/generate",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               auto items = nlohmann::json::array();
               for (const auto& s : service::generate_sessions(ctx.db, ctx.actor(), g, ctx.body())) items.push_back(s);
               return Response::json({{"items", items}}, 201);
             },
         .summary = "定例の日程から開催予定を作る（from・to、最長1年）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/group-sessions/:id",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_session(ctx);
               auto g = service::find_group(ctx.db, s.group_id);
               return versioned_text(service::json_text(service::session_checkin(ctx.db, ctx.actor(), *g, s)), s.version);
             },
         .audits_reads = true,
         .summary = "開催の受付画面（参加者の出欠・匿名の人数）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/group-sessions/:id",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_session(ctx);
               return versioned(service::update_session(ctx.db, ctx.actor(), s, ctx.expected_version(), ctx.body()));
             },
         .summary = "開催の更新（予定・実施・中止、担当、部屋、メモ）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/group-sessions/:id/attendance",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_session(ctx);
               return versioned(service::record_attendance(ctx.db, ctx.actor(), s, ctx.expected_version(), ctx.body()));
             },
         .summary = "出欠と匿名の人数の記録"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id/participants",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               auto items = nlohmann::json::array();
               for (const auto& p : service::participants_of_group(ctx.db, ctx.actor(), g)) items.push_back(p);
               return Response::json({{"items", items}, {"next_cursor", nullptr}});
             },
         .audits_reads = true,
         .summary = "グループの登録参加者（呼び名）の一覧"});
  r.add({.method = "POST",
         .pattern = "/api/v1/groups/:id/participants",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               return versioned(service::create_participant(ctx.db, ctx.actor(), g, ctx.body()), 201);
             },
         .summary = "参加者の登録（自組織のケース、または呼び名のみ）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/group-participants/:id",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto p = require_record(ctx, "group_participant", service::find_participant(ctx.db, ctx.param("id")));
               return versioned(service::update_participant(ctx.db, ctx.actor(), p, ctx.expected_version(), ctx.body()));
             },
         .summary = "参加者の更新・参加の終了（過去の出席は数に残る）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id/linkable-cases",
         .policy = linking_cases_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               service::QueryInput in(ctx.req.query);
               auto q = in.text("q", "検索語", 50);
               in.check();
               return Response::json(service::linkable_cases(ctx.db, ctx.actor(), g, q.value_or("")));
             },
         .audits_reads = true,
         .summary = "参加者に結び付けられる自組織のケース（件名と段階のみ。相談員・所長等）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id/series",
         .policy = service::group_work_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto g = require_group(ctx);
               auto items = service::series_completion(ctx.db, ctx.actor(), g);
               service::audit(ctx.db, ctx.actor(), {"read", "group_participant", "", "series " + g.id});
               return Response::json({{"items", items}, {"series_total", g.series_total ? nlohmann::json(*g.series_total) : nullptr}});
             },
         .audits_reads = true,
         .summary = "プログラムの修了状況（参加者ごと）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/groups/:id/figures",
         .policy = group_figures_policy(),
         .handler =
             [](RouteContext& ctx) {
               report_format(ctx);  // a wrong format is refused before any work
               auto g = require_group(ctx);
               int fy = fiscal_year_param(ctx);
               auto f = report::group_figures(ctx.db, g.id, domain::fiscal_year_first_day(fy), domain::fiscal_year_last_day(fy));
               auto tables = report::group_year_tables(ctx.db, g, fy, f);
               bool suppressed = report::sees_suppressed_figures(ctx.actor().role);
               if (suppressed) {
                 for (auto& t : tables) report::suppress_small_cells(t, ctx.config.small_cell_k);
                 report::hide_group_derived_cells(tables);
               }
               nlohmann::json j = {{"group", {{"id", g.id}, {"name", g.name}, {"kind", g.kind}, {"organisation_name", g.organisation_name}}},
                                   {"fiscal_year", fy},
                                   {"fiscal_year_label", domain::fiscal_year_label(fy)},
                                   {"suppressed", suppressed},
                                   {"tables", tables}};
               return report_response(ctx, j, tables, "group-" + std::to_string(fy), g.name + "_" + std::to_string(fy) + "年度");
             },
         .summary = "グループの年度の数字（月別の開催・実人数・延べ人数・本人と家族・市町村・継続参加、fiscal_year・format）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/groups",
         .policy = organisation_groups_policy(),
         .handler =
             [](RouteContext& ctx) {
               report_format(ctx);
               auto scope = report::read_organisation_year(ctx.db, ctx.req.query, ctx.actor());
               ctx.require({scope.organisation_id, std::nullopt}, "organisation", scope.organisation_id);
               auto table = report::organisation_groups_table(ctx.db, scope.organisation_id, scope.fiscal_year);
               table.caption.push_back("対象: " + scope.organisation_name);
               bool suppressed = report::sees_suppressed_figures(ctx.actor().role);
               if (suppressed) report::suppress_small_cells(table, ctx.config.small_cell_k);
               auto j = report::scope_json(scope);
               j["suppressed"] = suppressed;
               j["tables"] = std::vector<report::Table>{table};
               return report_response(ctx, j, {table}, "groups-" + std::to_string(scope.fiscal_year));
             },
         .summary = "組織の居場所・グループの年度の数字（organisation・fiscal_year・format）"});
}

}  // namespace tsunagu::http
