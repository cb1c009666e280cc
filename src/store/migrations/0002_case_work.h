// Case work: persons and households, cases with their status history and
// assigned staff, and contacts (相談・支援記録). Every row carries the owning
// organisation so that the permission check can decide without joins.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0002_case_work{
    2, "case_work",
    R"SQL(
ALTER TABLE organisations ADD COLUMN stage_model TEXT NOT NULL DEFAULT 'guideline2010';
ALTER TABLE organisations ADD COLUMN no_contact_days INTEGER NOT NULL DEFAULT 60;

CREATE TABLE persons (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  naming TEXT NOT NULL CHECK (naming IN ('named', 'pseudonym', 'anonymous')),
  name TEXT,
  furigana TEXT,
  sex TEXT,
  birth_date TEXT,
  age_band TEXT,
  district_id TEXT REFERENCES areas(id),
  contact_sealed TEXT,           -- libsodium secretbox, base64: phone, email, address
  note TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX persons_organisation ON persons(organisation_id);

CREATE TABLE households (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  label TEXT NOT NULL,
  note TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX households_organisation ON households(organisation_id);

-- One person is in at most one household (UNIQUE person_id).
CREATE TABLE household_members (
  household_id TEXT NOT NULL REFERENCES households(id),
  person_id TEXT NOT NULL UNIQUE REFERENCES persons(id),
  relation TEXT NOT NULL,        -- relation to 本人: 本人, 父, 母, きょうだい, 配偶者, 子, 祖父母, その他
  PRIMARY KEY (household_id, person_id)
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  subject_person_id TEXT REFERENCES persons(id),   -- 本人; NULL while unknown
  household_id TEXT REFERENCES households(id),
  title TEXT NOT NULL,                             -- how staff refer to the case (e.g. 「A さん（40代男性）」)
  status TEXT NOT NULL,
  intake_route TEXT NOT NULL,
  caller_relation TEXT,                            -- 来談者と本人との関係
  subject_awareness TEXT NOT NULL,                 -- 知っている / 知らない / 不明
  needs TEXT NOT NULL DEFAULT '[]',                -- JSON array of complex needs
  stage_model TEXT NOT NULL,
  current_stage TEXT,
  opened_on TEXT NOT NULL,                         -- date (Asia/Tokyo) of the first consultation
  closed_on TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_organisation ON cases(organisation_id, status, updated_at);
CREATE INDEX cases_subject ON cases(subject_person_id);

CREATE TABLE case_staff (
  case_id TEXT NOT NULL REFERENCES cases(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_staff_user ON case_staff(user_id);

CREATE TABLE case_status_changes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  changed_on TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX case_status_changes_case ON case_status_changes(case_id, created_at);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  occurred_at TEXT NOT NULL,                       -- UTC
  channel TEXT NOT NULL,                           -- the five MHLW channels
  sub_kind TEXT,                                   -- under その他（訪問等）
  counterpart TEXT NOT NULL,
  subject_met INTEGER NOT NULL,                    -- 1 when 本人 was met
  duration_minutes INTEGER,
  staff_user_id TEXT NOT NULL REFERENCES users(id),
  note TEXT,
  next_step TEXT,
  next_step_on TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_case ON contacts(case_id, occurred_at);
CREATE INDEX contacts_organisation ON contacts(organisation_id, occurred_at);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
