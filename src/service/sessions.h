// Signing in and out, and finding who is behind a session cookie.
//
// Sessions live in the database so that app servers stay stateless. The
// cookie carries a random token; only its hash is stored. A session ends
// after `idle` without requests or `absolute` after sign-in, whichever
// comes first; a user has at most `sessions_per_user` (the oldest end).
//
// Guessing is limited without handing anyone a way to lock others out
// (docs/operations/security.md):
// - `lock_after` failed attempts on a login name lock it for `lock_for`,
//   counted per name as typed, so an unknown login answers exactly like a
//   known one; each attempt is counted before its password is checked, so
//   concurrent attempts never check more than `lock_after` passwords.
// - A browser that has signed in to the account before (device cookie) is
//   not held by that lock: it has its own count of `lock_after`, after
//   which it is no longer known. So a stranger's guessing cannot keep the
//   account's own people out.
// - Per address, `client_failures` failures and `client_sign_ins`
//   successes in `window`; per user, `user_sign_ins` successes (each costs
//   a password hash). Refusals beyond these check no password.
//
// A user with two-factor sign-in on (service/two_factor.h) gets no session
// for the password alone: sign_in hands out a second-step token that lives
// `second_factor_wait`, and complete_second_factor opens the session for it
// with a code from the app or a recovery code. The device cookie plays no
// part in that step: it only keeps the account's own browsers clear of the
// password lock, and never stands in for the second factor.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "service/actor.h"
#include "service/case_ref.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::hours absolute{12};
  int lock_after = 5;
  std::chrono::minutes lock_for{15};
  int client_failures = 20;
  std::chrono::minutes window{15};
  int user_sign_ins = 30;
  int client_sign_ins = 120;
  int sessions_per_user = 10;
  std::chrono::hours device_lifetime{24 * 180};
  int devices_per_user = 20;
  std::chrono::seconds second_factor_wait{5 * 60};
};

struct SignedIn {
  Actor actor;
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
  std::string device_token;  // for the device cookie; never stored
  // Set instead of token, csrf_token and device_token when the password was
  // right and the second step is still to come (for its cookie; only its
  // hash is stored).
  std::string second_factor_token;
};

// Manages its own transactions (the password check runs between them, so
// no database lock is held for its ~65 ms). `device_token` is the device
// cookie the browser sent (may be empty). Throws 429 too_many_attempts
// or 423 account_locked before any password is checked (only the attempt's
// count is kept); after a wrong password 401 invalid_credentials or 423
// account_locked, the failure recorded (and audited) before the throw.
SignedIn sign_in(store::Database& db, const SessionLimits& limits, const std::string& login,
                 const std::string& password, const std::string& client, const std::string& device_token = {});

// The second step: `challenge_token` from sign_in's second_factor_token,
// and either `code` (six digits from the app) or `recovery_code`. One
// transaction. Throws 401 second_factor_expired (no such token, or older
// than second_factor_wait: sign in again), 401 second_factor_invalid (a
// wrong code, counted per user and audited), 423 two_factor_locked (too
// many wrong codes; the user's tokens end).
SignedIn complete_second_factor(store::Database& db, const SessionLimits& limits, const SealKey& key,
                                const std::string& challenge_token, const std::string& code,
                                const std::string& recovery_code, const std::string& client,
                                const std::string& device_token = {});

// Lifts the lock of a login name (an administrator set a new password).
void unlock_login(store::Connection& db, const std::string& login);

struct ActiveSession {
  Actor actor;
  std::string token_hash, csrf_token;
  // As read, fixed-width UTC (format_utc): session_age() decides from them.
  std::string created_at, last_seen_at;
  // The organisation requires a second factor of this role and the user
  // has none yet: the session may only enrol one (http/dispatcher.cc).
  bool must_enrol_two_factor = false;
  // The case asked for with the session (find_session's `case_id`).
  std::optional<CaseLookup> case_lookup;
  bool operator==(const ActiveSession&) const = default;
};

enum class SessionState { active, missing, expired };

// Where a session stands by its times: in use, in use but to be touched
// now (last_seen_at is written at most once a minute, or sooner for short
// test timeouts: a write on every request would serialise all readers on
// SQLite), or ended by the idle or absolute limit.
enum class SessionAge { current, touch_due, expired };
SessionAge session_age(const SessionLimits& limits, const std::string& created_at, const std::string& last_seen_at,
                       std::chrono::system_clock::time_point now);

// Looks the token up; touches last_seen at most once a minute. Given a
// `case_id`, reads that case's ref in the same statement (CaseLookup).
SessionState find_session(store::Connection& db, const SessionLimits& limits, const std::string& token,
                          const std::string& client, ActiveSession& out, const std::string* case_id = nullptr);

// What answers given from memory relied on (service/remembered_rows.h), as
// it stands now: for each (token hash, case id or "" for none) asked, the
// session as find_session would read it (no address, no case) if it exists
// with an active user, and the case's ref if the case exists. One
// statement for up to 64 pairs, however many sessions and cases: on
// PostgreSQL every statement is a round trip that the audit batch, and
// every answer in it, waits for.
struct CurrentRows {
  std::unordered_map<std::string, ActiveSession> sessions;  // by token hash
  std::unordered_map<std::string, CaseRef> cases;           // by id
};
CurrentRows current_rows(store::Connection& db, const std::vector<std::pair<std::string, std::string>>& asked);

void sign_out(store::Connection& db, const std::string& token, const Actor& actor);

// Ends every session of a user (deactivated, password changed).
void end_sessions_of(store::Connection& db, const std::string& user_id);

}  // namespace tsunagu::service
