// Supporters' reports marked urgent (急ぎの連絡) that no coordinator has
// taken into the case yet: they reach the coordinators of the dispatching
// organisation at once — listed above the dispatch board, counted beside
// 派遣 in the navigation (GET /api/v1/consultation-counts), and a section of
// the home screen (GET /api/v1/home). A report leaves them when a
// coordinator accepts it as a contact (accept_dispatch_report), or — a
// report of a 居場所・グループ session, never taken into a case — when a
// coordinator marks it handled (mark_urgent_report_handled).
// No mail is sent: users have no email address in tsunagu.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/supporters.h"
#include "store/db.h"

namespace tsunagu::service {

// The condition on a dispatch row aliased `d` (a constant, never input).
inline constexpr char kUntakenUrgentReport[] =
    "d.report_urgent = 1 AND d.report_contact_id IS NULL AND d.urgent_handled_at IS NULL";

std::int64_t untaken_urgent_report_count(store::Connection& db, const std::string& organisation_id);

// {count, items: [{id, activity, starts_at, reported_at, supporter_name,
// case_id, case_title, group_name}]}, newest report first, at most `limit`
// items. Names and titles only: the report's words stay on the board.
nlohmann::json urgent_reports_section(store::Connection& db, const std::string& organisation_id, int limit);

// A coordinator has read and acted on the urgent report of a 居場所・グループ
// session (a case's report leaves the list by being taken into the case).
// Throws 409 urgent_not_pending (not urgent, a case's report, or already
// handled), 412 version_conflict.
Dispatch mark_urgent_report_handled(store::Connection& db, const Actor& actor, const Dispatch& d,
                                    std::int64_t expected_version);

}  // namespace tsunagu::service
