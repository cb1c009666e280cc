#include "report/mhlw_report.h"

#include <algorithm>

#include "domain/fiscal_year.h"
#include "report/mhlw.h"
#include "report/mhlw_query.h"
#include "report/mhlw_scope.h"
#include "report/mhlw_suppression.h"
#include "report/small_cells.h"
#include "service/areas.h"
#include "service/audit.h"
#include "service/input.h"
#include "service/organisations.h"
#include "service/problem.h"

namespace tsunagu::report {

using service::Area;
using service::FieldError;
using service::Problem;

namespace {

constexpr int kFirstFiscalYear = 2000;

bool may_see_areas(domain::Role role) { return report::sees_suppressed_figures(role); }

}  // namespace

void to_json(nlohmann::json& j, const MhlwReport& r) {
  j = {{"fiscal_year", r.fiscal_year},
       {"fiscal_year_label", r.fiscal_year_label},
       {"scope", {{"kind", r.scope_kind}, {"id", r.scope_id}, {"label", r.scope_label}}},
       {"suppressed", r.suppressed},
       {"small_cell_k", r.suppressed ? nlohmann::json(r.small_cell_k) : nlohmann::json(nullptr)},
       {"tables", r.tables}};
}

MhlwRequest read_mhlw_request(const std::map<std::string, std::string>& query, const service::Actor& actor, int today_fy) {
  auto get = [&](const char* k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  std::vector<FieldError> errors;
  MhlwRequest req;
  std::string fy = get("fiscal_year");
  std::string range = std::to_string(kFirstFiscalYear) + "〜" + std::to_string(today_fy);
  if (fy.empty()) {
    errors.push_back({"fiscal_year", "年度 (fiscal_year) を西暦4桁で指定してください（例: 2025 = 令和7年度）。"});
  } else if (fy.size() != 4 || !std::all_of(fy.begin(), fy.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    errors.push_back({"fiscal_year", "年度は西暦4桁の数字で指定してください（例: 2025 = 令和7年度）。"});
  } else {
    req.fiscal_year = std::stoi(fy);
    if (req.fiscal_year < kFirstFiscalYear || req.fiscal_year > today_fy)
      errors.push_back({"fiscal_year", "年度は " + range + " の範囲で指定してください。"});
  }
  req.area_id = get("area");
  req.organisation_id = get("organisation");
  if (!req.area_id.empty() && !req.organisation_id.empty())
    errors.push_back({"area", "地域 (area) と組織 (organisation) は、どちらか一方だけを指定してください。"});
  if (!errors.empty()) throw service::invalid(std::move(errors));
  if (req.area_id.empty() && req.organisation_id.empty()) req.organisation_id = actor.organisation_id;
  return req;
}

MhlwReport mhlw_report(store::Connection& db, const service::Actor& actor, const MhlwRequest& req, int small_cell_k) {
  report::MhlwScope scope;
  auto tree = report::AreaTree::load(db);
  MhlwReport out;
  out.fiscal_year = req.fiscal_year;
  out.fiscal_year_label = domain::wareki_fiscal_year_label(req.fiscal_year).value_or("") + "（" +
                          std::to_string(req.fiscal_year) + "年度）";
  if (!req.area_id.empty()) {
    if (!may_see_areas(actor.role))
      throw Problem(403, "forbidden",
                    "地域ごとの集計は、集計担当と管理者が見ることができます。自組織の集計をご覧ください。");
    const Area* area = tree.find(req.area_id);
    if (!area) throw Problem(404, "not_found", "指定された地域は見つかりません。");
    scope = tree.scope_of(*area);
    out.scope_kind = "area";
    out.scope_id = area->id;
  } else {
    // The route checked reach over this organisation (ctx.require).
    auto org = service::find_organisation(db, req.organisation_id);
    if (!org) throw Problem(404, "not_found", "指定された組織は見つかりません。");
    scope = report::organisation_scope(*org);
    out.scope_kind = "organisation";
    out.scope_id = org->id;
  }
  out.scope_label = scope.label;
  out.suppressed = report::sees_suppressed_figures(actor.role);
  out.small_cell_k = small_cell_k;
  if (out.suppressed) {
    // Decided over every area and organisation the viewer may ask for
    // (report/mhlw_suppression.h), so the figures of all of them are read.
    auto counts = report::every_organisation_counts(db, tree, req.fiscal_year);
    report::MhlwSuppression suppression(tree, counts, small_cell_k);
    out.tables = report::mhlw_tables(req.fiscal_year, scope, counts, &suppression);
  } else {
    auto counts = report::mhlw_counts(db, req.fiscal_year, report::all_ids(scope));
    out.tables = report::mhlw_tables(req.fiscal_year, scope, counts, nullptr);
  }
  out.file_name = domain::wareki_fiscal_year_label(req.fiscal_year).value_or(std::to_string(req.fiscal_year) + "年度") +
                  "_ひきこもり相談実績_" + scope.label;
  out.ascii_name = "mhlw-" + std::to_string(req.fiscal_year);
  service::audit(db, actor, {"read", "report", "mhlw", std::to_string(req.fiscal_year) + " " + out.scope_kind + " " + out.scope_id});
  return out;
}

}  // namespace tsunagu::report
