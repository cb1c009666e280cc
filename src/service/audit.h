// The audit log: who did what to which record, when and from where.
//
// Every write, and every read of personal data, appends an entry inside the
// same transaction as the work itself, so there is no work without its
// entry. Entries are hash-chained: each stores the hash of the previous one
// and its own hash over its content, and a one-row head table holds the
// latest hash so that cutting entries off the end is detected too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct AuditEntry {
  std::string action;     // read, create, update, delete, login, login_failed, logout, denied, …
  std::string entity;     // table-like name: user, organisation, case, …
  std::string entity_id;  // may be empty (e.g. a list read)
  std::string detail;     // short, no personal data beyond ids
};

// Appends one entry. `actor` may be null for events without a signed-in
// user (a failed login); then `client` says where it came from.
void audit(store::Connection& db, const Actor* actor, const AuditEntry& e, const std::string& client = {});
inline void audit(store::Connection& db, const Actor& actor, const AuditEntry& e) {
  audit(db, &actor, e, actor.client);
}

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken_seq;  // first entry whose link or hash is wrong
  std::string reason;                            // Japanese, for the operator
};

AuditVerdict verify_audit_chain(store::Connection& db);

}  // namespace tsunagu::service
