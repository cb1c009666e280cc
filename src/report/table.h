// A report table: what every statistic of tsunagu produces (the MHLW annual
// figures, the requirement matrix, outcomes, staff load) before it becomes
// JSON for the screen, an xlsx sheet or a CSV file.
//
// One shape for all of them so that export and small-cell suppression are
// written once. Cells carry plain values (counts as integers, rates as
// fractions 0..1); formatting happens at the edge (the screen, the sheet).
// A hidden cell (small-cell suppression, report/small_cells.h) has its value
// erased in the table itself, so no later step can leak it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace tsunagu::report {

enum class ColumnKind {
  text,    // labels (地域名, 関係機関)
  count,   // whole numbers of records or people
  rate,    // a fraction 0..1, shown as a percentage with one decimal
  number,  // any other number (medians, days)
};
std::string_view kind_id(ColumnKind k);

struct Column {
  std::string key;    // stable, ASCII: "phone", "age_20s", "total"
  std::string label;  // Japanese header, verbatim PRODUCT.md terms
  ColumnKind kind = ColumnKind::count;
  // Counts of people (相談実人数): subject to small-cell suppression for
  // aggregate-only viewers. Counts of records (件数) are not.
  bool persons = false;
};

using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

// Shown instead of a hidden cell: 「X」 as in the government's own tables
// (e-Stat: 秘匿), the same for primary and complementary cells so that
// nobody can tell which of them is small.
inline constexpr std::string_view kHiddenLabel = "X";

struct Table {
  std::string id;          // "mhlw_contacts_by_area"
  std::string title;       // 「相談件数（地域別）」
  std::string sheet_name;  // xlsx sheet, at most 31 characters
  std::vector<std::string> caption;  // 「令和7年度（2025年度）」, 「対象: みどり県」
  std::vector<std::string> notes;    // footnotes (※ …)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Structure for suppression: the column holding each row's total of the
  // person columns, and the row holding the column totals.
  std::optional<std::size_t> total_column, total_row;
  // Rows whose numbers are rates whatever their column says: the 率 row
  // under the 件数 row of the national つなぎ table.
  std::vector<std::size_t> rate_rows;
  // Same shape as rows once suppression has run; empty: nothing hidden.
  std::vector<std::vector<bool>> hidden;
  // A block of rows under a heading of its own, as MHLW prints the 指定都市
  // after the prefectures: the heading goes before row `row`.
  struct RowGroup {
    std::size_t row;
    std::string label;
  };
  std::vector<RowGroup> row_groups;
  // What each row is ("area:<id>", "organisation:<id>"; "" for a 合計 or a
  // row of no record), so a screen can open the row's own report. Empty
  // for tables whose rows are not records.
  std::vector<std::string> row_refs;

  bool is_hidden(std::size_t r, std::size_t c) const;
  std::size_t column_index(std::string_view key) const;  // throws std::out_of_range
  bool any_hidden() const;
  // How cell (r, c) is formatted: text columns stay text; a rate row makes
  // its numbers rates; otherwise the column's kind.
  ColumnKind kind_at(std::size_t r, std::size_t c) const;
};

// {id, title, sheet_name, caption, notes, columns:[{key,label,kind,persons}],
//  rows:[[…]] (hidden cells null), hidden:[[bool]], rate_rows, hidden_label,
//  row_groups:[{row,label}], row_refs:[…]}
void to_json(nlohmann::json& j, const Table& t);
// A cell's JSON (std::variant is in std, so ADL would not find a to_json).
nlohmann::json cell_json(const Cell& c);

// Text of a cell as a person reads it: counts with digit grouping
// ("1,234"), rates "12.5%", hidden cells kHiddenLabel, empty cells "".
// Used for CSV (Excel shows the text as written) and tests.
std::string display_text(const Table& t, std::size_t r, std::size_t c);

// Hides cell (r, c): its value erased, its flag set. For cells derived from
// hidden ones (a rate whose parts were suppressed), after suppress_small_cells.
void hide_cell(Table& t, std::size_t r, std::size_t c);

// Rate for a 率 column: part / whole, or an empty cell when whole is 0.
Cell rate_cell(std::int64_t part, std::int64_t whole);

}  // namespace tsunagu::report
