// Sign-in that cannot be turned against the people it protects
// (docs/operations/security.md):
// - login_locks: failed attempts and the lock, per login name as typed,
//   whether or not such a user exists, so that an unknown login answers
//   exactly like a known one (same statuses in the same order). An attempt
//   is counted before its password is checked, so that concurrent attempts
//   cannot check more passwords than the limit allows.
// - known_devices: a browser that has signed in to an account before
//   carries a device cookie; it may still sign in while the account is
//   locked against everyone else, with its own failure count. Only the
//   token's hash is stored.
// - login_successes: successful sign-ins, to throttle them per user and per
//   address (a loop of valid sign-ins hashes a password each time).
// - health_probe: one row that /healthz writes, to know the database takes
//   writes.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0018_sign_in_guard{18, "sign_in_guard", R"SQL(
CREATE TABLE login_locks (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX login_locks_updated ON login_locks(updated_at);

CREATE TABLE known_devices (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  failures INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id, last_used_at);

CREATE TABLE login_successes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  client TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_successes_user ON login_successes(user_id, at);
CREATE INDEX login_successes_client ON login_successes(client, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL
);
INSERT INTO health_probe (id, at) VALUES (1, '');
)SQL", "", ""};

}  // namespace tsunagu::store::migrations
