#include "report/mhlw_query.h"

#include <cstdio>

#include "domain/age_band.h"
#include "domain/contact.h"
#include "domain/mhlw_counting.h"
#include "domain/referral_category.h"

namespace tsunagu::report {

namespace {

template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& values, const std::string& v) {
  for (std::size_t i = 0; i < N; ++i)
    if (values[i] == v) return i;
  return std::nullopt;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

std::string tokyo_day_sql(store::Dialect dialect, const std::string& utc_column) {
  // Japan has no daylight saving time: +9 hours is exact.
  if (dialect == store::Dialect::sqlite) return "date(" + utc_column + ", '+9 hours')";
  return "to_char(CAST(" + utc_column + " AS timestamptz) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')";
}

std::string mhlw_age_band_sql(const std::string& birth, const std::string& stored, const std::string& day) {
  using domain::kMhlwAgeBandValues;
  // Age during `day` (domain::age_on): difference of years, minus one
  // while the birthday (month-day) is still ahead.
  std::string age = "(CAST(substr(" + day + ", 1, 4) AS INTEGER) - CAST(substr(" + birth +
                    ", 1, 4) AS INTEGER) - CASE WHEN substr(" + day + ", 6, 5) < substr(" + birth +
                    ", 6, 5) THEN 1 ELSE 0 END)";
  std::string by_age = "CASE WHEN " + age + " < 20 THEN " + quoted(kMhlwAgeBandValues[0]) + " WHEN " + age +
                       " < 30 THEN " + quoted(kMhlwAgeBandValues[1]) + " WHEN " + age + " < 40 THEN " +
                       quoted(kMhlwAgeBandValues[2]) + " WHEN " + age + " < 50 THEN " +
                       quoted(kMhlwAgeBandValues[3]) + " ELSE " + quoted(kMhlwAgeBandValues[4]) + " END";
  // A stored band when there is no usable birth date (domain::mhlw_age_band).
  std::string by_band = "CASE WHEN " + stored + " IN ('〜10代', '10歳未満', '10代') THEN " +
                        quoted(kMhlwAgeBandValues[0]) + " WHEN " + stored + " IN ('20代', '30代', '40代') THEN " +
                        stored + " WHEN " + stored + " IN ('50代〜', '50代', '60代', '70代', '80代', '90代以上') THEN " +
                        quoted(kMhlwAgeBandValues[4]) + " ELSE " + quoted(domain::kAgeUnknown) + " END";
  return "CASE WHEN " + birth + " IS NOT NULL AND " + birth + " <= " + day + " THEN " + by_age + " ELSE " +
         by_band + " END";
}

std::map<std::string, MhlwCounts> mhlw_counts(store::Connection& db, int fiscal_year,
                                              const std::vector<std::string>& organisation_ids) {
  std::map<std::string, MhlwCounts> out;
  if (organisation_ids.empty()) return out;
  std::string in = "(" + store::placeholders(organisation_ids.size()) + ")";
  auto params = [&](std::vector<store::Value> head) {
    for (const auto& id : organisation_ids) head.emplace_back(id);
    return head;
  };

  auto first = domain::format_iso_date(domain::fiscal_year_first_day(fiscal_year));
  auto last = domain::format_iso_date(domain::fiscal_year_last_day(fiscal_year));

  // 相談件数: every contact once, in its channel (rule 2), summed over the
  // Tokyo days of the year (rule 1) from the summary kept on write
  // (report/mhlw_summary.h).
  auto p1 = params({first, last});
  for (const auto& r : db.query("SELECT organisation_id, channel, SUM(contacts) FROM contact_day_counts "
                                "WHERE day >= ? AND day <= ? AND organisation_id IN " + in +
                                " GROUP BY organisation_id, channel",
                                p1))
    if (auto i = domain::channel_column(r.text(1))) out[r.text(0)].contacts[*i] += r.integer(2);

  // 相談実人数: one row per 本人 (or case without a known 本人), organisation
  // and year, aged at its first contact of the year (rule 3;
  // counting-rules.md §4), from the same summary.
  auto p2 = params({std::int64_t{fiscal_year}});
  for (const auto& r : db.query("SELECT organisation_id, age_band, COUNT(*) FROM mhlw_person_years "
                                "WHERE fiscal_year = ? AND organisation_id IN " + in +
                                " GROUP BY organisation_id, age_band",
                                p2))
    if (auto i = index_of(domain::kMhlwAgeBandValues, r.text(1))) out[r.text(0)].people[*i] += r.integer(2);

  // つなぎ件数: by 依頼 date and sender, withdrawn ones left out (rule 4).
  auto p3 = params({first, last, std::string(domain::kReferralNotCounted)});
  for (const auto& r : db.query("SELECT organisation_id, category, COUNT(*) FROM referrals "
                                "WHERE referred_on >= ? AND referred_on <= ? AND state <> ? AND organisation_id IN " +
                                    in + " GROUP BY organisation_id, category",
                                p3))
    if (auto i = index_of(domain::kReferralCategoryValues, r.text(1))) out[r.text(0)].referrals[*i] += r.integer(2);
  return out;
}

}  // namespace tsunagu::report
