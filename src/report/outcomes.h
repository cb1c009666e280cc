// Outcomes beyond employment (issue 5 point 3) for one organisation and
// fiscal year. No employment rate anywhere: movement is described on the
// three axes of the plans, the outing level of assessments, stage moves
// both ways, whether 本人 has been met, and continuity of contact.
//
// Counting rules (docs/design/organisation-reports.md):
//   - Axes: each plan goal with at least two progress records up to the end
//     of the year, one of them in the year; its latest record (up to the end
//     of the year) against its first: 前進 / 変化なし / 一時的に戻る.
//   - 外出状況: each case with at least two assessments with an outing level
//     up to the end of the year, one in the year; latest against first.
//   - Stage moves: moves recorded in the year, by direction, with the number
//     of distinct cases.
//   - 本人に会えた: cases with a contact of the organisation in the year; of
//     those, cases with at least one contact where 本人 was met.
//   - Continuity: for each contact of the year, the days (Asia/Tokyo
//     calendar) since the same case's previous contact with the
//     organisation (earlier years included); the median of those gaps.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "report/organisation_year.h"
#include "report/table.h"

namespace tsunagu::report {

// Tables: outcome_axes, outcome_outing, outcome_stage_moves, outcome_met,
// outcome_continuity (in this order).
std::vector<Table> outcome_tables(store::Connection& db, const OrganisationYear& scope);

// After small-cell suppression: a rate or median computed from a hidden
// count would give the count away, so it is hidden too.
void hide_derived_cells(std::vector<Table>& tables);

}  // namespace tsunagu::report
