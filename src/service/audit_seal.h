// What a process does before it writes to the audit log: finds the audit
// key and the anchor file, checks that they belong to the chains it finds,
// keys a chain that was written before keys existed, and installs both for
// the rest of the process (service/audit_key.h, service/audit_anchor.h).
// `tsunagu serve`, `demo` and `user add` call it after migrating.
#pragma once

#include <string>

#include "store/db.h"

namespace tsunagu::service {

struct AuditFiles {
  std::string key;     // --audit-key-file, default service::default_audit_key_path
  std::string anchor;  // --audit-anchor-file, default service::default_audit_anchor_path
};
AuditFiles default_audit_files(const std::string& db_url);

// Throws std::runtime_error with a Japanese message for the operator, and
// starts nothing, when:
//  - a chain is keyed but the key file is missing, or the key does not
//    verify the chain's head (another key; or the head was replaced);
//  - the key file was there already but a chain that holds entries carries
//    no key mark (the mark was removed and the chain recomputed without the
//    key: an unkeyed chain is keyed only on the start that creates the key);
//  - the anchor file's latest checkpoint of a log is not in the chain (an
//    older database was put back, or the end of the log was cut off).
// The key file is created only when no chain is keyed yet. Keying an
// existing chain writes no entry: the head records keyed_from = seq + 1 and
// its MAC, and entries from then on are MACed (service/audit_chain.h).
void open_audit_chain(store::Database& db, const AuditFiles& files);

// Back to a process with no audit key and no anchor file, as before
// open_audit_chain: for unit tests, which open database after database in
// one process (a key left installed by one test would key the next test's
// new chain behind its back).
void close_audit_chain();

}  // namespace tsunagu::service
