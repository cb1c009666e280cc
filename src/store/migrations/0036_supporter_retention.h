// Retention for supporters' own personal data (domain/retention.h): the day
// a supporter stopped (left_on, Tokyo day: set when their registration is
// marked not active, cleared if they come back), when the daily job removed
// their name, contact details and notes (anonymised_at), and the
// organisation's years after left_on (retention_supporter_years, 5 like
// the other kinds).
//
// Supporters already marked not active get the Tokyo day of their last
// change as left_on: the nearest thing to the day they stopped that the
// rows hold. It is computed in C++ (domain::tokyo_day_text_of_utc), not in
// SQL, so that one rule turns a UTC time into a Tokyo day.
#pragma once

#include "domain/validation.h"
#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline void fill_supporters_left_on(Connection& c) {
  for (const auto& r : c.query("SELECT id, updated_at FROM supporters WHERE active = 0"))
    c.execute("UPDATE supporters SET left_on = ? WHERE id = ?", {domain::tokyo_day_text_of_utc(r.text(1)), r.text(0)});
}

inline constexpr Migration m0036_supporter_retention{
    36, "supporter_retention",
    R"SQL(
ALTER TABLE organisations ADD COLUMN retention_supporter_years INTEGER DEFAULT 5;
ALTER TABLE supporters ADD COLUMN left_on TEXT;
ALTER TABLE supporters ADD COLUMN anonymised_at TEXT;
CREATE INDEX supporters_left_on ON supporters(organisation_id, left_on);
)SQL",
    "", "", fill_supporters_left_on};

}  // namespace tsunagu::store::migrations
