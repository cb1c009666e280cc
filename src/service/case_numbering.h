// Giving a case its number (domain/case_number.h) and keeping its title
// searchable. Both are columns of cases written beside the case itself, in
// the same transaction, by every writer of a case (intake, a referral
// accepted into a new case, an edit, anonymisation, the benchmark's
// generator).
#pragma once

#include <optional>
#include <string>

#include "domain/case_number.h"
#include "store/db.h"

namespace tsunagu::service {

// Gives the case (already inserted) the next number of its organisation in
// the fiscal year of its 受付日. The counter row is the only lock it takes:
// call it last in the transaction that inserts the case, so two intakes of
// one organisation wait for each other only for the rest of a commit.
domain::CaseNumber assign_case_number(store::Connection& db, const std::string& case_id);

// Stores the title as search folds it (domain::normalize_for_search), so
// a search finds 「ﾀﾅｶさん」 by 「たなか」.
void fold_case_title(store::Connection& db, const std::string& case_id, const std::string& title);

// "2026-0012", or nullopt for a case without a number (none yet).
std::optional<std::string> case_number_text(std::optional<std::int64_t> year, std::optional<std::int64_t> seq);

}  // namespace tsunagu::service
