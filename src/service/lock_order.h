// One lock order for every write: the cases a change shows in (by id)
// before the persons and households it changes.
//
// Writing a person or a household raises, in a trigger, the detail revision
// of every case that shows it (migration 0017), so the trigger locks those
// case rows after the person's or household's row. Recording a contact
// locks its case (the same trigger) and then the person (the report
// summary's FOR SHARE, store/summaries/mhlw_summary.cc). Two such writes on
// PostgreSQL waited for each other (a deadlock, every few seconds under
// load); these functions take the case rows first, in id order, so the
// trigger finds them already held. SQLite runs one writer at a time and
// needs nothing.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace tsunagu::service {

// The cases whose detail shows the person: as 本人, or through a household
// they belong to.
void lock_cases_showing_person(store::Connection& db, const std::string& person_id);

// The cases of the household and of the persons named (its members before
// and after a change).
void lock_cases_showing_household(store::Connection& db, const std::string& household_id,
                                  const std::vector<std::string>& person_ids);

}  // namespace tsunagu::service
