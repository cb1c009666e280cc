// The MHLW annual figures straight from the database: three GROUP BY
// queries per report (相談件数, 相談実人数, つなぎ件数), per organisation.
// 相談件数 and 相談実人数 read the summary tables kept on every write
// (store/summaries/mhlw_summary.h: a row per day and channel and one per person,
// from an index alone, instead of every contact of the year joined to its
// case); つなぎ件数 reads referrals, which are few. Summing
// organisations into areas happens afterwards in report/mhlw.cc over a few
// dozen rows; nothing here loads contacts into C++.
//
// The rules are those of domain/mhlw_counting.h and
// docs/reports/counting-rules.md; the age band is computed in SQL (when the
// summary is written, store/summaries/mhlw_summary.h) with the same arithmetic as
// domain::age_on/mhlw_age_band (the unit test runs the expression in SQLite
// against the C++ function).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/db.h"

namespace tsunagu::report {

struct MhlwCounts {
  std::array<std::int64_t, 5> contacts{};    // kContactChannelValues order
  std::array<std::int64_t, 6> people{};      // kMhlwAgeBandValues order
  std::array<std::int64_t, 21> referrals{};  // kReferralCategoryValues order
};

// 相談件数 between two Tokyo days (YYYY-MM-DD, inclusive): every contact in
// the column of its channel (counting-rules.md §2) and every message the
// person writes in an online consultation under メール (§7). The one rule of
// what a 件 is, for the MHLW report and the dashboard alike. With `by_day`
// one entry per organisation, day and column; without, per organisation
// and column (day empty).
struct ChannelCount {
  std::string organisation_id, day;
  std::size_t column = 0;  // kContactChannelValues order
  std::int64_t count = 0;
};
std::vector<ChannelCount> channel_counts(store::Connection& db, const std::vector<std::string>& organisation_ids,
                                         const std::string& first_day, const std::string& last_day, bool by_day);

// Figures of `fiscal_year` for each of `organisation_ids` (organisations
// without any record are absent from the map).
std::map<std::string, MhlwCounts> mhlw_counts(store::Connection& db, int fiscal_year,
                                              const std::vector<std::string>& organisation_ids);

}  // namespace tsunagu::report
