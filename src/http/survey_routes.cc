// 実態把握調査 (issue 18): surveys, respondents, anonymous cards, duplicates,
// figures, area populations and the estimators. Who reaches what is
// service/surveys.h; the cards are anonymous, so no read is audited.
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "http/report_export.h"
#include "report/prefecture_overview.h"
#include "report/small_cells.h"
#include "report/survey_report.h"
#include "service/csv_text.h"
#include "service/query_input.h"
#include "service/surveys.h"

namespace tsunagu::http {
namespace {

using domain::Role;
using service::Reach;

// A survey, checked for the actor: its staff, or a surveyor it was sent to.
service::Survey require_survey(RouteContext& ctx) {
  auto s = service::find_survey(ctx.db, ctx.param("id"));
  if (!s) throw service::not_found();
  ctx.require(s->target_for(ctx.db, ctx.actor()), "survey", s->id);
  return *s;
}

service::SurveyCard require_card(RouteContext& ctx) {
  auto c = service::find_card(ctx.db, ctx.param("id"));
  if (!c) throw service::not_found();
  ctx.require(c->target(), "survey_card", c->id);
  return *c;
}

// Areas belong to no organisation: their population is read by the staff
// who run surveys, analysts and administrators, and set by administrators
// and supervisors of a prefecture's or municipality's organisation whose
// area contains it (service::may_set_population answers 403 outside it).
service::Policy population_policy() {
  return service::policy({{Role::admin, Reach::all},
                          {Role::analyst, Reach::all},
                          {Role::coordinator, Reach::all},
                          {Role::supervisor, Reach::all}});
}
service::Policy population_write_policy() {
  return service::policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}});
}

std::string area_param(RouteContext& ctx) {
  const auto& id = ctx.param("id");
  if (id.size() > 64 || !ctx.db.query_one("SELECT 1 FROM areas WHERE id = ?", {id})) throw service::not_found();
  return id;
}

template <class T>
nlohmann::json items_of(const std::vector<T>& list) {
  auto items = nlohmann::json::array();
  for (const auto& x : list) items.push_back(x);
  return {{"items", items}, {"next_cursor", nullptr}};
}

}  // namespace

