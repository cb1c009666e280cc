// Case numbers and searchable titles (issue 15 point 5; domain/case_number.h,
// service/case_numbering.h). Existing cases are numbered per organisation
// and fiscal year of their 受付日, in the order they were recorded, and the
// counters left at the last number given, so new cases follow on.
#pragma once

#include <map>
#include <tuple>

#include "domain/date.h"
#include "domain/fiscal_year.h"
#include "domain/text_normalize.h"
#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline void m0031_number_existing_cases(Connection& c) {
  std::map<std::tuple<std::string, std::int64_t>, std::int64_t> last;
  for (const auto& r : c.query("SELECT id, organisation_id, opened_on, title FROM cases ORDER BY created_at, id")) {
    auto opened = domain::parse_iso_date(r.text(2));
    std::int64_t year = opened ? domain::fiscal_year_of(*opened) : 0;
    std::int64_t seq = ++last[{r.text(1), year}];
    c.execute("UPDATE cases SET number_year = ?, number_seq = ?, title_folded = ? WHERE id = ?",
              {year, seq, domain::normalize_for_search(r.text(3)), r.text(0)});
  }
  for (const auto& [key, seq] : last)
    c.execute("INSERT INTO case_number_counters (organisation_id, fiscal_year, last_seq) VALUES (?, ?, ?)",
              {std::get<0>(key), std::get<1>(key), seq});
  c.execute_script("CREATE UNIQUE INDEX cases_number ON cases(organisation_id, number_year, number_seq)");
}

inline constexpr Migration m0031_case_number{31, "case_number", R"SQL(
ALTER TABLE cases ADD COLUMN number_year INTEGER;
ALTER TABLE cases ADD COLUMN number_seq BIGINT;
ALTER TABLE cases ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';
CREATE TABLE case_number_counters (
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  fiscal_year INTEGER NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, fiscal_year)
);
)SQL", "", "", &m0031_number_existing_cases};

}  // namespace tsunagu::store::migrations
