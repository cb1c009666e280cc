// Groups (居場所, 家族会, 家族教室 and CRAFT, 当事者会, ピア活動, 講演会・研修会,
// 相談会) of an organisation, their sessions, the registered participants
// (linked to a case of the same organisation, or known by a 呼び名 only),
// their attendance, and anonymous headcounts. domain/group.h holds the rules.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0021_groups{
    21, "groups",
    R"SQL(
CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,                         -- domain::kGroupKind
  audience TEXT NOT NULL,                     -- domain::kGroupAudience
  name TEXT NOT NULL,
  description TEXT,
  area_id TEXT REFERENCES areas(id),          -- where it meets
  venue TEXT,                                 -- place; NULL when only online
  online INTEGER NOT NULL,
  schedule_weekdays TEXT,                     -- JSON array, 0 = Monday; NULL: no regular schedule
  schedule_weeks TEXT,                        -- JSON array of 1..5 (第n週); [] every week
  starts TEXT,                                -- "13:00"
  ends TEXT,
  schedule_note TEXT,                         -- e.g. 祝日は休み
  capacity INTEGER,
  cost TEXT NOT NULL,                         -- domain::kResourceCost
  cost_note TEXT,
  registration_required INTEGER NOT NULL,
  gender TEXT NOT NULL,                       -- domain::kResourceGender
  public_listing INTEGER NOT NULL,            -- may appear on the public pages
  series_total INTEGER,                       -- a fixed programme: its number of sessions
  series_required INTEGER,                    -- sessions attended to complete it
  resource_id TEXT REFERENCES resources(id),  -- its entry in the directory (referrals point there)
  active INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX groups_organisation ON groups(organisation_id, active, name);
CREATE INDEX groups_resource ON groups(resource_id);

-- 自治体間連携: the municipalities whose residents a group accepts, with the
-- agreement's note (cost sharing, since when).
CREATE TABLE group_municipalities (
  group_id TEXT NOT NULL REFERENCES groups(id),
  area_id TEXT NOT NULL REFERENCES areas(id),
  agreement_note TEXT,
  PRIMARY KEY (group_id, area_id)
);

CREATE TABLE group_sessions (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  held_on TEXT NOT NULL,                      -- date (Asia/Tokyo)
  starts TEXT,
  ends TEXT,
  state TEXT NOT NULL,                        -- 予定 / 実施 / 中止
  cancel_reason TEXT,
  room TEXT,
  note TEXT,                                  -- a short reflection (振り返り)
  series_number INTEGER,                      -- 第n回 of a fixed programme
  title TEXT,
  staff TEXT NOT NULL DEFAULT '[]',           -- JSON array of user ids on duty
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX group_sessions_group ON group_sessions(group_id, held_on);
CREATE INDEX group_sessions_organisation ON group_sessions(organisation_id, held_on);

CREATE TABLE group_participants (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  case_id TEXT REFERENCES cases(id),          -- a case of the same organisation, or NULL
  nickname TEXT,                              -- 呼び名; no real name is needed
  side TEXT NOT NULL,                         -- 本人 / 家族 / その他
  age_band TEXT,
  sex TEXT,
  municipality_area_id TEXT REFERENCES areas(id),  -- where they live
  joined_on TEXT NOT NULL,
  left_on TEXT,                               -- the link ended; past attendance stays
  left_note TEXT,
  first_present_on TEXT,                      -- first session attended (kept by every attendance write): first-time visitors
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX group_participants_group ON group_participants(group_id, joined_on);
CREATE INDEX group_participants_case ON group_participants(case_id);
CREATE INDEX group_participants_first ON group_participants(organisation_id, first_present_on);

CREATE TABLE group_attendance (
  session_id TEXT NOT NULL REFERENCES group_sessions(id),
  participant_id TEXT NOT NULL REFERENCES group_participants(id),
  group_id TEXT NOT NULL REFERENCES groups(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  held_on TEXT NOT NULL,                      -- the session's day, for the figures
  status TEXT NOT NULL,                       -- 出席 / 欠席 / 連絡あり欠席
  recorded_by TEXT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX group_attendance_figures ON group_attendance(group_id, status, held_on, participant_id);
CREATE INDEX group_attendance_participant ON group_attendance(participant_id, held_on);

CREATE TABLE group_headcounts (
  session_id TEXT NOT NULL REFERENCES group_sessions(id),
  group_id TEXT NOT NULL REFERENCES groups(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  held_on TEXT NOT NULL,
  side TEXT NOT NULL,                         -- 本人 / 家族 / その他
  visit TEXT NOT NULL,                        -- 初めて / 2回目以降
  count BIGINT NOT NULL,
  PRIMARY KEY (session_id, side, visit)
);
CREATE INDEX group_headcounts_group ON group_headcounts(group_id, held_on);
CREATE INDEX group_headcounts_organisation ON group_headcounts(organisation_id, held_on);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
