// What the MHLW figures count of anonymous consultation
// (docs/reports/counting-rules.md §7): every message the person writes is
// one 相談件数 in the メール column, on its Asia/Tokyo day; a thread is one
// 相談実人数 of 年齢不明 in each fiscal year it has a message of the person,
// unless it was made into a case: then it is that case's 本人.
// Kept in tables of their own (consultation_counts,
// consultation_person_years) that outlive the threads, so that a thread
// deleted by the person or by the retention job leaves its counts, and
// read by report/mhlw_query.cc beside the contacts' summaries.
#pragma once

#include <string>

#include "store/db.h"

namespace tsunagu::service {

// Once a thread is made into a case, in the same transaction: from then
// on — past years included — the thread counts as that case's 本人 in the
// 相談実人数 (once, with the case's own contacts), not as a person of its own.
void link_consultation_to_case(store::Connection& db, const std::string& thread_id, const std::string& case_id);

// After a message of the person was written at `at` (UTC text), in the
// same transaction.
void count_consultation_message(store::Connection& db, const std::string& organisation_id,
                                const std::string& thread_id, const std::string& at);

}  // namespace tsunagu::service
