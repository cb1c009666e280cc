// Supporters and peer supporters of an organisation (サポーター,
// ピアサポーター, ピアスタッフ, ボランティア), their trainings (courses, sessions,
// attendance) and the qualifications a completed course grants, and the
// dispatches (派遣) that send them to 本人 from a case. domain/supporter.h
// holds the rules (validity, the state machine, candidates).
//
// Numbered 0026 while 0024 and 0025 are written on other branches: the
// runner applies each version it has not applied yet, so a gap is fine.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0026_supporters{
    26, "supporters",
    R"SQL(
CREATE TABLE supporters (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),  -- trains or coordinates them
  user_id TEXT REFERENCES users(id),          -- their sign-in (role supporter), when they have one
  kind TEXT NOT NULL,                         -- domain::kSupporterKind
  name TEXT NOT NULL,                         -- as the coordinators know them
  sex TEXT,
  age_band TEXT,
  area_id TEXT REFERENCES areas(id),          -- where they are active
  activities TEXT NOT NULL DEFAULT '[]',      -- JSON array of domain::kSupporterActivity
  availability TEXT,                          -- e.g. 平日の午後、月2回まで
  languages TEXT NOT NULL DEFAULT '[]',       -- JSON array
  experience_note TEXT,                       -- 当事者経験・家族経験, self-declared; coordinators only
  contact_sealed TEXT,                        -- libsodium secretbox, base64: phone, email, address
  active INTEGER NOT NULL,
  bookings BIGINT NOT NULL DEFAULT 0,         -- raised by every booking: the row lock that serialises them
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX supporters_organisation ON supporters(organisation_id, active, name);
CREATE UNIQUE INDEX supporters_user ON supporters(user_id);

CREATE TABLE training_courses (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,                         -- domain::kTrainingKind
  title TEXT NOT NULL,
  qualifies TEXT NOT NULL DEFAULT '[]',       -- JSON array: activities a completion qualifies for
  validity_months INTEGER,                    -- NULL: the qualification does not expire
  sessions_required INTEGER NOT NULL,         -- sessions attended to complete it
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX training_courses_organisation ON training_courses(organisation_id, kind);

CREATE TABLE training_sessions (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES training_courses(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  held_on TEXT NOT NULL,
  title TEXT,
  external_attendees INTEGER NOT NULL DEFAULT 0,  -- staff of other agencies (関係機関の職員), counted only
  created_at TEXT NOT NULL
);
CREATE INDEX training_sessions_course ON training_sessions(course_id, held_on);
CREATE INDEX training_sessions_organisation ON training_sessions(organisation_id, held_on);

CREATE TABLE training_attendance (
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  supporter_id TEXT NOT NULL REFERENCES supporters(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, supporter_id)
);
CREATE INDEX training_attendance_supporter ON training_attendance(supporter_id);

CREATE TABLE supporter_qualifications (
  id TEXT PRIMARY KEY,
  supporter_id TEXT NOT NULL REFERENCES supporters(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  activity TEXT NOT NULL,                     -- domain::kSupporterActivity
  course_id TEXT REFERENCES training_courses(id),
  granted_on TEXT NOT NULL,
  expires_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX supporter_qualifications_supporter ON supporter_qualifications(supporter_id, activity);

CREATE TABLE dispatches (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  case_id TEXT REFERENCES cases(id),          -- the case it was asked from, or
  group_session_id TEXT REFERENCES group_sessions(id),  -- the 居場所・グループ session it helps at
  supporter_id TEXT NOT NULL REFERENCES supporters(id),
  activity TEXT NOT NULL,
  starts_at TEXT NOT NULL,                    -- "YYYY-MM-DDTHH:MM", Asia/Tokyo
  ends_at TEXT NOT NULL,
  place TEXT NOT NULL,                        -- where the activity is (for the coordinators)
  meeting_point TEXT NOT NULL,                -- where the supporter meets 本人 or staff
  nickname TEXT,                              -- what 本人 agreed to be called (a case's dispatch)
  note_for_supporter TEXT,                    -- what to know for the visit, written for them
  call_name TEXT NOT NULL,                    -- whom to call
  call_phone TEXT NOT NULL,
  wishes TEXT NOT NULL DEFAULT '{}',          -- {same_sex, same_generation, peer}
  consent_id TEXT REFERENCES consents(id),    -- 本人同意 to a supporter of another organisation
  state TEXT NOT NULL,                        -- domain::kDispatchState
  state_reason TEXT,                          -- of a 辞退 or 取消
  requested_at TEXT NOT NULL,
  answered_at TEXT,                           -- 承諾 or 辞退
  done_at TEXT,                               -- 実施
  reported_at TEXT,                           -- 報告済み
  cancelled_at TEXT,                          -- 取消
  report_text TEXT,                           -- the supporter's short report
  report_mood TEXT,                           -- how 本人 seemed
  report_urgent INTEGER NOT NULL DEFAULT 0,
  hours_minutes INTEGER,                      -- time the activity took
  transport_yen INTEGER,                      -- 交通費 the supporter declares
  reflection TEXT,                            -- 振り返り: the supporter's and their coordinator's only, never case work
  report_contact_id TEXT REFERENCES contacts(id),  -- the contact the coordinator made of the report
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (case_id IS NOT NULL OR group_session_id IS NOT NULL)
);
-- The organisation's rates for supporters' activities (謝金 per hour, a cap
-- on 交通費 per activity); one row per organisation, set by a supervisor.
CREATE TABLE supporter_pay_rates (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
  yen_per_hour INTEGER NOT NULL,
  transport_cap_yen INTEGER,                  -- NULL: 交通費 as declared
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE INDEX dispatches_organisation ON dispatches(organisation_id, starts_at);
CREATE INDEX dispatches_case ON dispatches(case_id, starts_at);
CREATE INDEX dispatches_group_session ON dispatches(group_session_id);
CREATE INDEX dispatches_supporter ON dispatches(supporter_id, starts_at);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
