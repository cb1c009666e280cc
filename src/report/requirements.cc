#include "report/requirements.h"

#include "report/requirement_evidence.h"

namespace tsunagu::report {
namespace {

Table make_table(const OrganisationYear& s, const std::vector<domain::RequirementRow>& rows) {
  Table t;
  t.id = "program_requirements";
  t.title = "取組の実施状況（事業類型別の必須・任意）";
  t.sheet_name = "取組の実施状況";
  t.caption = scope_caption(s);
  t.caption.push_back("事業類型: " + s.program_type.value_or("未設定"));
  t.notes = {"◎は必須事業、○は任意事業、–は対象外（実施主体・事業別の取組一覧）。",
             "「記録なし」は、その取組を記録する機能がまだないことを示します（0件ではありません）。",
             "「要確認」は、必須事業で今年度の記録が見つからない取組です。"};
  t.columns = {{"number", "番号", ColumnKind::text},  {"activity", "取組", ColumnKind::text},
               {"mark", "区分", ColumnKind::text},    {"evidence", "根拠となる記録", ColumnKind::text},
               {"count", "件数", ColumnKind::count},  {"state", "実績", ColumnKind::text},
               {"check", "確認", ColumnKind::text}};
  for (const auto& r : rows) {
    std::string mark = r.requirement ? std::string(domain::symbol(*r.requirement)) : "";
    std::string check = r.required_without_evidence ? "要確認" : "";
    auto base = [&](std::string label, Cell count) {
      return std::vector<Cell>{std::string(domain::circled_number(r.number)), std::string(r.activity), mark,
                               std::move(label), std::move(count),
                               std::string(domain::evidence_state_label(r.state)), check};
    };
    if (!r.evidence || r.evidence->empty()) {
      t.rows.push_back(base(std::string(domain::kNoRecordFeature), std::monostate{}));
      continue;
    }
    for (const auto& e : *r.evidence) t.rows.push_back(base(e.label, e.count));
  }
  return t;
}

}  // namespace

RequirementReport requirement_report(store::Connection& db, const OrganisationYear& scope) {
  RequirementReport out;
  std::optional<std::string_view> type;
  if (scope.program_type) type = *scope.program_type;
  out.rows = domain::requirement_rows(type, count_evidence(db, scope));
  out.table = make_table(scope, out.rows);
  return out;
}

nlohmann::json to_json(const OrganisationYear& scope, const RequirementReport& r) {
  auto j = scope_json(scope);
  auto items = nlohmann::json::array();
  for (const auto& row : r.rows) {
    nlohmann::json evidence = nullptr;
    if (row.evidence) {
      evidence = nlohmann::json::array();
      for (const auto& e : *row.evidence)
        evidence.push_back({{"label", e.label}, {"count", e.count}, {"unit", e.unit}});
    }
    items.push_back({{"number", row.number},
                     {"symbol", domain::circled_number(row.number)},
                     {"activity", row.activity},
                     {"mark", row.requirement ? nlohmann::json(domain::symbol(*row.requirement))
                                              : nlohmann::json(nullptr)},
                     {"evidence", std::move(evidence)},
                     {"state", domain::evidence_state_label(row.state)},
                     {"required_without_evidence", row.required_without_evidence}});
  }
  j["activities"] = std::move(items);
  j["tables"] = nlohmann::json::array({r.table});
  return j;
}

}  // namespace tsunagu::report
