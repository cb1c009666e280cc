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

std::vector<ChannelCount> channel_counts(store::Connection& db, const std::vector<std::string>& organisation_ids,
                                         const std::string& first_day, const std::string& last_day, bool by_day) {
  std::vector<ChannelCount> out;
  if (organisation_ids.empty()) return out;
  std::vector<store::Value> params{first_day, last_day};
  for (const auto& id : organisation_ids) params.emplace_back(id);
  const std::string in = "(" + store::placeholders(organisation_ids.size()) + ")";
  const std::string where = " WHERE day >= ? AND day <= ? AND organisation_id IN " + in;
  const std::string key = by_day ? "organisation_id, day" : "organisation_id";
  const std::size_t n = by_day ? 2 : 1;  // columns of the key
  auto add = [&](const store::Row& r, std::optional<std::size_t> column, std::size_t count_at) {
    if (column) out.push_back({r.text(0), by_day ? r.text(1) : std::string(), *column, r.integer(count_at)});
  };
  // Contacts, from the day counts kept on write (store/summaries/mhlw_summary.h).
  for (const auto& r : db.query("SELECT " + key + ", channel, SUM(contacts) FROM contact_day_counts" + where +
                                    " GROUP BY " + key + ", channel",
                                params))
    add(r, domain::channel_column(r.text(n)), n + 1);
  // The person's messages, from their own counts, which outlive deleted
  // threads (service/consultation_counts.h).
  for (const auto& r :
       db.query("SELECT " + key + ", SUM(messages) FROM consultation_counts" + where + " GROUP BY " + key, params))
    add(r, domain::channel_column("メール"), n);
  return out;
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

  // 相談件数 (rules 1, 2 and 7).
  for (const auto& c : channel_counts(db, organisation_ids, first, last, false))
    out[c.organisation_id].contacts[c.column] += c.count;

  // 相談実人数: one row per 本人 (or case without a known 本人), organisation
  // and year, aged at its first contact of the year (rule 3;
  // counting-rules.md §4), from the same summary.
  auto p2 = params({std::int64_t{fiscal_year}});
  for (const auto& r : db.query("SELECT organisation_id, age_band, COUNT(*) FROM mhlw_person_years "
                                "WHERE fiscal_year = ? AND organisation_id IN " + in +
                                " GROUP BY organisation_id, age_band",
                                p2))
    if (auto i = index_of(domain::kMhlwAgeBandValues, r.text(1))) out[r.text(0)].people[*i] += r.integer(2);

  // Anonymous consultation (counting-rules.md §7): each thread is one
  // 実人数 of 年齢不明 in a year it has a message, from its own rows, which
  // outlive deleted threads (service/consultation_counts.h).
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

  // つなぎ件数: by 依頼 date and sender, each state (and, for a withdrawn
  // one, whether it had been accepted: referral_events) grouped apart so
  // that the rule of which count is the domain's, applied here (rule 4).
  auto p3 = params({first, last});
  for (const auto& r : db.query(
           "SELECT organisation_id, category, state, accepted, COUNT(*) FROM (SELECT organisation_id, category, state, "
           "CASE WHEN state = '取消' AND EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = referrals.id "
           "AND e.to_state = '受理') THEN 1 ELSE 0 END AS accepted FROM referrals "
           "WHERE referred_on >= ? AND referred_on <= ? AND organisation_id IN " + in +
               ") r GROUP BY organisation_id, category, state, accepted",
           p3))
    if (domain::referral_counts(r.text(2), r.integer(3) == 1))
      if (auto i = index_of(domain::kReferralCategoryValues, r.text(1))) out[r.text(0)].referrals[*i] += r.integer(4);
  return out;
}

}  // namespace tsunagu::report
