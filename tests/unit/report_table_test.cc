// The shared report layer: small-cell suppression, CSV, xlsx sheet names.
#include <gtest/gtest.h>

#include "report/export_csv.h"
#include "report/export_xlsx.h"
#include "report/small_cells.h"
#include "report/table.h"

using namespace tsunagu::report;

namespace {

// Areas × age bands with a 合計 column and a 合計 row, like 相談実人数.
Table people(std::vector<std::vector<std::int64_t>> detail) {
  Table t;
  t.id = "t";
  t.columns.push_back({"area", "地域", ColumnKind::text});
  std::size_t width = detail.at(0).size();
  for (std::size_t c = 0; c < width; ++c) t.columns.push_back({"b" + std::to_string(c), "帯", ColumnKind::count, true});
  t.columns.push_back({"total", "合計", ColumnKind::count, true});
  t.total_column = width + 1;
  std::vector<std::int64_t> col_sum(width + 1, 0);
  for (std::size_t r = 0; r < detail.size(); ++r) {
    // Built in place, as report/mhlw.cc does (GCC 12's false
    // -Wmaybe-uninitialized on moving a temporary Cell).
    std::vector<Cell> row;
    row.emplace_back(std::string("地域") + std::to_string(r));
    std::int64_t sum = 0;
    for (std::size_t c = 0; c < width; ++c) {
      row.emplace_back(detail[r][c]);
      sum += detail[r][c];
      col_sum[c] += detail[r][c];
    }
    row.emplace_back(sum);
    col_sum[width] += sum;
    t.rows.push_back(row);
  }
  std::vector<Cell> total{std::string("合計")};
  for (auto v : col_sum) total.emplace_back(v);
  t.rows.push_back(total);
  t.total_row = t.rows.size() - 1;
  return t;
}

// No line (row or column equation) may have exactly one hidden member.
void expect_safe(const Table& t) {
  std::size_t tc = *t.total_column;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    int n = 0;
    for (std::size_t c = 1; c <= tc; ++c) n += t.is_hidden(r, c);
    EXPECT_NE(n, 1) << "row " << r;
  }
  for (std::size_t c = 1; c <= tc; ++c) {
    int n = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) n += t.is_hidden(r, c);
    EXPECT_NE(n, 1) << "column " << c;
  }
}

}  // namespace

TEST(SmallCells, RolesThatSeeOnlyAggregates) {
  using tsunagu::domain::Role;
  EXPECT_TRUE(sees_suppressed_figures(Role::analyst));
  EXPECT_TRUE(sees_suppressed_figures(Role::admin));
  EXPECT_FALSE(sees_suppressed_figures(Role::supervisor));
  EXPECT_FALSE(sees_suppressed_figures(Role::coordinator));
}

TEST(SmallCells, NothingSmallNothingHidden) {
  auto t = people({{0, 5, 3}, {4, 0, 10}});
  suppress_small_cells(t, 3);
  EXPECT_FALSE(t.any_hidden());
}

TEST(SmallCells, PrimaryAndComplementaryInRowAndColumn) {
  // 地域0: 1 person in band 0 → hidden; the smallest non-zero of the row
  // (3) hides with it; columns 0 and 1 then each have one hidden → more.
  auto t = people({{1, 3, 5}, {4, 6, 10}});
  suppress_small_cells(t, 3);
  EXPECT_TRUE(t.is_hidden(0, 1));
  EXPECT_TRUE(t.is_hidden(0, 2));
  EXPECT_FALSE(t.is_hidden(0, 3));
  EXPECT_TRUE(t.is_hidden(1, 1));  // column 0: 4 is the only other detail
  EXPECT_TRUE(t.is_hidden(1, 2));
  EXPECT_FALSE(t.is_hidden(2, 4));  // the grand total stays
  expect_safe(t);
  // Hidden values are erased, not just flagged.
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][1]));
  // Totals are the true totals.
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][4]), 9);
  EXPECT_EQ(std::get<std::int64_t>(t.rows[2][4]), 29);
}

TEST(SmallCells, ZeroIsShownAndNeverPrimary) {
  auto t = people({{0, 0, 7}, {0, 8, 9}});
  suppress_small_cells(t, 3);
  EXPECT_FALSE(t.any_hidden());
}

