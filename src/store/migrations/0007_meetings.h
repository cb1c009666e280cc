// Meetings (会議) with their legal basis, who took part, the cases discussed
// with what was shared about each, and the follow-up items decided there
// ("who does what by when"), which belong to a case and show on it.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0007_meetings{
    7, "meetings",
    R"SQL(
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),   -- the organiser
  kind TEXT NOT NULL,                                           -- domain::kMeetingKind
  legal_basis TEXT,                                             -- 支援会議 only: 生活困窮者自立支援法第9条 / 社会福祉法第106条の6
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,                                        -- date (Asia/Tokyo)
  place TEXT,
  agenda TEXT,
  decisions TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX meetings_organisation ON meetings(organisation_id, held_on);

-- Participating organisations other than the organiser: they may open the
-- meeting and see what was shared in it, nothing else of the cases.
CREATE TABLE meeting_organisations (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (meeting_id, organisation_id)
);
CREATE INDEX meeting_organisations_organisation ON meeting_organisations(organisation_id);

-- People who took part: users of tsunagu, or outside people by name and
-- affiliation.
CREATE TABLE meeting_people (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  user_id TEXT REFERENCES users(id),
  name TEXT,
  affiliation TEXT,
  position INTEGER NOT NULL
);
CREATE INDEX meeting_people_meeting ON meeting_people(meeting_id, position);

-- A case discussed, by its owning organisation: which parts were shared,
-- on which consent (meetings other than 支援会議), and the content as it was
-- shared at that moment (participants see this snapshot and only this).
CREATE TABLE meeting_cases (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),  -- owner of the case
  shared_parts TEXT NOT NULL,                                  -- JSON array
  consent_id TEXT REFERENCES consents(id),
  note TEXT,
  content TEXT NOT NULL,                                       -- JSON of the shared parts as shared
  shared_at TEXT NOT NULL,
  shared_by TEXT NOT NULL REFERENCES users(id),
  UNIQUE (meeting_id, case_id)
);
CREATE INDEX meeting_cases_case ON meeting_cases(case_id);

CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),  -- owner of the case
  task TEXT NOT NULL,
  assignee_user_id TEXT REFERENCES users(id),
  assignee_organisation_id TEXT REFERENCES organisations(id),  -- of the assigned user
  assignee_name TEXT,                                          -- outside people
  due_on TEXT,
  done INTEGER NOT NULL,
  done_on TEXT,
  note TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX follow_ups_case ON follow_ups(case_id, due_on);
CREATE INDEX follow_ups_meeting ON follow_ups(meeting_id, created_at);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
