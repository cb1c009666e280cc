// Small-cell suppression (小さい数の秘匿) for aggregate-only viewers.
//
// PRODUCT.md: an analyst sees aggregate statistics only, "with small-cell
// suppression in anything an analyst sees". A person count between 1 and
// k−1 (k per deployment, `serve --small-cell-k`, default 3) could single
// out somebody in a small town, so it is hidden; 0 is shown (nobody to
// single out), and so is every count ≥ k.
//
// Hiding one cell is not enough when totals are printed: in a row
// 合計 = 〜10代 + 20代 + … the one hidden cell is the total minus the
// others. So the rule (complementary suppression) is, in full:
//   1. Primary: every person cell (Column::persons) with 1 ≤ v < k is hidden,
//      totals included.
//   2. A "line" is one equation of the table: a row of person cells with its
//      total_column, or a column of person cells over the detail rows with
//      its total_row. A line in which exactly one member is hidden gives
//      that member away — and so does a line with a shown total whose
//      hidden details are all zero (counts are never negative), or all at
//      other bounds the viewer knows (CellSystem below) — so one more member
//      of it is hidden: the smallest non-zero visible detail cell of the
//      line; if there is none, the smallest zero detail cell; if there is
//      none, the line's total.
//   3. Repeat 2 until no line gives a member away (it ends: the hidden set
//      only grows and is finite).
// Every printed total stays the true total — totals are never adjusted, so
// they stay consistent with the hidden cells (the sum over a line is
// still exact) while no hidden cell can be recovered by subtraction within
// any line. Hidden cells are erased from the table (value monostate, flag
// in Table::hidden) and shown as 「X」.
//
// The same rule runs over one table (suppress_small_cells) or over a set of
// equations spanning several tables (suppress_cells): the MHLW figures
// decide it over every table one viewer can reach for a year, so that a
// cell hidden in one report is not printed by another
// (report/mhlw_suppression.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/role.h"
#include "report/table.h"

namespace tsunagu::report {

inline constexpr int kDefaultSmallCellK = 3;

// True for roles that see only aggregates and therefore suppressed figures:
// analyst (PRODUCT.md) and admin (no case content by default). Coordinators
// and supervisors see their own organisation's figures in full — they can
// open the cases behind them anyway.
bool sees_suppressed_figures(domain::Role role);

// Applies the rule above to `t` with threshold k (k ≤ 1 hides nothing).
void suppress_small_cells(Table& t, int k);

// Cells (by index) and the equations between them. `primary` marks the
// cells whose small values are hidden first. `floors` and `ceilings` (empty:
// none) are bounds the viewer knows besides the equations: a cell is at
// least its floor, and at most the value of its ceiling cell while that cell
// is shown (report/mhlw_suppression.h: 1 ≤ 実人数 ≤ 件数 of a row with
// records). With them, a line whose hidden details can only all sit at their
// floors (or all at their ceilings) gives them away as surely as a line with
// one hidden cell — two hidden organisations whose shown 合計 is 2 are 1 and
// 1 — so such a line gets one more hidden detail too.
struct CellSystem {
  struct Line {
    std::vector<std::size_t> details;
    std::optional<std::size_t> total;
  };
  std::vector<std::int64_t> values;
  std::vector<bool> primary;
  std::vector<std::int64_t> floors;
  std::vector<std::optional<std::size_t>> ceilings;
  std::vector<Line> lines;
};
std::vector<bool> suppress_cells(const CellSystem& s, int k);

}  // namespace tsunagu::report
