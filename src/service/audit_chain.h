// The formulas of the audit chain and its head, shared by the writer
// (service/audit.cc), the verifier (service/audit_verify.cc) and the
// checkpoints (service/audit_anchor.cc). docs/design/audit-chain.md.
//
// An entry's `hash` is BLAKE2b-256 over the previous entry's hash and the
// entry's fields. Entries from the head's `keyed_from` on are hashed with
// the audit key (a MAC, and the log's name is part of the message); the
// entries before it were written before the chain was keyed and keep the
// unkeyed formula. The first keyed entry's MAC covers the hash of the last
// unkeyed one, so the unkeyed prefix cannot be rewritten either without the
// key. The head row holds (seq, hash, keyed_from) and a MAC over the three:
// without the key nobody can move the head back over deleted entries, or
// clear keyed_from to make keyed entries look unkeyed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/audit.h"
#include "service/audit_key.h"
#include "store/db.h"

namespace tsunagu::service {

inline constexpr char kAuditGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

struct ChainFields {
  std::int64_t seq = 0;
  std::string at, user_id, organisation_id, action, entity, entity_id, client, detail;
};

// The entry hash after `prev`: keyed with `key` when it is not null, the
// unkeyed formula of the first version otherwise.
std::string chain_hash(const std::string& prev, const ChainFields& f, AuditLog log, const AuditKey* key);

// The hashes of `entries` appended in order after the entry numbered `seq`
// whose hash is `prev`: the i-th gets number seq + 1 + i.
std::vector<std::string> chain_hashes(const std::vector<PendingAudit>& entries, std::int64_t seq, std::string prev,
                                      AuditLog log, const AuditKey* key);

struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
  std::optional<std::int64_t> keyed_from;  // null: the chain was never keyed
  std::string mac;                         // "" when not keyed
};

// The head row of `log` (in the caller's transaction).
ChainHead read_chain_head(store::Connection& db, AuditLog log);
// The same on a database that may not be migrated yet (a backup from before
// migration 0020, given to `tsunagu audit verify`): without the columns of
// the keyed head, it reads an unkeyed one.
ChainHead read_chain_head_of_any_version(store::Connection& db, AuditLog log);
std::string head_mac(const AuditKey& key, AuditLog log, std::int64_t seq, const std::string& hash,
                     std::int64_t keyed_from);
bool head_mac_ok(const AuditKey& key, AuditLog log, const ChainHead& head);

}  // namespace tsunagu::service
