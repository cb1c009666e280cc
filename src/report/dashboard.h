// The dashboard's own figures (issue 5 point 6): 相談件数 by channel for each
// month of the fiscal year — the same 件 as the MHLW report's, contacts and
// the person's messages of online consultation, read day by day from the
// counts report/mhlw_query.h reads (so the dashboard and the report agree),
// at most 365 × 5 rows. Age bands and つなぎ先 come from the MHLW figures
// and the caseload from the staff-load report, so each is counted by one
// set of rules.
#pragma once

#include <optional>
#include <vector>

#include "report/mhlw_suppression.h"
#include "report/organisation_year.h"
#include "report/table.h"

namespace tsunagu::report {

// The cells of the organisation's row that every MHLW report of the year
// hides from an aggregate-only viewer (report/mhlw_suppression.h); nullopt
// without `small_cell_k` (full figures). The dashboard's tables repeat that
// row, so they hide the same cells.
std::optional<MhlwSuppression::Flags> mhlw_row_hidden(store::Connection& db, const OrganisationYear& scope,
                                                      std::optional<int> small_cell_k);

// Rows 4月 … 3月 and 合計; columns the five channels of the MHLW report and 合計.
// The 合計 row is the organisation's 件数 row of the MHLW report: with
// `hidden`, its hidden cells are hidden here, and every month of a hidden
// column too (the months add up to it).
Table channels_by_month(store::Connection& db, const OrganisationYear& scope,
                        const std::optional<MhlwSuppression::Flags>& hidden);

// 相談実人数 by age band (dashboard_age_bands) and つなぎ件数 by category
// (dashboard_referral_categories) of the organisation, counted by the MHLW
// rules (report/mhlw_query.h); person cells hidden as `hidden` says.
std::vector<Table> mhlw_charts(store::Connection& db, const OrganisationYear& scope,
                               const std::optional<MhlwSuppression::Flags>& hidden);

}  // namespace tsunagu::report
