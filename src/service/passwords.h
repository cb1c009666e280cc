// Users changing their own password. The current password proves that it is
// the person and not someone at a screen left open; the new one meets the
// rule of service/password_policy.h; afterwards every other session of the
// user ends (a phone or an office PC signed in before), the one making the
// change stays.
//
// Wrong current passwords are counted per user (password_change_failures):
// after `max_failures` within `window` further attempts are refused before
// any password is checked, so an open session is no way to guess the
// password at speed. Sign-in keeps its own throttle (service/sessions.h).
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct PasswordChangeLimits {
  int max_failures = 5;
  std::chrono::minutes window{15};
};

// Body: {current_password, new_password}. Manages its own transactions: the
// two argon2id computations (~55 ms each) run outside them. `session_token`
// is the cookie of the request (the session that stays). Throws Problem:
// 400 validation_failed (the new password; nothing is counted),
// 429 too_many_password_attempts, 404 not_found (the user is gone),
// 400 current_password_incorrect (counted
// and audited as password_change_failed), 409 password_changed_elsewhere
// (another change won between the check and the write).
void change_own_password(store::Connection& db, const Actor& actor, const std::string& session_token,
                         const nlohmann::json& body, const PasswordChangeLimits& limits = {});

}  // namespace tsunagu::service
