// The case list is sorted by last update within an organisation; without
// this index a prefecture-size database sorts ~25k cases per request
// (bench/results/2026-11-23-case-work.md).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0006_case_list_index{
    6, "case_list_index",
    "CREATE INDEX cases_organisation_updated ON cases(organisation_id, updated_at, id);", "", ""};

}  // namespace tsunagu::store::migrations
