// `tsunagu audit verify` and `tsunagu audit checkpoint`: what they print
// and the exit status (docs/design/audit-chain.md).
#pragma once

#include <string>
#include <vector>

#include "service/audit_seal.h"

namespace tsunagu::cli {

// Checks both chains with the audit key (if the key file is there; a keyed
// chain without it fails), then each anchor file: the ones given, or else
// the default one if it exists. `key_named`: the operator named the key
// file, so a missing one is an error rather than "no key". 0 when all is
// well, 1 when something was found, 2 when it could not be checked.
int run_audit_verify(const std::string& db_url, const service::AuditFiles& files, bool key_named,
                     const std::vector<std::string>& anchors);

// Prints the current head of each keyed log as a signed checkpoint line, for
// the operator to keep away from the server and give to verify --anchor.
int run_audit_checkpoint(const std::string& db_url, const service::AuditFiles& files);

}  // namespace tsunagu::cli
