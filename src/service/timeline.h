// The timeline of a case: one chronological list, newest first, of its
// contacts, assessments, plan changes and goal progress, stage changes and
// status changes. Each entry is {kind, on, at, summary, ref_id, by, by_id}:
// `on` is the Asia/Tokyo day it happened, `at` the UTC time it happened
// (contacts) or was recorded (the rest), `summary` a short Japanese line
// written without failure wording, `ref_id` the record to open.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

// kinds: contact, assessment, plan, stage, status, referral (referrals sent
// or received and the receiving side's feedback), meeting (meetings that
// discussed the case and the follow-up items decided there), group
// (attendance at a 居場所 or group: the case's own organisation's, and
// another organisation's only under 本人同意 through a referral;
// service/groups.h).
inline constexpr const char* kTimelineKinds[] = {"contact", "assessment", "plan", "stage", "status", "referral",
                                                 "meeting", "group"};

// Query parameters: kinds (comma-separated, default all), cursor (the
// previous page's next_cursor), limit (1..200, default 50). Answers {items,
// next_cursor}. Throws 400 validation_failed on unknown kinds, a bad limit
// or cursor.
nlohmann::json case_timeline(store::Connection& db, const std::string& case_id,
                             const std::map<std::string, std::string>& query);

}  // namespace tsunagu::service
