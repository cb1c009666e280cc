// Summary tables of the MHLW annual figures (store/summaries/mhlw_summary.h): the
// report reads a few thousand rows of these instead of grouping a year of
// contacts (~490k on a prefecture-size database, 5.5 s) on every request.
// Both are derived data, kept right on every write in the writing
// transaction, and filled here from the existing rows by the same C++ that
// maintains them (`then`), so the counting rules stay in one place.
//
// contact_day_counts: 相談件数 per organisation, Asia/Tokyo day and channel.
// mhlw_person_years: one row per 相談実人数 — organisation, fiscal year and
//   person key ('p:' + 本人's person id, or 'c:' + case id while the case
//   has no known 本人), with the first contact day of that year and the
//   MHLW age band on that day.
// No foreign keys: every row is recomputed from rows that have them.
// SQLite keeps each table in its primary-key order (WITHOUT ROWID), so the
// report's range reads need no second lookup; PostgreSQL has no such option.
#pragma once

#include "store/summaries/mhlw_summary.h"
#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0012_mhlw_summaries{
    12, "mhlw_summaries", "",
    R"SQL(
CREATE TABLE contact_day_counts (
  organisation_id TEXT NOT NULL,
  day TEXT NOT NULL,
  channel TEXT NOT NULL,
  contacts BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, day, channel)
) WITHOUT ROWID;
CREATE TABLE mhlw_person_years (
  organisation_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  person_key TEXT NOT NULL,
  first_day TEXT NOT NULL,
  age_band TEXT NOT NULL,
  PRIMARY KEY (organisation_id, fiscal_year, person_key)
) WITHOUT ROWID;
CREATE INDEX mhlw_person_years_report ON mhlw_person_years(fiscal_year, organisation_id, age_band);
)SQL",
    R"SQL(
CREATE TABLE contact_day_counts (
  organisation_id TEXT NOT NULL,
  day TEXT NOT NULL,
  channel TEXT NOT NULL,
  contacts BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, day, channel)
);
CREATE TABLE mhlw_person_years (
  organisation_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  person_key TEXT NOT NULL,
  first_day TEXT NOT NULL,
  age_band TEXT NOT NULL,
  PRIMARY KEY (organisation_id, fiscal_year, person_key)
);
CREATE INDEX mhlw_person_years_report ON mhlw_person_years(fiscal_year, organisation_id, age_band);
)SQL",
    &store::mhlw_summary::rebuild};

}  // namespace tsunagu::store::migrations
