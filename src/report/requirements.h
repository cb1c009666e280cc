// The program requirement matrix of one organisation and fiscal year (取組の
// 実施状況, issue 5 point 2): the twelve activities with the organisation's
// ◎ / ○ / – and the evidence counted from records.
//
// What counts as evidence, per activity (documented in
// docs/design/organisation-reports.md; the rest shows 記録なし until a feature records it):
//   ① 相談支援: 相談・支援記録 (contacts of the year), うち訪問 (sub-kind 訪問)
//   ③ ネットワークづくり: 社会資源の登録 (resource entries the organisation
//      added that year), 市町村プラットフォーム連絡会 (meetings)
//   ⑦ 民間団体との連携: つなぎ to 民間支援団体（当事者団体・NPO法人等）
//      (referrals sent that year, 取消 excluded)
//   ⑩ 支援体制の充実: ケース会議・事例検討・支援会議・重層的支援会議 (meetings)
//   ② 居場所づくり, ④ 当事者会・家族会の開催, ⑤ 住民向け講演会・研修会の開催:
//      sessions held (実施) by the organisation's groups of the kinds that
//      docs/reports/groups.md lists per row (migration 0021)
// Meetings count when the organisation organised or took part in them,
// held in the fiscal year. They come from the meetings feature (migration
// 0007); on a database without it they show 記録なし.
// The sources are registered in report/requirement_evidence.cc.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/program_requirement.h"
#include "report/organisation_year.h"
#include "report/table.h"

namespace tsunagu::report {

struct RequirementReport {
  std::vector<domain::RequirementRow> rows;
  Table table;
};

RequirementReport requirement_report(store::Connection& db, const OrganisationYear& scope);

// {…scope_json, activities:[{number, symbol, activity, mark, evidence:[{label,count,unit}]|null,
//  state, required_without_evidence}], tables:[table]}
nlohmann::json to_json(const OrganisationYear& scope, const RequirementReport& r);

}  // namespace tsunagu::report
