// `tsunagu import` and `tsunagu export`: a centre's 相談台帳 in and out
// (service/ledger_import.h, report/ledger_export.h), done as a named staff
// member of the organisation, under the same permission check and audit
// log as the screens. For the operator moving a centre onto tsunagu, and
// for taking everything out again (docs/operations/ledger.md).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "service/audit_seal.h"
#include "service/text_encoding.h"

namespace tsunagu::cli {

struct LedgerRequest {
  std::string db_url, key_file, login, file;
  service::AuditFiles audit_files;
  service::TextEncoding encoding = service::TextEncoding::automatic;
  bool dry_run = false;
};

struct LedgerCommands {
  CLI::App* import = nullptr;
  CLI::App* export_ = nullptr;
  LedgerRequest request;  // the caller fills db_url, key_file and audit_files
};
// The options every command that writes takes, bound to the caller's.
struct SharedOptions {
  std::string &db_url, &key_file, &audit_key_file, &audit_anchor_file;
  const char *key_help, *audit_key_help, *audit_anchor_help;
};
void add_ledger_commands(CLI::App& app, LedgerCommands& out, SharedOptions shared);

// Exit status 0 when done, 1 when the ledger was refused (each problem on
// stderr, by row and column; nothing written), 2 when it could not start
// (no such file, login or permission).
int run_ledger_import(const LedgerRequest& r);
// Writes the organisation's ledger to r.file ("-": standard output).
int run_ledger_export(const LedgerRequest& r);

}  // namespace tsunagu::cli
