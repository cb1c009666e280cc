// Small-cell suppression of the MHLW person counts (相談実人数) decided over
// every table one aggregate-only viewer can reach for a fiscal year
// (issue 15 point 7; the rule: report/small_cells.h,
// docs/reports/counting-rules.md §6).
//
// An analyst may ask for any area and any organisation. A row of one
// report is the 合計 of another (a municipality's row in its prefecture's
// table is the 合計 of the municipality's own table; an organisation's row
// is its own report), so suppression decided table by table let a hidden
// cell be read back by subtraction from the other report. Here every row
// is one "node" — the set of organisations whose figures it adds up: two
// rows with the same set hold the same numbers in whatever report they
// appear — with 13 cells: the six 年代 and the 合計 of 相談実人数, the five
// 相談方法 and the 合計 of 相談件数. The 件数 take part because they bound
// the persons: every contact and message belongs to one person, so a row
// with records has 1 ≤ 実人数 ≤ 件数 — a row whose 件数 合計 is 1 has
// exactly one person. So a 件数 合計 from 1 to k−1 is hidden like a small
// person count, with the cells that would give it back, and the bounds
// (floors 1, ceiling the 件数 合計) are part of the system. The equations:
//   - each node's rows: 実人数 合計 = the six 年代, 件数 合計 = the five 方法;
//   - each reachable area table, per column: its 合計 = its rows;
//   - where a table prints the 指定都市 apart (domain/designated_city.h),
//     the rest of the area = its other rows (the prefecture's row in the
//     national table).
// The rule of small_cells.h runs once over all of them, so a cell is hidden
// in every report that shows it, and no equation of any report gives a
// hidden member away. Rows without any organisation, and rows whose
// organisations have no record in the year (件数 合計 0, so 実人数 0), are
// zero to anyone who reads the 件数 and take no part.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "report/mhlw_query.h"
#include "report/mhlw_scope.h"

namespace tsunagu::report {

// The year's figures of every organisation of `tree`: what a suppressed view
// decides over, whichever scope it shows.
std::map<std::string, MhlwCounts> every_organisation_counts(store::Connection& db, const AreaTree& tree,
                                                            int fiscal_year);

class MhlwSuppression {
 public:
  // The hidden cells of one row: `people` the six 年代 then 合計 (the
  // 実人数 tables' columns), `contacts` the five 相談方法 then 合計 (the
  // 件数 tables' columns).
  struct Flags {
    std::array<bool, 7> people{};
    std::array<bool, 6> contacts{};
  };

  MhlwSuppression(const AreaTree& tree, const std::map<std::string, MhlwCounts>& counts, int k);

  // The hidden cells of the row made of these organisations (sorted ids).
  Flags hidden_of(const std::vector<std::string>& organisation_ids) const;
  int k() const { return k_; }

 private:
  int k_;
  std::map<std::string, Flags> hidden_;
};

}  // namespace tsunagu::report
