// Signing in and out, and finding who is behind a session cookie.
//
// Sessions live in the database so that app servers stay stateless. The
// cookie carries a random token; only its hash is stored. A session ends
// after `idle` without requests or `absolute` after sign-in, whichever
// comes first. Failed sign-ins lock the account for a while after
// `lock_after` attempts, and a client address with too many failures in
// the window is refused before any password is checked.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::hours absolute{12};
  int lock_after = 5;
  std::chrono::minutes lock_for{15};
  int client_failures = 20;
  std::chrono::minutes window{15};
};

struct SignedIn {
  Actor actor;
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
};

// Manages its own transactions (the password check runs between them, so
// no database lock is held for its ~65 ms). Throws Problem 401
// invalid_credentials, 423 account_locked or 429 too_many_attempts; the
// failure is recorded (and audited) before the throw.
SignedIn sign_in(store::Database& db, const SessionLimits& limits, const std::string& login,
                 const std::string& password, const std::string& client);

struct ActiveSession {
  Actor actor;
  std::string csrf_token;
};

enum class SessionState { active, missing, expired };

// Looks the token up; touches last_seen at most once a minute.
SessionState find_session(store::Connection& db, const SessionLimits& limits, const std::string& token,
                          const std::string& client, ActiveSession& out);

void sign_out(store::Connection& db, const std::string& token, const Actor& actor);

// Ends every session of a user (deactivated, password changed).
void end_sessions_of(store::Connection& db, const std::string& user_id);

}  // namespace tsunagu::service
