// Which cases a search matches, as parts of the case list's query (the list
// keeps its order, filters and cursor; see list_cases).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "service/search_index.h"
#include "store/db.h"

namespace tsunagu::service {

struct CaseSearchSql {
  std::string prefix;   // "WITH … " or empty, before the SELECT
  std::string columns;  // ", <person matched 0/1>, <contact matched 0/1>"
  std::string where;    // a condition on cases c
  std::vector<store::Value> prefix_params, column_params, where_params;
};

// Up to this many index hits are joined to their cases; beyond it the case
// list is walked and each case tested (see case_search.cc).
inline constexpr std::int64_t kDefaultSearchJoinLimit = 4000;

// `plan` must not be empty. Looks at how many entries match to choose how
// to find the cases (see case_search.cc).
CaseSearchSql case_search_sql(store::Connection& db, const SearchPlan& plan, const std::string& organisation_id,
                              std::int64_t join_limit = kDefaultSearchJoinLimit);

}  // namespace tsunagu::service
