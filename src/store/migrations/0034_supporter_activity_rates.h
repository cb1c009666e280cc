// Per-activity pay for supporters (issue 17 point 6): 謝金 per hour and a cap
// on 交通費 for one activity kind (訪問同行 may pay more than 居場所の運営),
// beside the organisation's default in supporter_pay_rates. An activity
// without a row is paid at the default. The rows are replaced together with
// the default, under its version (optimistic concurrency of the whole set).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0034_supporter_activity_rates{
    34, "supporter_activity_rates",
    R"SQL(
CREATE TABLE supporter_activity_rates (
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  activity TEXT NOT NULL,                     -- domain::kSupporterActivity
  yen_per_hour INTEGER NOT NULL,
  transport_cap_yen INTEGER,                  -- NULL: 交通費 as declared
  PRIMARY KEY (organisation_id, activity)
);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
