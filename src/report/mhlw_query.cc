#include "report/mhlw_query.h"

#include <cstdio>

#include "domain/age_band.h"
#include "domain/contact.h"
#include "domain/mhlw_counting.h"
#include "domain/referral_category.h"
#include "store/summaries/mhlw_summary.h"

namespace tsunagu::report {

namespace {

template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& values, const std::string& v) {
  for (std::size_t i = 0; i < N; ++i)
    if (values[i] == v) return i;
  return std::nullopt;
}

}  // namespace

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
  // (store/summaries/mhlw_summary.h).
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

  // Anonymous consultation (counting-rules.md §7): each message of the
  // person is one 件数 in the メール column; each thread one 実人数 of
  // 年齢不明 in a year it has a message. From their own counts, which
  // outlive deleted threads (service/consultation_counts.h).
  auto p4 = params({first, last});
  auto mail = domain::channel_column("メール");
  for (const auto& r : db.query("SELECT organisation_id, SUM(messages) FROM consultation_counts "
                                "WHERE day >= ? AND day <= ? AND organisation_id IN " + in + " GROUP BY organisation_id",
                                p4))
    if (mail) out[r.text(0)].contacts[*mail] += r.integer(1);
  auto p5 = params({std::int64_t{fiscal_year}});
  auto unknown = index_of(domain::kMhlwAgeBandValues, std::string(domain::kAgeUnknown));
  for (const auto& r : db.query("SELECT organisation_id, COUNT(*) FROM consultation_person_years "
                                "WHERE fiscal_year = ? AND case_id IS NULL AND organisation_id IN " + in +
                                " GROUP BY organisation_id",
                                p5))
    if (unknown) out[r.text(0)].people[*unknown] += r.integer(1);
  // A thread made into a case is that case's 本人: counted once with the
  // case's own row of the year when it has one, else once by itself, aged
  // at its first message of the year — by the person key and age band
  // rules of the contacts' summary (store/summaries/mhlw_summary.h).
  const std::string key = store::mhlw_summary::person_key_sql("k");
  auto p6 = params({std::int64_t{fiscal_year}});
  p6.emplace_back(std::int64_t{fiscal_year});
  for (const auto& r : db.query(
           "SELECT organisation_id, age_band, COUNT(*) FROM (SELECT f.organisation_id, " +
               store::mhlw_summary::mhlw_age_band_sql("p.birth_date", "p.age_band", "f.day") +
               " AS age_band FROM (SELECT y.organisation_id, " + key +
               " AS person_key, MIN(k.subject_person_id) AS person_id, MIN(y.first_day) AS day "
               "FROM consultation_person_years y JOIN cases k ON k.id = y.case_id "
               "WHERE y.fiscal_year = ? AND y.organisation_id IN " + in + " GROUP BY y.organisation_id, " + key +
               ") f LEFT JOIN persons p ON p.id = f.person_id WHERE NOT EXISTS (SELECT 1 FROM mhlw_person_years m "
               "WHERE m.organisation_id = f.organisation_id AND m.fiscal_year = ? AND m.person_key = f.person_key)) t "
               "GROUP BY organisation_id, age_band",
           p6))
    if (auto i = index_of(domain::kMhlwAgeBandValues, r.text(1))) out[r.text(0)].people[*i] += r.integer(2);

  // つなぎ件数: by 依頼 date and sender, each state grouped apart so that
  // the rule of which states count is the domain's, applied here (rule 4).
  auto p3 = params({first, last});
  for (const auto& r : db.query("SELECT organisation_id, category, state, COUNT(*) FROM referrals "
                                "WHERE referred_on >= ? AND referred_on <= ? AND organisation_id IN " +
                                    in + " GROUP BY organisation_id, category, state",
                                p3))
    if (domain::referral_counts(r.text(2)))
      if (auto i = index_of(domain::kReferralCategoryValues, r.text(1))) out[r.text(0)].referrals[*i] += r.integer(3);
  return out;
}

}  // namespace tsunagu::report
