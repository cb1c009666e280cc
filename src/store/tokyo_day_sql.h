// A portable SQL expression for the Asia/Tokyo calendar day of a stored UTC
// time, as a day number (days since 1970-01-01), so that day differences
// (continuity: days between contacts) can be taken inside the database on
// SQLite and PostgreSQL alike without julianday() or date arithmetic
// functions, which differ. Plain integer arithmetic on the fixed-width text
// ("YYYY-MM-DDTHH:…Z"): the civil-day formula of H. Hinnant's
// days_from_civil, plus one day from 15:00Z on (Japan has no DST).
//
// The expression reads columns named `occurred_at` and is a constant: it
// holds no input. tests/unit/tokyo_day_sql_test.cc checks it against
// domain::days_since_epoch on SQLite; the API tests run it on PostgreSQL.
#pragma once

#include <string>

#include "store/db.h"

namespace tsunagu::store {

// SQL expression of the Asia/Tokyo day (YYYY-MM-DD) of a stored UTC column
// (or a `?` parameter). The C++ counterpart is domain::tokyo_day_of_utc.
std::string tokyo_day_sql(Dialect dialect, const std::string& utc_column);

// Use as: SELECT … <kTokyoDayFrom> … where a subquery exposes yy, mm, dd, hh
// (see kTokyoDayParts).
inline constexpr char kTokyoDayParts[] =
    "CAST(substr(occurred_at, 1, 4) AS INTEGER) - "
    "CASE WHEN CAST(substr(occurred_at, 6, 2) AS INTEGER) <= 2 THEN 1 ELSE 0 END AS yy, "
    "CAST(substr(occurred_at, 6, 2) AS INTEGER) AS mm, "
    "CAST(substr(occurred_at, 9, 2) AS INTEGER) AS dd, "
    "CAST(substr(occurred_at, 12, 2) AS INTEGER) AS hh";

inline constexpr char kTokyoDayFromParts[] =
    "((yy / 400) * 146097 + (yy % 400) * 365 + (yy % 400) / 4 - (yy % 400) / 100 "
    "+ (153 * ((mm + 9) % 12) + 2) / 5 + dd - 1 - 719468 + (hh + 9) / 24)";

}  // namespace tsunagu::store
