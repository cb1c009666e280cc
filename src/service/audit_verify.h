// Checking an audit log: every entry linked to the one before, every hash
// or MAC right, nothing missing at the end (the head), and, given an anchor
// file, nothing that an earlier checkpoint saw taken away or replaced.
// `tsunagu audit verify` prints what these return.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/audit.h"
#include "service/audit_anchor.h"
#include "service/audit_key.h"
#include "store/db.h"

namespace tsunagu::service {

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken_seq;  // first entry whose link or hash is wrong
  std::string reason;                            // Japanese, for the operator
};

// Checks `log` from its first entry. `key` is the audit key; null when the
// operator has none, which is enough only for a chain that was never keyed.
// A keyed chain without a key, or a key with a chain that carries no key
// mark, fails: the one cannot be checked, the other had its mark removed.
AuditVerdict verify_audit_chain(store::Connection& db, AuditLog log, const AuditKey* key);

// Checks the checkpoints of an anchor file against the chains as they are
// now: each one signed with `key`, its entry still there with the same hash,
// and no chain shorter than a checkpoint of it. One verdict per problem
// found (empty: all consistent); `checked` counts the checkpoints read.
std::vector<std::string> verify_audit_anchor(store::Connection& db, const AnchorFile& anchor, const AuditKey& key,
                                             std::int64_t& checked);

}  // namespace tsunagu::service
