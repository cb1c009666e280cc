// Six months of groups in みどり県 for the demo (issue 16 point 9): the
// さくら市ステーション's 居場所 open twice a week — participants linked to
// cases, known by 呼び名 only, and anonymous headcounts, with residents of
// the neighbouring あおば町 under an agreement — and its monthly 家族会 and a
// finished 家族教室 course; the 県センター's CRAFT series in progress and a
// public lecture counted by headcount; the NPO's weekly フリースペース run by
// 居場所スタッフ. One session was cancelled for a typhoon.
#pragma once

#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo users and cases exist (demo_cases.h).
void load_demo_groups(store::Connection& c);

}  // namespace tsunagu::cli
