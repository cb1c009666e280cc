// The MHLW annual figures as report tables, laid out like the national
// tables of seed 004 (令和3年度 ひきこもり地域支援センター 相談実績):
//   相談件数            合計 | 電話 | メール | SNS | 来所 | その他（訪問等）
//   相談実人数          合計 | 〜10代 | 20代 | 30代 | 40代 | 50代〜 | 年齢不明
//   相談件数（地域別）   one row per area (or organisation) under the scope, 合計
//   相談実人数（地域別） likewise, person counts
//   関係機関へのつなぎ件数  件数 and 率 rows over the 21 categories and 総計
//   つなぎ件数（地域別） one row per area, 総計
// Which organisations make up each row is decided by the caller
// (report/mhlw_report.cc from the area tree); here only the arithmetic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/mhlw_query.h"
#include "report/table.h"

namespace tsunagu::report {

struct MhlwUnit {
  std::string label;                          // area or organisation name
  std::vector<std::string> organisation_ids;  // whose figures add up to the row
};

struct MhlwScope {
  std::string label;        // 「みどり県」, 「みどり市ひきこもり地域支援センター」
  std::string kind_label;   // 「都道府県」, 「市区町村」, 「地区」, 「組織」
  std::vector<MhlwUnit> units;
};

// All six tables for `fiscal_year`. With `small_cell_k`, person counts are
// suppressed (report/small_cells.h) and both 実人数 tables show the same
// hidden cells.
std::vector<Table> mhlw_tables(int fiscal_year, const MhlwScope& scope,
                               const std::map<std::string, MhlwCounts>& counts, std::optional<int> small_cell_k);

}  // namespace tsunagu::report
