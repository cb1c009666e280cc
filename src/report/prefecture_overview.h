// The prefecture's view of its municipalities (issue 18 point 7; seed 004
// asks prefectures to know, per municipality, where the three steps stand):
//   ① 窓口: an organisation of the municipality with a program type, and
//      the first fiscal year a case was opened there;
//   ② 実態把握: the latest survey year covering the municipality (its own
//      survey, or the prefecture's with respondents in its districts);
//   ③ プラットフォーム: the latest fiscal year a 市町村プラットフォーム連絡会
//      was held by one of its organisations.
// From the records only: a municipality without records shows 記録なし,
// which says what tsunagu holds, not what the municipality did.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::report {

// Every municipality under `prefecture_id` with the three steps. The
// caller has checked that the area is a prefecture.
nlohmann::json prefecture_overview(store::Connection& db, const std::string& prefecture_id);

}  // namespace tsunagu::report
