// An organisation's cases and consultations as a 相談台帳 CSV (PRODUCT.md,
// Trust: "export of everything"): one row per consultation, a case without
// any as one row of its own, in exactly the columns the ledger import reads
// (service/ledger_columns.h), so that what is written out reads back in —
// into another tsunagu, or into the spreadsheet a centre goes back to.
// UTF-8 with a BOM, CRLF, text cells guarded against formulas
// (csv_text_field); the import takes that guard off again.
//
// Every case written is a read of personal data: one audit entry per case
// ("台帳の書き出し"), in the caller's transaction.
#pragma once

#include <string>

#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::report {

struct LedgerExport {
  std::string csv;
  int cases = 0;
  int contacts = 0;
};

// Who may take everything out: the supervisors (所長・主任相談員), for their
// own organisation. A coordinator reads case by case on the screens.
service::Policy ledger_export_policy();

LedgerExport export_ledger(store::Connection& db, const service::Actor& actor);

}  // namespace tsunagu::report
