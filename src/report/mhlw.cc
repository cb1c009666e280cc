#include "report/mhlw.h"

#include "domain/age_band.h"
#include "domain/contact.h"
#include "domain/fiscal_year.h"
#include "domain/referral_category.h"

namespace tsunagu::report {

namespace {

MhlwCounts sum_of(const MhlwUnit& unit, const std::map<std::string, MhlwCounts>& counts) {
  MhlwCounts s;
  for (const auto& id : unit.organisation_ids) {
    auto it = counts.find(id);
    if (it == counts.end()) continue;
    for (std::size_t i = 0; i < s.contacts.size(); ++i) s.contacts[i] += it->second.contacts[i];
    for (std::size_t i = 0; i < s.people.size(); ++i) s.people[i] += it->second.people[i];
    for (std::size_t i = 0; i < s.referrals.size(); ++i) s.referrals[i] += it->second.referrals[i];
  }
  return s;
}

template <std::size_t N>
std::int64_t total(const std::array<std::int64_t, N>& a) {
  std::int64_t t = 0;
  for (auto v : a) t += v;
  return t;
}

const std::array<const char*, 5> kChannelKeys{"phone", "email", "sns", "visit_office", "other"};
const std::array<const char*, 6> kBandKeys{"teens", "twenties", "thirties", "forties", "fifties_plus", "unknown"};

std::string category_key(std::size_t i) { return "category_" + std::to_string(i + 1); }

std::string wareki(int fiscal_year) {
  return domain::wareki_fiscal_year_label(fiscal_year).value_or(std::to_string(fiscal_year) + "年度");
}

// MHLW's title of a table: 「令和3年度相談件数」 for the summaries,
// 「ひきこもり地域支援センター 自治体別相談件数 (令和3年度)」 for the others.
std::string summary_title(int fiscal_year, std::string_view what) { return wareki(fiscal_year) + std::string(what); }
std::string centre_title(int fiscal_year, std::string_view what) {
  return "ひきこもり地域支援センター " + std::string(what) + "（" + wareki(fiscal_year) + "）";
}

Table frame(int fiscal_year, const MhlwScope& scope, std::string id, std::string title, std::string sheet,
            std::string unit_word) {
  Table t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.sheet_name = std::move(sheet);
  t.caption = {wareki(fiscal_year) + "（" + std::to_string(fiscal_year) + "年度）",
               "対象: " + scope.label + "（" + scope.kind_label + "）", "(" + unit_word + ")"};
  return t;
}

// An area table: label column, the given value columns, a total column,
// one row per unit and a 合計 row.
template <std::size_t N>
Table by_area(Table t, const MhlwScope& scope, const std::vector<MhlwCounts>& sums,
              const std::array<std::int64_t, N> MhlwCounts::*field, const std::vector<Column>& value_columns,
              Column total_column, std::string total_label) {
  // The first header cell is blank, as MHLW prints it (screens give it a
  // name for screen readers).
  t.columns.push_back({"area", "", ColumnKind::text});
  for (const auto& c : value_columns) t.columns.push_back(c);
  t.columns.push_back(std::move(total_column));
  t.total_column = t.columns.size() - 1;
  // Cells are built in place (emplace_back), never pushed as a temporary
  // Cell: moving a temporary that holds a number makes GCC 12 warn that the
  // string alternative "may be used uninitialized" (-Wmaybe-uninitialized,
  // a false positive: that alternative is not the active one).
  std::array<std::int64_t, N> grand{};
  for (std::size_t u = 0; u < scope.units.size(); ++u) {
    const auto& values = sums[u].*field;
    std::vector<Cell> row;
    row.emplace_back(scope.units[u].label);
    for (std::size_t i = 0; i < N; ++i) {
      row.emplace_back(values[i]);
      grand[i] += values[i];
    }
    row.emplace_back(total(values));
    t.rows.push_back(std::move(row));
    t.row_refs.push_back(scope.units[u].ref);
    if (scope.units[u].designated_city && (u == 0 || !scope.units[u - 1].designated_city))
      t.row_groups.push_back({u, "指定都市"});
  }
  std::vector<Cell> last;
  last.emplace_back(std::move(total_label));
  for (auto v : grand) last.emplace_back(v);
  last.emplace_back(total(grand));
  t.rows.push_back(std::move(last));
  t.row_refs.emplace_back();
  t.total_row = t.rows.size() - 1;
  return t;
}

// The one-row summary (合計 first, as in the national table) from the
// 合計 row of an area table, hidden flags included.
Table summary_of(Table t, const Table& area) {
  std::size_t tr = *area.total_row, tc = *area.total_column;
  std::vector<std::size_t> order{tc};
  for (std::size_t c = 1; c < tc; ++c) order.push_back(c);
  std::vector<Cell> row;
  std::vector<bool> hidden;
  for (auto c : order) {
    t.columns.push_back(area.columns[c]);
    row.push_back(area.rows[tr][c]);
    hidden.push_back(area.is_hidden(tr, c));
  }
  t.total_column = 0;
  t.rows = {row};
  t.hidden = {hidden};
  return t;
}

// The cells `sup` hides, row by row (the 合計 row is the scope's own node),
// erased from the table; `of` picks the table's flags (実人数 or 件数).
template <class Pick>
void apply(Table& t, const MhlwScope& scope, const MhlwSuppression& sup, Pick of) {
  t.hidden.assign(t.rows.size(), std::vector<bool>(t.columns.size(), false));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto flags = of(sup.hidden_of(r < scope.units.size() ? scope.units[r].organisation_ids : all_ids(scope)));
    for (std::size_t c = 1; c < t.columns.size(); ++c)
      if (flags[c - 1]) {
        t.hidden[r][c] = true;
        t.rows[r][c] = std::monostate{};
      }
  }
}

}  // namespace

