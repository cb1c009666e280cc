// Figures of an organisation's supporters for one fiscal year (issue 17
// point 7): active supporters and the peers among them, dispatches carried
// out by activity and month, their hours, trainings held and attendees.
// Counts of the whole organisation only: no figure names or ranks a
// supporter.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::report {

// {fiscal_year, supporters: {active, peers}, dispatches: {months: [..12],
// by_activity: [{activity, counts: [..12], total}], total, minutes},
// trainings: [{kind, sessions, supporter_attendances, external_attendees}]}.
nlohmann::json supporter_figures(store::Connection& db, const std::string& organisation_id, int fiscal_year);

// For aggregate-only viewers (analysts, report/small_cells.h): the counts of
// people — active supporters, peers, training attendees — between 1 and k−1
// become null, as the other analyst reports hide them (the same rule,
// suppress_small_cells); counts of dispatches and sessions (records) stay.
void suppress_supporter_figures(nlohmann::json& figures, int k);

}  // namespace tsunagu::report
