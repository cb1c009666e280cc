// さくら市's 実態把握調査 for the demo (issue 18 point 9): the station asked
// the 40 民生委員・児童委員 of its 8 districts; 31 returned it (27 with cards,
// 4 「該当者なし」), 64 anonymous cards sent with a few duplicates (one
// decided 同一人物, one 別人, the rest for staff to look at), and the
// population of each district by age band. 中村 民子 (nakamura, surveyor) is
// the respondent of さくら中央地区 01番 with one card sent and one draft.
// Four of the station's 本人 (S11–S14) get their district, so that the
// survey overlaps the case records as counts (capture–recapture).
#pragma once

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo users, areas and cases exist.
void load_demo_survey(store::Connection& c, const service::SealKey& key);

}  // namespace tsunagu::cli