std::vector<Table> mhlw_tables(int fiscal_year, const MhlwScope& scope,
                               const std::map<std::string, MhlwCounts>& counts, const MhlwSuppression* suppression) {
  std::vector<MhlwCounts> sums;
  for (const auto& u : scope.units) sums.push_back(sum_of(u, counts));

  std::vector<Column> channels, bands, categories;
  for (std::size_t i = 0; i < 5; ++i)
    channels.push_back({kChannelKeys[i], std::string(domain::kContactChannelValues[i]), ColumnKind::count});
  for (std::size_t i = 0; i < 6; ++i)
    bands.push_back({kBandKeys[i], std::string(domain::kMhlwAgeBandValues[i]), ColumnKind::count, true});
  // MHLW marks three categories with the notes ※1 and ※2 (seed 004).
  for (std::size_t i = 0; i < 21; ++i) {
    std::string label(domain::kReferralCategoryValues[i]);
    if (label == "障害者総合支援関連施設" || label == "障害者雇用促進関連施設") label += " ※1";
    if (label == "その他") label += " ※2";
    categories.push_back({category_key(i), label, ColumnKind::count});
  }

  auto contacts_area =
      by_area(frame(fiscal_year, scope, "mhlw_contacts_by_area", centre_title(fiscal_year, "自治体別相談件数"),
                    "相談件数（地域別）", "件数"),
              scope, sums, &MhlwCounts::contacts, channels, {"total", "合計", ColumnKind::count}, "合計");
  auto people_area =
      by_area(frame(fiscal_year, scope, "mhlw_people_by_area", centre_title(fiscal_year, "自治体別相談実人数"),
                    "相談実人数（地域別）", "人数"),
              scope, sums, &MhlwCounts::people, bands, {"total", "合計", ColumnKind::count, true}, "合計");
  auto referrals_area = by_area(
      frame(fiscal_year, scope, "mhlw_referrals_by_area", centre_title(fiscal_year, "自治体別関係機関へのつなぎ件数"),
            "つなぎ件数（地域別）", "件"),
      scope, sums, &MhlwCounts::referrals, categories, {"total", "総計", ColumnKind::count}, "総計");

  std::vector<std::string> notes{
      "※ 件数は相談・支援記録1件を1件と数えます。その他（訪問等）には訪問・手紙・オンライン面談・同行・出張相談を含みます。",
      "※ 実人数は組織ごと・年度ごとに本人1人を1人と数えます（本人が未確認のケースは1ケースを1人）。年代は年度内で最初の相談の日の年齢です。",
      "※ つなぎ件数は依頼日の年度に、つないだ組織で数えます。受理される前に取り消したつなぎは数えません（受理の後の取消は数えます）。"};
  if (!contacts_area.row_groups.empty())
    notes.push_back("※ 指定都市は別掲です。ほかの行の数には、指定都市の分を含みません。");
  if (suppression) {
    apply(people_area, scope, *suppression, [](const MhlwSuppression::Flags& f) { return f.people; });
    apply(contacts_area, scope, *suppression, [](const MhlwSuppression::Flags& f) { return f.contacts; });
    std::string k = std::to_string(suppression->k());
    if (people_area.any_hidden() || contacts_area.any_hidden())
      notes.push_back("※ X: 個人が特定されないよう、" + k +
                      "人未満の人数と、差し引きでそれが分かってしまう数を秘匿しています（ほかの地域・組織の表と合わせても分からないように選んでいます）。合計は実際の合計です。");
    if (contacts_area.any_hidden())
      notes.push_back("※ 実人数は1人以上・件数以下なので、件数の合計が" + k +
                      "件未満の行は件数も秘匿しています（1件なら1人と分かってしまうため）。");
  }
  // MHLW's own notes first, under the tables they belong to.
  auto with = [&](std::vector<std::string> first) {
    first.insert(first.end(), notes.begin(), notes.end());
    return first;
  };
  std::vector<std::string> contact_notes = with({std::string(kSnsNote)});
  std::vector<std::string> referral_notes = with({std::string(kReferralNote1), std::string(kReferralNote2)});
  contacts_area.notes = contact_notes;
  people_area.notes = notes;
  referrals_area.notes = referral_notes;

  auto contacts = summary_of(
      frame(fiscal_year, scope, "mhlw_contacts", summary_title(fiscal_year, "相談件数"), "相談件数", "件数"), contacts_area);
  auto people = summary_of(
      frame(fiscal_year, scope, "mhlw_people", summary_title(fiscal_year, "相談実人数"), "相談実人数", "人数"), people_area);

  // つなぎ: 件数 and 率 rows over the categories, 総計 at the end.
  Table referrals = frame(fiscal_year, scope, "mhlw_referrals", centre_title(fiscal_year, "関係機関へのつなぎ件数"),
                          "つなぎ件数", "件");
  referrals.columns.push_back({"label", "関係機関", ColumnKind::text});
  for (const auto& c : categories) referrals.columns.push_back(c);
  referrals.columns.push_back({"total", "総計", ColumnKind::count});
  const auto& grand = referrals_area.rows.back();
  std::int64_t all = std::get<std::int64_t>(grand.back());
  // In place, as in by_area (GCC 12's false -Wmaybe-uninitialized).
  std::vector<Cell> count_row, rate_row;
  count_row.emplace_back(std::string("件数"));
  rate_row.emplace_back(std::string("率"));
  for (std::size_t i = 1; i + 1 < grand.size(); ++i) {
    count_row.push_back(grand[i]);
    rate_row.push_back(rate_cell(std::get<std::int64_t>(grand[i]), all));
  }
  count_row.emplace_back(all);
  rate_row.emplace_back(std::monostate{});
  referrals.rows = {count_row, rate_row};
  referrals.rate_rows = {1};
  contacts.notes = contact_notes;
  people.notes = notes;
  referrals.notes = referral_notes;

  return {contacts, people, contacts_area, people_area, referrals, referrals_area};
}

}  // namespace tsunagu::report
