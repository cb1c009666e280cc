// 実態把握調査: surveys of an organisation (the municipality's or the
// prefecture's centre), the respondents they are sent to (民生委員 with
// their districts), the anonymous cards returned, staff's decisions on
// possible duplicates, and the population of areas by age band and year
// (for district rates). domain/survey.h holds the rules.
//
// Cards hold no name, no address and no link to a case: they are kept
// apart from case records (PRODUCT.md, survey). Being anonymous they have
// no retention kind; they are kept with the survey.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0025_surveys{
    25, "surveys",
    R"SQL(
CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  year INTEGER NOT NULL,                       -- 年度 of the survey
  title TEXT NOT NULL,
  area_id TEXT NOT NULL REFERENCES areas(id),  -- a municipality, or a prefecture with its municipalities
  respondent_kind TEXT NOT NULL,               -- domain::kSurveyRespondentKind
  starts_on TEXT NOT NULL,                     -- period (Asia/Tokyo days, both included)
  ends_on TEXT NOT NULL,
  items TEXT NOT NULL,                         -- JSON: the questionnaire, template and own items
  note TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX surveys_organisation ON surveys(organisation_id, year);
CREATE INDEX surveys_area ON surveys(area_id, year);

-- Whom the survey was sent to: a user (who then answers on their phone) or
-- only a label for a paper respondent ("民生委員 12番"), and their district.
CREATE TABLE survey_respondents (
  id TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  user_id TEXT REFERENCES users(id),
  label TEXT NOT NULL,
  district_id TEXT NOT NULL REFERENCES areas(id),
  no_one INTEGER NOT NULL DEFAULT 0,          -- answered 「該当者なし」
  no_one_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX survey_respondents_survey ON survey_respondents(survey_id, district_id);
CREATE UNIQUE INDEX survey_respondents_user ON survey_respondents(survey_id, user_id);

CREATE TABLE survey_cards (
  id TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  respondent_id TEXT NOT NULL REFERENCES survey_respondents(id),
  district_id TEXT NOT NULL REFERENCES areas(id),
  reported_on TEXT NOT NULL,                  -- the day the respondent filled it in
  age_band TEXT NOT NULL,                     -- domain::kSurveyAgeBand (also in answers)
  gender TEXT NOT NULL,                       -- domain::kSurveyGender
  household TEXT NOT NULL,                    -- domain::kSurveyHousehold
  answers TEXT NOT NULL,                      -- JSON object: item key → [answers]
  state TEXT NOT NULL,                        -- 下書き / 送信済み
  entered_by TEXT NOT NULL REFERENCES users(id),  -- the respondent, or staff typing a paper card
  sent_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX survey_cards_survey ON survey_cards(survey_id, created_at);
CREATE INDEX survey_cards_respondent ON survey_cards(respondent_id, state);
-- Covers the district counts, the link and the duplicate candidates of the sent cards.
CREATE INDEX survey_cards_key ON survey_cards(survey_id, state, district_id, age_band, gender, household, respondent_id);

-- The answers of the sent cards counted per item and answer, kept by every
-- card write in the same transaction: a prefecture's 50,000-card report
-- reads these rows, not the cards.
CREATE TABLE survey_answer_counts (
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  item_key TEXT NOT NULL,
  answer TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (survey_id, item_key, answer)
);

-- Staff's decision on a pair of possibly duplicate cards (card_a < card_b).
-- A decision is changed, or taken back to 未判断, by updating the row; each
-- change is in the audit log.
CREATE TABLE survey_duplicate_decisions (
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  card_a TEXT NOT NULL REFERENCES survey_cards(id),
  card_b TEXT NOT NULL REFERENCES survey_cards(id),
  decision TEXT NOT NULL,                     -- 未判断 / 同一人物 / 別人
  note TEXT,
  decided_by TEXT NOT NULL REFERENCES users(id),
  decided_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (survey_id, card_a, card_b)
);

-- Residents of an area by age band and year (住民基本台帳), for rates per 1,000.
CREATE TABLE area_populations (
  area_id TEXT NOT NULL REFERENCES areas(id),
  year INTEGER NOT NULL,
  age_band TEXT NOT NULL,                     -- domain::kPopulationAgeBand
  population BIGINT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (area_id, year, age_band)
);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
