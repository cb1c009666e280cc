// The retention job: once a day, every record that has passed its
// organisation's retention (domain/retention.h, service/retention_policy.h)
// is anonymised (service/anonymisation.h).
//
// One transaction per record, each with its audit entry (action
// "anonymise"), so a job killed at any moment leaves every record either
// untouched or done, and the next run goes on where it stopped: a record
// done has anonymised_at and is not picked again.
//
// Only one process runs it at a time, however many servers share a
// PostgreSQL database, and a `tsunagu retention run` from cron may run
// beside them: each claims the one row of retention_runs with a conditional
// UPDATE (a lease, renewed as it goes); whoever does not get it does
// nothing. A process killed holding the lease leaves it to run out
// (kRetentionLease).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "service/clock.h"
#include "store/db.h"

namespace tsunagu::service {

inline constexpr std::chrono::minutes kRetentionLease{30};

struct RetentionRun {
  bool ran = false;  // false: another process holds the lease
  std::int64_t cases = 0, participants = 0, sessions = 0;
  // Anonymous consultation: threads closed after the organisation's days
  // without messages, and closed threads deleted after their years.
  std::int64_t threads_closed = 0, threads_deleted = 0;
  // Supporters past their years after they stopped.
  std::int64_t supporters = 0;
};
void to_json(nlohmann::json& j, const RetentionRun& r);

// Runs the job now (the date is service::today_tokyo()). `who` names this
// process in the lease (e.g. "serve 1234@host"). Throws store::Error when
// the database fails; records done before that stay done.
RetentionRun run_retention(store::Database& db, const std::string& who);

// Whether the server's daily timer should run the job at `now`: at
// start-up when the last finished run is more than a day old (or there was
// none); afterwards once a day in the quiet hour, 03:00–04:00 Tokyo time,
// when the last run finished more than 20 hours before.
bool retention_due(store::Database& db, TimePoint now, bool at_start_up);

}  // namespace tsunagu::service
