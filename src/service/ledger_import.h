// Bringing a centre's existing 相談台帳 into tsunagu (PRODUCT.md, Trust:
// "import of existing Excel/CSV ledgers"). The ledger is CSV text (the
// caller decodes UTF-8 or Shift_JIS, service/text_encoding.h); its columns
// are read by name (service/ledger_columns.h). Every case and every
// consultation is created through create_case and create_contact, so the
// same rules, sealing and audit entries apply as when staff type them.
//
// All or nothing: the caller runs this inside one write transaction and
// commits only when it returns (a dry run returns the same counts and is
// rolled back). Every problem of every row is found before anything is
// written, and reported by row and column; then nothing is written.
#pragma once

#include <string>

#include "service/actor.h"
#include "service/permission.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct LedgerImport {
  int cases = 0;     // one per 台帳番号 (or 氏名 + 生年月日, or row)
  int named = 0;     // of those, with a named 本人 (the others anonymous)
  int contacts = 0;  // one per row with a 相談日
};

// Rows the import reads at most (a larger ledger is split by year).
inline constexpr std::size_t kLedgerMaxRows = 50'000;

// Who may bring a ledger in: the staff who do case work, for their own
// organisation (what they could type in one by one).
Policy ledger_import_policy();

// Throws Problem 400 (errors by "N行目 列名") when anything cannot be read.
LedgerImport import_ledger(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& text);

}  // namespace tsunagu::service
