// The report of one 実態把握調査 as tables (issue 18 point 8), for the
// screen, CSV and xlsx alike: response by district, persons by district and
// age band per 1,000 residents with the response rate beside them, and the
// answers per item with 「分からない」 shown. Built on service/surveys.h.
// Analysts see it with small cells hidden (report/small_cells.h), and a
// district's rate per 1,000 is hidden with its hidden total.
#pragma once

#include <vector>

#include "report/table.h"
#include "service/surveys.h"

namespace tsunagu::report {

std::vector<Table> survey_report_tables(store::Connection& db, const service::Actor& actor, const service::Survey& s);

// After suppress_small_cells: a rate per 1,000 whose persons total is hidden
// would give the total back; it is hidden too.
void hide_survey_derived_cells(std::vector<Table>& tables);

}  // namespace tsunagu::report
