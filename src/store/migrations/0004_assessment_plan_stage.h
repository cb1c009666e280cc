// Assessments (repeated over time, with the derived outing classification
// stored beside the answers it came from), support plans with goals on the
// three axes and their progress history, and the history of stage moves.
// Every row carries the owning organisation so the permission check needs
// no join; lists are JSON arrays of verbatim enumeration values.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0004_assessment_plan_stage{
    4, "assessment_plan_stage",
    R"SQL(
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  assessed_on TEXT NOT NULL,                       -- date (Asia/Tokyo)
  outing_level TEXT,                               -- one of the 8 外出状況 answers
  outing_since TEXT,                               -- date the current state began
  outing_duration_band TEXT,                       -- 期間, when only the band is known
  employed INTEGER NOT NULL DEFAULT 0,
  physical_illness INTEGER NOT NULL DEFAULT 0,
  homemaker_or_childcare INTEGER NOT NULL DEFAULT 0,
  talked_with_non_family INTEGER NOT NULL DEFAULT 0,
  outing_class TEXT,                               -- derived: 狭義 / 準 / 該当なし (descriptive only)
  outing_broad INTEGER NOT NULL DEFAULT 0,         -- derived: 広義
  outing_reasons TEXT NOT NULL DEFAULT '[]',       -- derived: JSON array of rule sentences
  mental_background TEXT,                          -- ① as a clinician reported it
  developmental TEXT,                              -- ②
  personality TEXT,                                -- ③
  withdrawal_phase TEXT,                           -- ④
  environment TEXT,                                -- ⑤
  support_group TEXT,                              -- ⑥ as a clinician reported it
  side_physical TEXT,
  side_psychological TEXT,
  side_social TEXT,
  life_difficulties TEXT NOT NULL DEFAULT '[]',
  distress TEXT,
  family_distress TEXT,
  strengths TEXT,
  interests TEXT,
  triggers TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  outing_note TEXT,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assessments_case ON assessments(case_id, assessed_on);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  wish TEXT,                                       -- 本人の思い, in their own words
  consent TEXT NOT NULL,                           -- 未確認 / 同意 / 一部同意 / 不同意
  consent_on TEXT,
  started_on TEXT NOT NULL,
  review_on TEXT,
  note TEXT,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX plans_case ON plans(case_id, started_on);
CREATE INDEX plans_review ON plans(organisation_id, review_on);

-- A goal left out of a later edit is ended, not deleted: its progress
-- history stays readable.
CREATE TABLE plan_goals (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  axis TEXT NOT NULL,                              -- 日常生活自立 / 社会生活自立 / 経済的自立
  term TEXT NOT NULL,                              -- 短期 / 中期 / 長期
  words TEXT NOT NULL,                             -- the goal in 本人の言葉
  support TEXT,                                    -- what staff will do
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX plan_goals_plan ON plan_goals(plan_id, position);

CREATE TABLE plan_progress (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  goal_id TEXT NOT NULL REFERENCES plan_goals(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  recorded_on TEXT NOT NULL,
  level INTEGER NOT NULL,                          -- 0..4 (domain/plan_progress.h)
  direction TEXT NOT NULL,                         -- はじめての記録 / 前進 / 変化なし / 一時的に戻る
  note TEXT,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX plan_progress_goal ON plan_progress(goal_id, recorded_on, created_at);
CREATE INDEX plan_progress_case ON plan_progress(case_id);

-- Created and updated plans, for the case timeline.
CREATE TABLE plan_events (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  action TEXT NOT NULL,                            -- create / update
  summary TEXT NOT NULL,
  on_date TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX plan_events_case ON plan_events(case_id);

CREATE TABLE stage_changes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  stage_model TEXT NOT NULL,
  from_model TEXT,                                 -- set when the case switched models
  from_stage TEXT,
  to_stage TEXT NOT NULL,
  direction TEXT NOT NULL,                         -- 最初の段階 / 前へ / 戻る / 同じ / モデルの切り替え
  steps INTEGER NOT NULL DEFAULT 0,
  changed_on TEXT NOT NULL,
  note TEXT,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX stage_changes_case ON stage_changes(case_id, changed_on);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
