// The case a consultation thread was made into, kept beside its counted
// person-years (docs/reports/counting-rules.md §7): a thread linked to a
// case is that case's 本人 in the 相談実人数, once, not a second person of
// 年齢不明. Kept here and not only on the thread, because the counts outlive
// the thread (the person or the retention job may delete it) and a deleted
// linked thread must not start counting twice.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0037_consultation_case_link{
    37, "consultation_case_link",
    R"SQL(
ALTER TABLE consultation_person_years ADD COLUMN case_id TEXT;
UPDATE consultation_person_years SET case_id =
  (SELECT t.case_id FROM consultation_threads t WHERE t.id = consultation_person_years.thread_id);
CREATE INDEX consultation_person_years_thread ON consultation_person_years(thread_id);
)SQL"};

}  // namespace tsunagu::store::migrations
