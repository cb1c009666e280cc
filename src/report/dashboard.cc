#include "report/dashboard.h"

#include <algorithm>

#include "domain/age_band.h"
#include "domain/contact.h"
#include "domain/referral_category.h"
#include "report/mhlw_query.h"
#include "report/mhlw_scope.h"
#include "report/mhlw_suppression.h"
#include "report/small_cells.h"

namespace tsunagu::report {

std::optional<MhlwSuppression::Flags> mhlw_row_hidden(store::Connection& db, const OrganisationYear& s,
                                                      std::optional<int> small_cell_k) {
  if (!small_cell_k) return std::nullopt;
  auto tree = AreaTree::load(db);
  MhlwSuppression suppression(tree, every_organisation_counts(db, tree, s.fiscal_year), *small_cell_k);
  return suppression.hidden_of({s.organisation_id});
}

Table channels_by_month(store::Connection& db, const OrganisationYear& s,
                        const std::optional<MhlwSuppression::Flags>& hidden) {
  // The 件数 of the MHLW report (report/mhlw_query.h: contacts and the
  // person's messages of online consultation), day by day, into the months
  // of the fiscal year: a day belongs to the last month starting on or
  // before it.
  constexpr std::size_t kChannels = domain::kContactChannelValues.size();
  std::vector<std::string> month_starts;
  for (int i = 0; i < 12; ++i) month_starts.push_back(domain::format_iso_date(domain::add_months(s.first_day, i)));
  std::vector<std::array<std::int64_t, kChannels>> counts(12);
  for (const auto& c : channel_counts(db, {s.organisation_id}, month_starts.front(),
                                      domain::format_iso_date(s.last_day), true)) {
    auto m = std::upper_bound(month_starts.begin(), month_starts.end(), c.day) - month_starts.begin() - 1;
    if (m >= 0) counts[static_cast<std::size_t>(m)][c.column] += c.count;
  }
  Table t;
  t.id = "dashboard_channels_by_month";
  t.title = "相談件数（延べ）：月別・相談方法別";
  t.sheet_name = "月別の相談件数";
  t.caption = scope_caption(s);
  t.notes = {"月は日本時間の暦で数えています。", "オンライン相談で相談者が書いたメッセージも1通を1件として「メール」に数えます（国への報告と同じ数え方）。"};
  t.columns.push_back({"month", "月", ColumnKind::text});
  const char* keys[] = {"phone", "email", "sns", "visit_office", "other"};
  for (std::size_t c = 0; c < kChannels; ++c)
    t.columns.push_back({keys[c], std::string(domain::kContactChannelValues[c]), ColumnKind::count});
  t.columns.push_back({"total", "合計", ColumnKind::count});
  std::array<std::int64_t, kChannels + 1> sum{};
  for (std::size_t m = 0; m < 12; ++m) {
    auto first = domain::add_months(s.first_day, static_cast<int>(m));
    std::vector<Cell> row{std::to_string(first.y) + "年" + std::to_string(first.m) + "月"};
    std::int64_t total = 0;
    for (std::size_t c = 0; c < kChannels; ++c) {
      row.emplace_back(counts[m][c]);
      total += counts[m][c];
      sum[c] += counts[m][c];
    }
    row.emplace_back(total);
    sum[kChannels] += total;
    t.rows.push_back(std::move(row));
  }
  std::vector<Cell> last{std::string("合計")};
  for (auto v : sum) last.emplace_back(v);
  t.rows.push_back(std::move(last));
  t.total_row = 12;
  t.total_column = kChannels + 1;
  if (hidden) {
    t.hidden.assign(t.rows.size(), std::vector<bool>(t.columns.size(), false));
    for (std::size_t c = 0; c <= kChannels; ++c)
      if (hidden->contacts[c])
        for (std::size_t r = 0; r < t.rows.size(); ++r) hide_cell(t, r, c + 1);
  }
  return t;
}

std::vector<Table> mhlw_charts(store::Connection& db, const OrganisationYear& s,
                               const std::optional<MhlwSuppression::Flags>& hidden) {
  auto all = mhlw_counts(db, s.fiscal_year, {s.organisation_id});
  MhlwCounts counts = all.contains(s.organisation_id) ? all.at(s.organisation_id) : MhlwCounts{};
  Table ages;
  ages.id = "dashboard_age_bands";
  ages.title = "年代別の相談実人数";
  ages.sheet_name = "年代別の相談実人数";
  ages.caption = scope_caption(s);
  ages.notes = {"年度内の最初の相談の時点の年代です（国への報告と同じ数え方）。"};
  ages.columns = {{"band", "年代", ColumnKind::text}, {"people", "相談実人数", ColumnKind::count, true}};
  std::int64_t people = 0;
  for (std::size_t i = 0; i < domain::kMhlwAgeBandValues.size(); ++i) {
    ages.rows.push_back({std::string(domain::kMhlwAgeBandValues[i]), counts.people[i]});
    people += counts.people[i];
  }
  ages.rows.push_back({std::string("合計"), people});
  ages.total_row = ages.rows.size() - 1;
  if (hidden) {
    // The same cells as in every MHLW report of the year: this table is the
    // organisation's row there, so deciding it alone could print a number
    // those reports hide.
    ages.hidden.assign(ages.rows.size(), std::vector<bool>(ages.columns.size(), false));
    for (std::size_t r = 0; r < ages.rows.size(); ++r)
      if (hidden->people[r]) hide_cell(ages, r, 1);  // rows: the six 年代, then 合計, as the flags
  }

  Table refs;
  refs.id = "dashboard_referral_categories";
  refs.title = "つなぎ先別のつなぎ件数";
  refs.sheet_name = "つなぎ先";
  refs.caption = scope_caption(s);
  refs.notes = {"関係機関へのつなぎの件数です（国への報告と同じ数え方）。"};
  refs.columns = {{"category", "つなぎ先", ColumnKind::text}, {"referrals", "件数", ColumnKind::count}};
  for (std::size_t i = 0; i < domain::kReferralCategoryValues.size(); ++i)
    refs.rows.push_back({std::string(domain::kReferralCategoryValues[i]), counts.referrals[i]});
  return {ages, refs};
}

}  // namespace tsunagu::report