TEST(SmallCells, SmallTotalIsHiddenToo) {
  // A row totalling 2: the total and its one non-zero cell are hidden; the
  // total column then needs a complement (another row's total).
  auto t = people({{0, 2, 0}, {5, 5, 5}, {6, 6, 6}});
  suppress_small_cells(t, 3);
  EXPECT_TRUE(t.is_hidden(0, 2));
  EXPECT_TRUE(t.is_hidden(0, 4));
  expect_safe(t);
}

// The hidden cells of a table as 0/1 per row, label column left out.
static std::vector<std::vector<int>> hidden_map(const Table& t) {
  std::vector<std::vector<int>> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<int> row;
    for (std::size_t c = 1; c < t.columns.size(); ++c) row.push_back(t.is_hidden(r, c) ? 1 : 0);
    out.push_back(row);
  }
  return out;
}

TEST(SmallCells, ComplementPrefersNonZeroThenZeroThenTotal) {
  using Map = std::vector<std::vector<int>>;
  {
    // Non-zero first, the smallest of them: one row (no 合計 row), 1 is
    // hidden; of 0, 7 and 5 the complement is 5 — not the zero, not the 7,
    // not the total.
    auto t = people({{1, 0, 7, 5}});
    t.rows.pop_back();
    t.total_row.reset();
    suppress_small_cells(t, 3);
    EXPECT_EQ(hidden_map(t), (Map{{1, 0, 0, 1, 0}}));
  }
  {
    // Then a zero: row 0 hides 1 and its complement 5; column 2 then has
    // one hidden cell and, besides, only a zero (row 1) and the 合計 row's
    // 5: the zero is hidden, not the total. Column 1 hides the 4 (non-zero).
    auto t = people({{1, 5}, {4, 0}});
    suppress_small_cells(t, 3);
    EXPECT_EQ(hidden_map(t), (Map{{1, 1, 0}, {1, 1, 0}, {0, 0, 0}}));
    expect_safe(t);
  }
  {
    // Then the total, when the line has no other detail to hide: one band
    // whose 合計 is not its sum (a person counted once however many
    // lines they appear in). Row 0 hides its 1 and then its 合計 3; the
    // column of the band and the 合計 column each hide row 1's 4.
    auto t = people({{1}, {4}});
    t.rows[0][2].emplace<std::int64_t>(3);
    t.rows[2][2].emplace<std::int64_t>(7);
    suppress_small_cells(t, 3);
    EXPECT_EQ(hidden_map(t), (Map{{1, 1}, {1, 1}, {0, 0}}));
    expect_safe(t);
  }
}

TEST(SmallCells, KOfOneHidesNothingAndKFiveHidesFours) {
  auto t = people({{4, 10}, {10, 10}});
  auto u = t;
  suppress_small_cells(t, 1);
  EXPECT_FALSE(t.any_hidden());
  suppress_small_cells(u, 5);
  EXPECT_TRUE(u.is_hidden(0, 1));
  expect_safe(u);
}

TEST(SmallCells, RecordCountsAreNotSuppressed) {
  Table t;
  t.columns = {{"phone", "電話", ColumnKind::count, false}};
  t.rows = {{std::int64_t{1}}};
  suppress_small_cells(t, 3);
  EXPECT_FALSE(t.any_hidden());
}

TEST(SmallCells, RandomTablesAreAlwaysSafe) {
  unsigned seed = 7;
  auto next = [&] { seed = seed * 1103515245u + 12345u; return (seed >> 16) % 6; };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::vector<std::int64_t>> d(1 + round % 5, std::vector<std::int64_t>(1 + round % 6));
    for (auto& row : d)
      for (auto& v : row) v = next();
    auto t = people(d);
    suppress_small_cells(t, 3);
    expect_safe(t);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      for (std::size_t c = 1; c < t.columns.size(); ++c)
        if (!t.is_hidden(r, c)) {
          auto v = std::get<std::int64_t>(t.rows[r][c]);
          EXPECT_TRUE(v == 0 || v >= 3);
        }
  }
}

TEST(Csv, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("電話"), "電話");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("言う\"こと\""), "\"言う\"\"こと\"\"\"");
  EXPECT_EQ(csv_field("一行目\n二行目"), "\"一行目\n二行目\"");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Csv, FormulaDefence) {
  EXPECT_EQ(csv_text_field("=1+1"), "'=1+1");
  EXPECT_EQ(csv_text_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_text_field("-2,3"), "\"'-2,3\"");
  EXPECT_EQ(csv_text_field("みどり市"), "みどり市");
}

