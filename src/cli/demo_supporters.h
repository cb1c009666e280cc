// Supporters of NPO法人ひだまりの家 for the demo (issue 17 point 9): a
// 養成講座 with 12 graduates (山本 ゆう, who signs in as the supporter, among
// them, and two peer supporters), an earlier course whose qualification is
// about to expire, a 関係機関向け研修 for agency staff, and dispatches from the
// NPO's cases in every state.
#pragma once

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo users exist (hayashi: the NPO's coordinator,
// yamamoto: its supporter).
void load_demo_supporters(store::Connection& c, const service::SealKey& key);

}  // namespace tsunagu::cli
