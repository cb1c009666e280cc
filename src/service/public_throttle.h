// Limits for the entry points without a login (the public side): recent
// events per client address and per consultation number, kept in the
// database so that every server of a PostgreSQL deployment counts the same
// events. The address is never stored: only a keyed hash of it (a key
// derived from the deployment's seal key), and only for the window — older
// rows are removed as new ones come (issue 19: 「書き込んだ人のアドレスは、
// 制限の時間だけ、ハッシュで」).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct ThrottleRule {
  std::string_view bucket;  // "post", "guess", "message"
  int limit;                // events allowed within the window
  std::chrono::seconds window;
};

// The posting and guessing limits of the public side. Generous per
// address: a mobile carrier puts thousands of phones behind one address
// (CGNAT), and a person who is refused may not try again. The real guard
// against guessing is the size of the secret (≈ 140 bits) and the lock per
// number; these limits keep one address from spending the server's CPU.
inline constexpr ThrottleRule kPostPerAddress{"post", 20, std::chrono::hours(1)};
inline constexpr ThrottleRule kMessagePerAddress{"message", 120, std::chrono::hours(1)};
// Every opening with a number and passphrase, right or wrong, and every try
// on a locked number: each costs an argon2id, so each is counted, before
// any hash. A person opens their thread a few times a day; a loop of right
// openings would otherwise fill the hashing pool for everyone.
inline constexpr ThrottleRule kOpenPerAddress{"open", 30, std::chrono::minutes(15)};

// The keyed hash of a client address (hex): give it the address group
// (http::address_group: an IPv6 client by its /64, which one subscriber
// holds whole), not the address itself. Two servers with the same key
// give the same hash; a copy of the database alone does not give the
// address back (an IPv4 address is easy to guess from an unkeyed hash).
std::string client_key(const SealKey& key, std::string_view client);

// Whether one more event of `key` fits `rule`; when it does, the event is
// recorded. Inside the caller's write transaction, so that concurrent
// requests cannot both take the last place (SQLite: one writer;
// PostgreSQL: the count and the insert are serialised per key by an
// advisory lock on it).
bool throttle_take(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// throttle_take, answering how long to wait when it does not fit (zero
// when the event was recorded): what a refusal tells the person.
std::chrono::seconds throttle_take_or_wait(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// The events of `key` still inside the window (for tests and the guard of
// the sign-in, which counts only failures).
int throttle_count(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// Records one event without checking (a failed guess).
void throttle_record(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// How long until one more event of `key` fits `rule` (zero when it fits
// now): the time a refused person is told to wait, and Retry-After.
std::chrono::seconds throttle_wait(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// Forgets every event of `key` under `rule` (a right passphrase ends the
// count of wrong ones).
void throttle_forget(store::Connection& db, const ThrottleRule& rule, const std::string& key);
// Removes every row older than the longest window (called by the daily
// retention job and, cheaply, on each write).
void throttle_forget_old(store::Connection& db);

}  // namespace tsunagu::service
