// The public side of the demo (issue 19): the four organisations' public
// profiles — the 県センター and the さくら市ステーション answer anonymous
// consultations, the あおば町サポート事業 and the NPO are listed with their
// hours and how to reach them — and the ステーション's reply templates.
#pragma once

#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo organisations exist (demo_data.cc).
void load_demo_public(store::Connection& c);

}  // namespace tsunagu::cli
