// The MHLW annual figures (report/mhlw_query.cc) count a year of contacts
// per organisation by channel and by case. With the channel and the case in
// the index, both GROUP BY queries read the index alone instead of visiting
// every contact row of the year (~400k on a prefecture-size database,
// bench/report_mhlw.sh).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0009_report_index{
    9, "report_index",
    "CREATE INDEX contacts_report ON contacts(organisation_id, occurred_at, channel, case_id);", "", ""};

}  // namespace tsunagu::store::migrations