void add_survey_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/survey-template",
         .policy = service::survey_staff_policy(),
         .handler = [](RouteContext&) { return Response::json(service::survey_template_json()); },
         .summary = "実態把握調査の調査票のひな形（どの設問にも「分からない」）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys",
         .policy = service::survey_answer_policy(),
         .handler = [](RouteContext& ctx) { return Response::json(items_of(service::surveys_for(ctx.db, ctx.actor()))); },
         .summary = "実態把握調査の一覧（担当職員は自組織の調査、民生委員等は依頼された調査）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/surveys",
         .policy = service::survey_staff_policy(),
         .handler = [](RouteContext& ctx) { return versioned(service::create_survey(ctx.db, ctx.actor(), ctx.body()), 201); },
         .summary = "実態把握調査の登録（年度・対象地域・回答者・期間・独自の設問）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id",
         .policy = service::survey_answer_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               nlohmann::json j = s;
               if (ctx.actor().role == Role::surveyor)
                 if (auto me = service::respondent_of_user(ctx.db, s.id, ctx.actor().user_id)) j["my_respondent"] = *me;
               return versioned(j);
             },
         .summary = "実態把握調査の詳細（設問・地区）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/respondents",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(items_of(service::respondents_of(ctx.db, s.id)));
             },
         .summary = "調査の回答者（地区・回答の状況）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/surveys/:id/respondents",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(items_of(service::add_respondents(ctx.db, ctx.actor(), s, ctx.body())), 201);
             },
         .summary = "調査の回答者の追加"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/survey-respondents/:id",
         .policy = service::survey_answer_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto resp = service::find_respondent(ctx.db, ctx.param("id"));
               if (!resp) throw service::not_found();
               ctx.require(resp->target(), "survey_respondent", resp->id);
               auto s = service::find_survey(ctx.db, resp->survey_id);
               return versioned(service::set_no_one(ctx.db, ctx.actor(), *s, *resp, ctx.expected_version(), ctx.body()));
             },
         .summary = "「該当者なし」の回答（回答として数えます）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/cards",
         .policy = service::survey_answer_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(items_of(service::cards_for(ctx.db, ctx.actor(), s)));
             },
         .summary = "調査票の一覧（民生委員等は自分の票だけ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/surveys/:id/cards",
         .policy = service::survey_answer_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return versioned(service::create_card(ctx.db, ctx.actor(), s, ctx.body()), 201);
             },
         .summary = "調査票の記入（名前・住所なし、下書きまたは送信）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/survey-cards/:id",
         .policy = service::survey_answer_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto c = require_card(ctx);
               auto s = service::find_survey(ctx.db, c.survey_id);
               return versioned(service::update_card(ctx.db, ctx.actor(), *s, c, ctx.expected_version(), ctx.body()));
             },
         .summary = "調査票の修正・送信（民生委員等は下書きのあいだだけ）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/duplicates",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::survey_duplicates(ctx.db, s));
             },
         .summary = "重複の可能性がある調査票の組（地区・年代・性別・世帯が一致）と判断"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/surveys/:id/duplicates",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::decide_duplicate(ctx.db, ctx.actor(), s, ctx.body()));
             },
         .summary = "重複の判断（同一人物・別人・未判断に戻す）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/responses",
         .policy = service::survey_figures_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::survey_responses(ctx.db, ctx.actor(), s));
             },
         .summary = "地区ごとの回収状況（配布・回収・該当なし・未回収）と督促の一覧"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/district-rates",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::district_rates(ctx.db, s));
             },
         .summary = "地区ごとの把握数と人口千人あたりの数（回収率と並べて）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/results",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::item_results(ctx.db, s));
             },
         .summary = "設問ごとの集計（「分からない」を含む）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/report",
         .policy = service::survey_figures_policy(),
         .handler =
             [](RouteContext& ctx) {
               report_format(ctx);  // a wrong format is refused before any work
               auto s = require_survey(ctx);
               auto tables = report::survey_report_tables(ctx.db, ctx.actor(), s);
               const bool suppressed = report::sees_suppressed_figures(ctx.actor().role);
               if (suppressed) {
                 for (auto& t : tables) report::suppress_small_cells(t, ctx.config.small_cell_k);
                 report::hide_survey_derived_cells(tables);
               }
               nlohmann::json j = {{"survey", {{"id", s.id}, {"title", s.title}, {"year", s.year}, {"area_name", s.area_name}}},
                                   {"suppressed", suppressed},
                                   {"tables", tables}};
               return report_response(ctx, j, tables, "survey-" + std::to_string(s.year), s.title);
             },
         .summary = "調査の報告（回収・地区別・設問別、format=csv・xlsx、集計担当には少数の欄を伏せて）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/capture-recapture",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::capture_recapture(ctx.db, s));
             },
         .summary = "まだ誰ともつながっていない方の推計（調査票と支援記録の重なり、件数のみ）"});
  // Further lists for capture–recapture (point 6): names and row counts
  // only; the rows are linked inside the server and never sent back.
  r.add({.method = "GET",
         .pattern = "/api/v1/surveys/:id/further-lists",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::further_lists(ctx.db, s));
             },
         .summary = "推計に使う追加の名簿（地域包括支援センターなど）の一覧（名前と行数のみ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/surveys/:id/further-lists",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               return Response::json(service::add_further_list(ctx.db, ctx.actor(), s, ctx.body()), 201);
             },
         .max_body_bytes = service::csv::kMaxCsvBodyBytes,
         .summary = "追加の名簿の登録（名前のない行：地区・性別・年代・生年月、JSON または CSV）"});
  r.add({.method = "DELETE",
         .pattern = "/api/v1/surveys/:id/further-lists/:list_id",
         .policy = service::survey_staff_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto s = require_survey(ctx);
               service::delete_further_list(ctx.db, ctx.actor(), s, ctx.param("list_id"));
               return Response::no_content();
             },
         .summary = "追加の名簿の削除（行ごと）"});
  r.add({.method = "GET",
         .pattern = "/api/v1/areas/:id/population",
         .policy = population_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto id = area_param(ctx);
               service::QueryInput in(ctx.req.query);
               auto year = in.integer("year", "年", 1950, 2100);
               in.check();
               return Response::json(service::area_population(ctx.db, id, year.value_or(0)));
             },
         .summary = "地域の年代別人口（year）"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/areas/:id/population",
         .policy = population_write_policy(),
         .handler =
             [](RouteContext& ctx) {
               auto id = area_param(ctx);
               return Response::json(service::set_area_population(ctx.db, ctx.actor(), id, ctx.body()));
             },
         .summary = "地域の年代別人口の登録（住民基本台帳）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/area-populations/import",
         .policy = population_write_policy(),
         .handler = [](RouteContext& ctx) { return Response::json(service::import_population_csv(ctx.db, ctx.actor(), ctx.body()), 201); },
         .max_body_bytes = service::csv::kMaxCsvBodyBytes,
         .summary = "住民基本台帳の年齢別人口（CSV）の取り込み（地区・年齢・人口、すべての行が正しいときだけ）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/estimates/prevalence",
         .policy = service::policy({{Role::coordinator, Reach::all},
                                    {Role::supervisor, Reach::all},
                                    {Role::analyst, Reach::all}}),
         .handler = [](RouteContext& ctx) { return Response::json(service::prevalence_estimate(ctx.body())); },
         .summary = "内閣府の方法による推計（出現率×人口、95%信頼区間）"});
  r.add({.method = "POST",
         .pattern = "/api/v1/estimates/capture-recapture",
         .policy = service::policy({{Role::coordinator, Reach::all},
                                    {Role::supervisor, Reach::all},
                                    {Role::analyst, Reach::all}}),
         .handler = [](RouteContext& ctx) { return Response::json(service::capture_recapture_estimate(ctx.body())); },
         .summary = "名簿の重なりの人数からの推計（2つは Chapman、3つ以上は対数線形モデル）"});
  // The prefecture's view (point 7): where each municipality stands on
  // ① 窓口, ② 実態把握 and ③ プラットフォーム, from the records.
  r.add({.method = "GET",
         .pattern = "/api/v1/reports/prefecture-overview",
         .policy = service::policy({{Role::coordinator, Reach::all},
                                    {Role::supervisor, Reach::all},
                                    {Role::analyst, Reach::all},
                                    {Role::admin, Reach::all}}),
         .handler =
             [](RouteContext& ctx) {
               service::QueryInput in(ctx.req.query);
               auto area = in.text("area_id", "都道府県", 64);
               in.check();
               // Default: the prefecture of the actor's organisation.
               std::string id = area.value_or("");
               if (id.empty()) {
                 auto pref = ctx.db.query_one(
                     "SELECT CASE a.level WHEN 'prefecture' THEN a.id WHEN 'municipality' THEN a.parent_id "
                     "ELSE (SELECT m.parent_id FROM areas m WHERE m.id = a.parent_id) END FROM organisations o "
                     "JOIN areas a ON a.id = o.area_id WHERE o.id = ?",
                     {ctx.actor().organisation_id});
                 if (pref && pref->opt_text(0)) id = *pref->opt_text(0);
               }
               auto level = ctx.db.query_one("SELECT level FROM areas WHERE id = ?", {id});
               if (!level || level->text(0) != "prefecture") {
                 service::QueryInput bad(ctx.req.query);
                 bad.fail("area_id", "都道府県を指定してください。");
                 bad.check();
               }
               return Response::json(report::prefecture_overview(ctx.db, id));
             },
         .summary = "都道府県から見た市町村ごとの取組（①窓口・②実態把握・③プラットフォーム）"});
}

}  // namespace tsunagu::http
