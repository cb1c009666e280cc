// Emergency access (緊急アクセス, "break the glass"): a supervisor of another
// organisation opens a case for reading, with a stated reason, until
// expires_at. Each row is also the notice to the owning organisation; the
// reads made under it are in the audit log (entity emergency_access).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0008_emergency_access{
    8, "emergency_access",
    R"SQL(
CREATE TABLE emergency_accesses (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  owner_organisation_id TEXT NOT NULL REFERENCES organisations(id),  -- notified
  organisation_id TEXT NOT NULL REFERENCES organisations(id),        -- the supervisor's
  user_id TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  granted_at TEXT NOT NULL,                                          -- UTC
  expires_at TEXT NOT NULL                                           -- UTC; refused from this instant
);
CREATE INDEX emergency_accesses_case_user ON emergency_accesses(case_id, user_id, expires_at);
CREATE INDEX emergency_accesses_owner ON emergency_accesses(owner_organisation_id, granted_at);
CREATE INDEX emergency_accesses_user ON emergency_accesses(user_id, granted_at);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
