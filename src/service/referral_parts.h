// The "assessments" and "plans" parts of a case as another organisation is
// shown them (by referral or meeting; see service/case_parts.h): what the
// receiver needs to welcome the person, and no more.
//
// Registered as shared parts in service/case_parts.cc.
//
// Assessments: the latest one only, as a summary — 外出状況 with its
// descriptive classification, ④ ひきこもりの段階, 生活上の困難, きっかけ,
// できること and 興味関心. The clinician-reported axes (①②③⑥), the sides,
// the distress fields and staff notes stay with the owning organisation:
// they are 要配慮個人情報 that a receiver rarely needs, and a new
// assessment there is the receiver's own to make.
// Plans: the current plan (latest started) with its active goals on the
// three axes in the person's words, its consent state and review date.
//
// Both are arrays (of at most one element) so that the shape is the same
// whether or not anything has been recorded yet.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

nlohmann::json shared_assessments(store::Connection& db, const std::string& case_id);
nlohmann::json shared_plans(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
