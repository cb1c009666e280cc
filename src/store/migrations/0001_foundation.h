// Foundation: areas, organisations, users, sessions, login throttling and
// the hash-chained audit log.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0001_foundation{
    1, "foundation",
    R"SQL(
CREATE TABLE areas (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES areas(id),
  level TEXT NOT NULL CHECK (level IN ('prefecture', 'municipality', 'district')),
  name TEXT NOT NULL,
  code TEXT,
  population BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX areas_parent ON areas(parent_id);

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  program_type TEXT,
  area_id TEXT NOT NULL REFERENCES areas(id),
  settings TEXT NOT NULL DEFAULT '{}',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organisations_name ON organisations(name);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_organisation ON users(organisation_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  client TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id TEXT PRIMARY KEY,
  client TEXT NOT NULL,
  login TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_client ON login_failures(client, at);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  client TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log(organisation_id, seq);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
