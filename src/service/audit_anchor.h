// The anchor file: signed checkpoints of the audit chains' heads, appended
// to a file outside the database (docs/design/audit-chain.md).
//
// The key (service/audit_key.h) stops anyone without it from writing a
// chain that verifies, but not from putting back an older copy of the whole
// database, whose chain was genuinely written by the server and verifies.
// A checkpoint says "log L had reached seq S with hash H at time T"; a
// chain that no longer reaches S, or holds another entry at S, is not the
// chain the server wrote. One JSON line per checkpoint, so the operator can
// also copy lines elsewhere (`tsunagu audit checkpoint`) and check against
// them later. On PostgreSQL each server appends to an anchor file of its
// own; checkpoints of several servers are consistent with one chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/audit.h"
#include "service/audit_key.h"
#include "store/db.h"

namespace tsunagu::service {

struct Checkpoint {
  AuditLog log = AuditLog::main;
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t keyed_from = 0;
  std::string at;   // when the checkpoint was taken (UTC)
  std::string mac;  // over all of the above, with the audit key
};

// "<db>.audit-anchor" next to an SQLite file; for PostgreSQL
// "var/tsunagu-<database name>.audit-anchor", one per server and database.
std::string default_audit_anchor_path(const std::string& db_url);

// The current head of `log`, signed; nullopt while the log is empty or not
// keyed. Throws std::runtime_error (Japanese) when the head's own MAC does
// not verify: a forged head must never be signed into a checkpoint.
std::optional<Checkpoint> signed_checkpoint(store::Connection& db, AuditLog log, const AuditKey& key);
bool checkpoint_mac_ok(const AuditKey& key, const Checkpoint& cp);
std::string checkpoint_json_line(const Checkpoint& cp);  // without the newline

struct AnchoredCheckpoint {
  std::int64_t line = 0;
  Checkpoint checkpoint;
};
struct AnchorFile {
  std::string path;
  bool exists = false;
  std::vector<AnchoredCheckpoint> checkpoints;
  std::vector<std::string> problems;  // lines that are not checkpoints (Japanese)
};
// Reads every line. A last line without its newline is what a crash in the
// middle of an append leaves, and is skipped, not reported.
AnchorFile read_anchor_file(const std::string& path);
// Appends lines (O_APPEND, mode 0600 when created) and fsyncs. Throws
// std::runtime_error (Japanese) when the file cannot be opened or written.
void append_to_anchor_file(const std::string& path, const std::vector<Checkpoint>& cps);

// This process's anchor file: set once at start (service/audit_seal.h),
// like the key. Without it the functions below do nothing.
void use_audit_anchor(const std::string& path);
bool audit_anchor_in_use();
// Back to no anchor file (close_audit_chain in service/audit_seal.h).
void stop_using_audit_anchor();

// After `entries` were committed to a log: writes a checkpoint of each log
// that moved since this process's last one, when 1000 entries or 10 seconds
// have passed since then (the audit writer calls this after each commit and
// every 10 seconds when idle; a line per commit would be a line per
// millisecond under load). Never throws: the entries are durable already,
// and a failed checkpoint is logged.
void maybe_checkpoint_audit(store::Connection& db, std::size_t entries);
// The same at once, whatever has passed (at shutdown, after a CLI write).
void checkpoint_audit_now(store::Connection& db);

}  // namespace tsunagu::service
