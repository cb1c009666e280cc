// The audit entries of reads get a log of their own, `reads.audit_log` with
// its own head and hash chain (service/audit.h). On SQLite `reads` is a
// second file attached to every connection (store/sqlite/sqlite_database.h);
// on PostgreSQL a schema.
//
// Why: every read of personal data is audited before its answer leaves, so
// under load the audit writer commits hundreds of times a second. In WAL
// mode each commit to the main file makes every other connection drop its
// whole page cache at its next read, and every request then read its pages
// again from the OS (and SQLite freed and allocated them again). Measured on
// the prefecture-size benchmark database, case detail at 64 connections:
// 4835 req/s with the entries in the main file, about 10 000 in a file of
// their own (bench/results/2026-12-05-case-work.md).
//
// Writes keep their entries in the main log, in the same transaction as the
// change itself: a transaction across two attached WAL files is atomic in
// each file but not across them, and a write must never land without its
// entry. A read changes nothing, so its entry alone in the other file loses
// nothing.
//
// IF NOT EXISTS throughout: on SQLite the tables are in the attached file,
// which a crash could leave committed while the main file's record of this
// migration is not; the migration then runs again.
//
// Indexes: every audited read inserts into each index of the reads log, so
// it has only what its readers need: the audit screen pages each log by seq
// (service/audit_listing.cc), supervisors by (organisation_id, seq), and an
// emergency access counts the reads made under it through a partial index
// that holds those entries only. Measured on the benchmark database, indexes
// on (at, seq) and (entity, entity_id) cost a third of the case-detail
// throughput. On SQLite seq is the rowid (INTEGER PRIMARY KEY), which saves
// the separate index that a BIGINT key gets; on PostgreSQL INTEGER would be
// 32 bits, so it stays BIGINT as in the main log.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0016_read_audit_log{
    16, "read_audit_log",
    R"SQL(
CREATE TABLE IF NOT EXISTS reads.audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO reads.audit_head (id, seq, hash)
  SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000'
  WHERE NOT EXISTS (SELECT 1 FROM reads.audit_head);
)SQL",
    R"SQL(
CREATE TABLE IF NOT EXISTS reads.audit_log (
  seq INTEGER PRIMARY KEY,
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
CREATE INDEX IF NOT EXISTS reads.audit_log_organisation ON audit_log(organisation_id, seq);
CREATE INDEX IF NOT EXISTS reads.audit_log_emergency ON audit_log(entity_id) WHERE entity = 'emergency_access';
)SQL",
    R"SQL(
CREATE TABLE IF NOT EXISTS reads.audit_log (
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
CREATE INDEX IF NOT EXISTS audit_log_organisation ON reads.audit_log(organisation_id, seq);
CREATE INDEX IF NOT EXISTS audit_log_emergency ON reads.audit_log(entity_id) WHERE entity = 'emergency_access';
)SQL"};

}  // namespace tsunagu::store::migrations
