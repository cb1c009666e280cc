// `tsunagu init`: the first prefecture, organisation and administrator of a
// new database, without the demo data — how a real deployment starts
// (docs/operations/postgresql.md). Everything else is then done on the
// admin screens.
#pragma once

#include <string>

#include "service/audit_seal.h"

namespace tsunagu::cli {

struct InitRequest {
  std::string db_url, key_file;
  service::AuditFiles audit_files;
  std::string prefecture, organisation, kind, program_type, login, name, password;
};

// Returns the process exit status; prints what it made (and where the key
// files are) or, on refusal, why (Japanese) on stderr. Refuses a database
// that already has an organisation or a user.
int run_init(const InitRequest& r);

}  // namespace tsunagu::cli
