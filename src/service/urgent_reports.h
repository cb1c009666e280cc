// Supporters' reports marked urgent (急ぎの連絡) that no coordinator has
// taken into the case yet: they reach the coordinators of the dispatching
// organisation at once — listed above the dispatch board, counted beside
// 派遣 in the navigation (GET /api/v1/consultation-counts), and a section of
// the home screen (GET /api/v1/home). A report leaves them when a
// coordinator accepts it as a contact (accept_dispatch_report). Reports of a
// 居場所・グループ session are never taken into a case, so they stay listed.
// No mail is sent: users have no email address in tsunagu.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

// The condition on a dispatch row aliased `d` (a constant, never input).
inline constexpr char kUntakenUrgentReport[] = "d.report_urgent = 1 AND d.report_contact_id IS NULL";

std::int64_t untaken_urgent_report_count(store::Connection& db, const std::string& organisation_id);

// {count, items: [{id, activity, starts_at, reported_at, supporter_name,
// case_id, case_title, group_name}]}, newest report first, at most `limit`
// items. Names and titles only: the report's words stay on the board.
nlohmann::json urgent_reports_section(store::Connection& db, const std::string& organisation_id, int limit);

}  // namespace tsunagu::service
