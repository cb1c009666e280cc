// Further lists of a survey's capture–recapture (issue 18 point 6): a list
// another body holds of the persons it knows of (a 地域包括支援センター's,
// a school's), entered by the survey's staff as rows without names —
// district, gender, age band and birth year/month where the list knows it.
// The rows are linked to the cards and the case records inside the server
// (service/survey_linkage.cc) and never leave it: only the list's name and
// row count are shown. A wrong list is deleted whole and entered again.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0035_survey_further_lists{
    35, "survey_further_lists",
    R"SQL(
CREATE TABLE survey_further_lists (
  id TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,                          -- 地域包括支援センターの名簿 …
  row_count BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX survey_further_lists_survey ON survey_further_lists(survey_id, created_at);

CREATE TABLE survey_further_list_rows (
  list_id TEXT NOT NULL REFERENCES survey_further_lists(id),
  row_no BIGINT NOT NULL,
  district_id TEXT NOT NULL REFERENCES areas(id),
  gender TEXT NOT NULL,                        -- domain::kSurveyGender
  age_band TEXT NOT NULL,                      -- domain::kSurveyAgeBand (from the birth month when not given)
  birth_month TEXT,                            -- YYYY-MM where the list knows it
  PRIMARY KEY (list_id, row_no)
);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
