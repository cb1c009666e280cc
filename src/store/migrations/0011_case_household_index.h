// A search that matches a family member finds the cases of that household;
// without this index SQLite builds a temporary one over every case on each
// such search (~0.4 s on a prefecture-size database).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0011_case_household_index{
    11, "case_household_index", "CREATE INDEX cases_household ON cases(household_id);", "", ""};

}  // namespace tsunagu::store::migrations
