// Retention (保存期間) and anonymisation (domain/retention.h,
// service/anonymisation.h, service/retention_job.h):
// - organisations.retention_*_years: per kind, years after the end that a
//   record is kept; NULL keeps it. 5 for every existing and new
//   organisation, by the columns' defaults.
// - anonymised_at on cases, persons, group participants and sessions: when
//   their names and free text were removed (by the job, or by a deletion
//   on request). Set once; the job skips what has it.
// - retention_runs: one row. `claimed_until` is a lease: the server or
//   command that sets it (an UPDATE that only succeeds when it is empty or
//   past) is the only one running the job until it clears it, so several
//   servers on one PostgreSQL database run it once; a process killed while
//   holding it leaves a lease that runs out. `last_finished_at` says when
//   the job last went through everything, for the daily schedule.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0023_retention{23, "retention", R"SQL(
ALTER TABLE organisations ADD COLUMN retention_closed_case_years INTEGER DEFAULT 5;
ALTER TABLE organisations ADD COLUMN retention_group_years INTEGER DEFAULT 5;
ALTER TABLE cases ADD COLUMN anonymised_at TEXT;
ALTER TABLE persons ADD COLUMN anonymised_at TEXT;
ALTER TABLE group_participants ADD COLUMN anonymised_at TEXT;
ALTER TABLE group_sessions ADD COLUMN anonymised_at TEXT;

CREATE INDEX cases_closed_on ON cases(organisation_id, closed_on);

CREATE TABLE retention_runs (
  id INTEGER PRIMARY KEY,
  claimed_until TEXT,
  claimed_by TEXT,
  last_started_at TEXT,
  last_finished_at TEXT,
  last_anonymised BIGINT NOT NULL DEFAULT 0
);
INSERT INTO retention_runs (id, last_anonymised) VALUES (1, 0);
)SQL"};

}  // namespace tsunagu::store::migrations
