// The audit log: who did what to which record, when and from where.
//
// Every write, and every read of personal data, appends an entry inside the
// same transaction as the work itself, so there is no work without its
// entry. Entries are hash-chained: each stores the hash of the previous one
// and its own hash over its content, and a one-row head table holds the
// latest hash so that cutting entries off the end is detected too.
//
// There are two such logs, each with its own chain (migration 0016 says
// why): `main`, in the same transaction as every write, and `reads`, for
// the entries of reads collected by AuditDeferral and written by the audit
// writer. The audit screen shows both merged in time order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

enum class AuditLog { main, reads };
struct ChainHead;  // service/audit_chain.h

// "main" / "reads": the name the API and the CLI use for a log.
const char* audit_log_name(AuditLog log);
// The log's entry table: "audit_log" / "reads.audit_log" (a constant, never input).
const char* audit_log_table(AuditLog log);
// Its one-row head table: "audit_head" / "reads.audit_head".
const char* audit_head_table(AuditLog log);
inline constexpr AuditLog kAuditLogs[] = {AuditLog::main, AuditLog::reads};

struct AuditEntry {
  std::string action;     // read, create, update, delete, login, login_failed, logout, denied, …
  std::string entity;     // table-like name: user, organisation, case, …
  std::string entity_id;  // may be empty (e.g. a list read)
  std::string detail;     // short, no personal data beyond ids
};

// Appends one entry. `actor` may be null for events without a signed-in
// user (a failed login); then `client` says where it came from. Outside an
// AuditDeferral it writes at once, and throws as append_pending does.
void audit(store::Connection& db, const Actor* actor, const AuditEntry& e, const std::string& client = {});
inline void audit(store::Connection& db, const Actor& actor, const AuditEntry& e) {
  audit(db, &actor, e, actor.client);
}

// An entry as it was made: who, when and from where are fixed at the moment
// of the act, even when it is written a moment later (see AuditDeferral).
struct PendingAudit {
  std::string at, user_id, organisation_id, client;
  AuditEntry entry;
};

// Reads of personal data are audited, but holding the database's write lock
// for a whole read would serialise every reader on SQLite. While an
// AuditDeferral is alive on a thread, audit() collects the entries instead
// of writing them; the dispatcher runs the read in a read transaction and
// then writes what was collected (service/audit_batch.h) before the answer
// is sent, so no answer leaves without its entry. Handlers run on one worker
// thread from start to end, which is why a thread-local collector is right.
class AuditDeferral {
 public:
  AuditDeferral();
  ~AuditDeferral();
  AuditDeferral(const AuditDeferral&) = delete;
  AuditDeferral& operator=(const AuditDeferral&) = delete;
  void collect(PendingAudit p) { entries_.push_back(std::move(p)); }
  std::vector<PendingAudit> take();

 private:
  std::vector<PendingAudit> entries_;
  AuditDeferral* outer_;
};

// Writes entries made earlier, in order, continuing the hash chain of `log`,
// keyed with the process's audit key (service/audit_key.h). Must run inside
// a transaction that may write. Throws std::runtime_error (Japanese) when
// the chain is keyed and this process has no key, or the other way round:
// an unkeyed entry after keyed ones would break the chain, and a keyed
// chain whose mark was cleared while the server ran has been tampered with.
// `left`, when given, receives the head the append leaves (as of commit).
void append_pending(store::Connection& db, const std::vector<PendingAudit>& entries, AuditLog log = AuditLog::main,
                    ChainHead* left = nullptr);

}  // namespace tsunagu::service
