// The lock of a consultation number against guessing its passphrase.
//
// Counted per number (its keyed hash), whether or not a thread has that
// number: an unknown number answers exactly as a real one — 401 for each
// wrong try, then the same wait — so the answers never confirm that a
// number someone found is real.
//
// Five wrong passphrases within 15 minutes lock the number for 15 minutes
// from the fifth. Tries while it is locked are refused before any check
// and are not counted, and when the lock ends the count starts from
// nothing (the failures that caused it have left the window by then), so
// a person coming back after the wait is not locked again by one slip.
// Each try is counted before its passphrase is checked and forgotten when
// it was right, so concurrent guesses check at most five.
//
// What it cannot stop: someone who knows a number can lock it again every
// 15 minutes. The browser that has the thread open keeps it (its session
// is not affected), and the lock never lets anyone in.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "store/db.h"

namespace tsunagu::service {

// Inside a write transaction, before the passphrase is checked: nullopt
// when this try may go on (it counts as wrong until number_opened says
// otherwise); else how long the number still waits.
std::optional<std::chrono::seconds> number_try(store::Connection& db, const std::string& number_hash);
// After a wrong passphrase: locks the number when it was the fifth.
void number_failed(store::Connection& db, const std::string& number_hash);
// After the right passphrase: the count starts again.
void number_opened(store::Connection& db, const std::string& number_hash);

}  // namespace tsunagu::service
