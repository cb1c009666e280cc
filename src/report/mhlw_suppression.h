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
// appear — with 7 cells (the six 年代 and the 合計). The equations are:
//   - each node's row: 合計 = the six 年代;
//   - each reachable area table, per column: its 合計 = its rows;
//   - where a table prints the 指定都市 apart (domain/designated_city.h),
//     the rest of the area = its other rows (the prefecture's row in the
//     national table).
// The rule of small_cells.h runs once over all of them, so a cell is hidden
// in every report that shows it, and no equation of any report has exactly
// one hidden member. Rows without any organisation are zero by
// construction (anyone can see that from the area list) and take no part.
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
  static constexpr std::size_t kColumns = 7;  // the six 年代, then 合計
  using Flags = std::array<bool, kColumns>;

  MhlwSuppression(const AreaTree& tree, const std::map<std::string, MhlwCounts>& counts, int k);

  // The hidden cells of the row made of these organisations (sorted ids).
  Flags hidden_of(const std::vector<std::string>& organisation_ids) const;
  int k() const { return k_; }

 private:
  int k_;
  std::map<std::string, Flags> hidden_;
};

}  // namespace tsunagu::report
