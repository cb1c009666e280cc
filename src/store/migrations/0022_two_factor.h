// Two-factor sign-in (TOTP, service/two_factor.h):
// - organisations.two_factor_roles: which roles must use it there
//   (domain/two_factor_rule.h); admin and supervisor for every existing and
//   new organisation, by the column's default.
// - user_two_factor: one row per user who has begun enrolling. The secrets
//   are sealed with the contact-details key (service/sealed_field.h), so a
//   copy of the database alone cannot produce codes. `pending_secret` is an
//   enrolment not yet confirmed; `secret` the one in use (NULL: not
//   enrolled). `last_step` is the last TOTP step used, so a code is never
//   accepted twice; `failures` / `locked_until` count wrong codes per user.
// - two_factor_recovery_codes: one-time codes, only their keyed hash; a
//   used code's row is deleted.
// - second_factor_challenges: the short-lived token (cookie) between a
//   correct password and the code; only its hash is kept.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0022_two_factor{22, "two_factor", R"SQL(
ALTER TABLE organisations ADD COLUMN two_factor_roles TEXT NOT NULL DEFAULT 'admin,supervisor';

CREATE TABLE user_two_factor (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret TEXT,
  enabled_at TEXT,
  last_step INTEGER NOT NULL DEFAULT 0,
  pending_secret TEXT,
  pending_at TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  failures_at TEXT,
  locked_until TEXT
);

CREATE TABLE two_factor_recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE second_factor_challenges (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  device_hash TEXT,
  client TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX second_factor_challenges_user ON second_factor_challenges(user_id);
CREATE INDEX second_factor_challenges_created ON second_factor_challenges(created_at);
)SQL"};

}  // namespace tsunagu::store::migrations
