// Every row of the case list, every search hit shown and every case detail
// says whether 本人 has ever been met (EXISTS … subject_met = 1). Through
// contacts_case that reads each of the case's contact rows — notes and all,
// a page of 50 cases is a thousand rows — about a third of a search's time
// on a prefecture-size database. A partial index of the met contacts answers
// it with one probe.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0013_contacts_subject_met_index{
    13, "contacts_subject_met_index",
    "CREATE INDEX contacts_case_subject_met ON contacts(case_id) WHERE subject_met = 1;", "", ""};

}  // namespace tsunagu::store::migrations
