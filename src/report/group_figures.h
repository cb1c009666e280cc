// What a group learns from its records (issue 16 point 5): per month of a
// fiscal year, sessions held and cancelled, 実人数 (distinct registered
// participants) and 延べ人数, anonymous headcounts beside them — never
// guessed into 実人数 — first-time visitors, 本人 vs 家族, the returning
// rate (present at ≥ 2 sessions of the year) and the municipalities the
// participants live in (so that neighbouring towns see how many of their
// residents a shared 居場所 serves). The counting rules are
// domain::GroupTally; docs/reports/groups.md says which figure counts what.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "domain/group.h"
#include "report/table.h"
#include "service/groups.h"
#include "store/db.h"

namespace tsunagu::report {

// The figures of one group between two days (both included).
domain::GroupFigures group_figures(store::Connection& db, const std::string& group_id, const domain::Date& first_day,
                                   const domain::Date& last_day);

// The tables of one group's fiscal year: months (with the year's total),
// 本人・家族, municipalities, returning. Person cells are marked for
// small-cell suppression; hide_group_derived_cells hides the rate whose
// parts were hidden.
std::vector<Table> group_year_tables(store::Connection& db, const service::Group& g, int fiscal_year,
                                     const domain::GroupFigures& f);
void hide_group_derived_cells(std::vector<Table>& tables);

// One row per group of an organisation for a fiscal year.
Table organisation_groups_table(store::Connection& db, const std::string& organisation_id, int fiscal_year);

}  // namespace tsunagu::report
