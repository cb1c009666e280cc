// Wrong current passwords given when users change their own password.
//
// A signed-in session (a screen left open) must not become a way to guess
// the account's password without limit: each wrong attempt is kept here,
// and service/passwords.cc refuses further attempts for a while after a
// few. Kept apart from login_failures, which belong to sign-in and count
// per client address.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0019_password_change_failures{
    19, "password_change_failures",
    R"SQL(
CREATE TABLE password_change_failures (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX password_change_failures_user ON password_change_failures(user_id, at);
)SQL"};

}  // namespace tsunagu::store::migrations
