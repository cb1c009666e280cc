// Two-factor sign-in for one user: enrolling an authenticator app, the
// one-time recovery codes, the code check that sign-in's second step uses,
// and an administrator's reset when a phone is lost.
//
// - Enrolling: start_enrolment gives a new secret (kept pending, sealed
//   with the contact-details key) as a QR code and as base32 text;
//   confirm_enrolment with a code from the app makes it the one in use
//   (replacing an earlier one) and returns kRecoveryCodeCount recovery
//   codes, the only time they are ever shown. Until then an earlier secret
//   keeps working, so an abandoned re-enrolment locks nobody out.
// - Recovery codes are 50 random bits each, stored as a BLAKE2b hash keyed
//   with the contact-details key (outside the database). Not argon2id like
//   passwords: a code is random, not chosen by a person, so there is no
//   dictionary to slow down, and a keyed hash lets a sign-in find the code
//   in one lookup instead of ten 65 ms checks a stranger could trigger;
//   without the key file a copy of the database cannot test guesses at all.
// - Wrong codes are counted per user, with sign-in's numbers
//   (SessionLimits: lock_after within window, then lock_for). The second
//   step is reached only with the right password, so whoever runs this
//   count up already knows it: counting per user cannot be used by a
//   stranger to lock the account's own people out (service/sessions.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/sealed_field.h"
#include "service/sessions.h"
#include "store/db.h"

namespace tsunagu::service {

inline constexpr int kRecoveryCodeCount = 10;

struct TwoFactorState {
  bool active = false;     // a confirmed secret is in use
  bool required = false;   // the organisation requires it of this role
  std::optional<std::string> enabled_at;
  std::int64_t recovery_codes_left = 0;
  bool must_enrol() const { return required && !active; }
};
void to_json(nlohmann::json& j, const TwoFactorState& s);

TwoFactorState two_factor_state(store::Connection& db, const std::string& user_id);

struct Enrolment {
  std::string secret;        // base32, for typing into the app by hand
  std::string otpauth_uri;   // what the QR code holds
};

// Replaces any pending enrolment with a new secret; audited.
Enrolment start_enrolment(store::Connection& db, const SealKey& key, const Actor& actor);
// The pending enrolment's QR code (SVG). Throws 404 no_pending_enrolment.
std::string enrolment_qr(store::Connection& db, const SealKey& key, const Actor& actor);
// Body {code}. Makes the pending secret the one in use, replaces the
// recovery codes and returns the new ones. Throws 400 validation_failed
// (not six digits), 404 no_pending_enrolment, 400 two_factor_code_invalid.
std::vector<std::string> confirm_enrolment(store::Connection& db, const SealKey& key, const Actor& actor,
                                           const nlohmann::json& body);

enum class CodeCheck { totp, recovery_code, wrong, locked };

// Checks a code from the app (`code`) or a recovery code for an enrolled
// user, inside the caller's write transaction, which the caller commits
// whatever the result (a wrong code is counted in it). Takes the user's
// row first, so two requests with one code cannot both pass. A TOTP code
// of a step already used, or a used recovery code, is `wrong`. After
// `limits.lock_after` wrong codes within `limits.window` the user is locked
// for `limits.lock_for`: `locked` without looking at the code.
CodeCheck check_second_factor(store::Connection& db, const SealKey& key, const SessionLimits& limits,
                              const std::string& user_id, const std::string& code,
                              const std::string& recovery_code);
// Whether wrong codes have locked the user now.
bool second_factor_locked(store::Connection& db, const std::string& user_id);

// Body {code}: a current code from the app. Replaces the recovery codes and
// returns the new ones. Manages its own transaction (a wrong code is
// counted even though the request fails). Throws 400 validation_failed,
// 409 two_factor_not_active, 400 two_factor_code_invalid, 423 two_factor_locked.
std::vector<std::string> regenerate_recovery_codes(store::Connection& db, const SealKey& key,
                                                   const SessionLimits& limits, const Actor& actor,
                                                   const nlohmann::json& body);

// An administrator removes a user's second factor (lost phone). Body
// {reason}. Ends the user's sessions; audited with the reason. The caller
// has checked the user is in the administrator's organisation. Throws 400
// validation_failed (no reason; an administrator resetting their own).
void reset_two_factor(store::Connection& db, const Actor& actor, const std::string& user_id,
                      const nlohmann::json& body);

// The six digits a person typed as `field` (spaces and a hyphen in the
// middle left out); a field error in `in` otherwise (not a wrong code: it
// is not counted).
std::string read_totp_code(Input& in, const std::string& field = "code");

// Problems the routes share.
Problem second_factor_locked_problem();

}  // namespace tsunagu::service
