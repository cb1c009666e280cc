// The summary tables of the MHLW annual figures (migration 0012) and the one
// place that keeps them right.
//
// Why they exist: grouping a fiscal year of contacts on every request took
// 5.5 s on a prefecture-size database (bench/report_mhlw.sh); the report
// (report/mhlw_query.cc) now reads contact_day_counts (相談件数 per organisation,
// Tokyo day and channel) and mhlw_person_years (one row per 相談実人数:
// organisation, fiscal year, person key, first contact day, age band).
//
// Why they stay right: every write that can change a figure calls one of the
// functions below after its own change, in the same transaction, so a report
// never sees a write half-counted. Nothing else changes the figures: a case
// opened by accepting a referral has no contacts yet, and contacts, cases
// and persons are never deleted. Whoever writes contacts past the services
// (bench/generate_cases.cc) calls rebuild() at the end.
//
// 件数 are plain counts: ±1 on the contact's (organisation, day, channel),
// as an upsert that adds, which PostgreSQL applies atomically however many
// writers there are. 実人数 rows are recomputed from contacts for each
// affected (organisation, fiscal year, person key) by the same SELECT that
// rebuild() runs over whole years, so the counting rules
// (docs/reports/counting-rules.md §1, §3, §4) are written once: in that
// SELECT, tokyo_day_sql and mhlw_age_band_sql.
#pragma once

#include <optional>
#include <string>

#include "store/db.h"

namespace tsunagu::store::mhlw_summary {

// SQL expression of the MHLW age band from the columns named `birth`
// (YYYY-MM-DD or NULL), `stored` (persons.age_band or NULL) and `day` (the
// Tokyo day of the first contact, YYYY-MM-DD). Text from constants only.
std::string mhlw_age_band_sql(const std::string& birth, const std::string& stored, const std::string& day);

// SQL expression of rule 3's person key (domain::person_key) of the case
// row aliased `k`: 'p:' and its 本人, or 'c:' and its id while it has none.
// Text from constants only. The report uses it too, for threads made into
// a case (counting-rules.md §7).
std::string person_key_sql(const std::string& k);

// Empties both tables and fills them from contacts, cases and persons.
// Seconds on a prefecture-size database: for migrations, bulk loads and
// `tsunagu rebuild-summaries`, never per request.
void rebuild(store::Connection& db);

// After contact `contact_id` was inserted (and its case touched).
void contact_added(store::Connection& db, const std::string& contact_id);

// After contact `contact_id` was updated; `before` holds its stored values
// from before the update.
struct ContactBefore {
  std::string organisation_id, occurred_at, channel;
};
void contact_changed(store::Connection& db, const std::string& contact_id, const ContactBefore& before);

// After case `case_id`'s 本人 changed from `subject_before` (nullopt: the
// case had no known 本人) to what the case row holds now.
void case_subject_changed(store::Connection& db, const std::string& case_id,
                          const std::optional<std::string>& subject_before);

// After person `person_id`'s birth date or stored age band changed.
void person_age_changed(store::Connection& db, const std::string& person_id);

}  // namespace tsunagu::store::mhlw_summary