// Full-width ＝ ＋ － ＠ start a formula too where a Japanese IME typed them.
TEST(Csv, FormulaDefenceFullWidth) {
  EXPECT_EQ(csv_text_field("＝1+1"), "'＝1+1");
  EXPECT_EQ(csv_text_field("＋81-3"), "'＋81-3");
  EXPECT_EQ(csv_text_field("－2"), "'－2");
  EXPECT_EQ(csv_text_field("＠SUM(A1)"), "'＠SUM(A1)");
  EXPECT_EQ(csv_text_field("1＝1"), "1＝1");  // only at the start
  EXPECT_EQ(csv_text_field("ー（長音）"), "ー（長音）");  // the long vowel mark is no minus
}

TEST(Csv, BomCrlfNumbersAndHiddenCells) {
  Table t;
  t.title = "相談実人数";
  t.caption = {"令和7年度（2025年度）"};
  t.columns = {{"area", "地域", ColumnKind::text},
               {"n", "人数", ColumnKind::count, true},
               {"r", "率", ColumnKind::rate}};
  t.rows = {{std::string("北区, 南"), std::int64_t{1234}, 0.125}, {std::string("西区"), std::int64_t{2}, Cell{}}};
  t.hidden = {{false, false, false}, {false, true, false}};
  auto csv = to_csv({t});
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3),
            "相談実人数\r\n令和7年度（2025年度）\r\n地域,人数,率\r\n\"北区, 南\",1234,12.5%\r\n西区,X,\r\n");
}

TEST(Table, DisplayTextAndJson) {
  Table t;
  t.columns = {{"area", "地域", ColumnKind::text}, {"n", "人数", ColumnKind::count, true},
               {"r", "率", ColumnKind::rate}};
  t.rows = {{std::string("北区"), std::int64_t{12345}, 0.031}, {std::string("南区"), Cell{}, rate_cell(1, 0)}};
  t.hidden = {{false, false, false}, {false, true, false}};
  EXPECT_EQ(display_text(t, 0, 1), "12,345");
  EXPECT_EQ(display_text(t, 0, 2), "3.1%");
  EXPECT_EQ(display_text(t, 1, 1), "X");
  EXPECT_EQ(display_text(t, 1, 2), "");
  nlohmann::json j = t;
  EXPECT_EQ(j["rows"][0][1], 12345);
  EXPECT_TRUE(j["rows"][1][1].is_null());
  EXPECT_EQ(j["hidden"][1][1], true);
  EXPECT_EQ(j["columns"][2]["kind"], "rate");
}

TEST(Xlsx, SheetNamesAreValidAndUnique) {
  std::vector<std::string> taken;
  EXPECT_EQ(sheet_name_for("相談件数[地域別]", taken), "相談件数_地域別_");
  std::string long_name(40, 'a');
  EXPECT_EQ(sheet_name_for(long_name, taken).size(), 31u);
  EXPECT_EQ(sheet_name_for(long_name, taken), std::string(28, 'a') + "(2)");
  std::string jp;
  for (int i = 0; i < 40; ++i) jp += "あ";
  EXPECT_EQ(sheet_name_for(jp, taken).size(), 31u * 3);
}

TEST(Xlsx, WritesAZip) {
  Table t;
  t.title = "相談件数";
  t.sheet_name = "相談件数";
  t.columns = {{"n", "電話", ColumnKind::count}};
  t.rows = {{std::int64_t{3}}};
  auto bytes = to_xlsx({t});
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
}

TEST(Table, RateRowsFormatAsRates) {
  Table t;
  t.columns = {{"label", "関係機関", ColumnKind::text}, {"a", "福祉事務所", ColumnKind::count}};
  t.rows = {{std::string("件数"), std::int64_t{203}}, {std::string("率"), 0.0311}};
  t.rate_rows = {1};
  EXPECT_EQ(display_text(t, 0, 1), "203");
  EXPECT_EQ(display_text(t, 1, 1), "3.1%");
  EXPECT_EQ(display_text(t, 1, 0), "率");
  EXPECT_EQ(to_csv({t}).substr(3), "\r\n関係機関,福祉事務所\r\n件数,203\r\n率,3.1%\r\n");
}
