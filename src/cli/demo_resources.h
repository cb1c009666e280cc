// The 社会資源 directory of the demo (issue 15 point 10): みどり県's partner
// agencies as a 相談員 meets them — some of them tsunagu organisations, so
// that a referral lands in their 受け入れ, the others agencies that answer by
// phone — so that a new user can make a referral at once.
#pragma once

#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo organisations, areas and users exist.
void load_demo_resources(store::Connection& c);

}  // namespace tsunagu::cli
