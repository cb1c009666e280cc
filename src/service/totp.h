// One-time codes from an authenticator app: HOTP (RFC 4226) and TOTP
// (RFC 6238) with HMAC-SHA1, 30-second steps and 6 digits — what every
// authenticator app does when the otpauth:// URI says nothing else, so any
// app the staff already have works.
//
// A code is accepted for the current step and one step either side (a
// phone's clock a little off, a code typed as it changed), and only for a
// step later than the last one the user used: a code seen over someone's
// shoulder, or sent twice, does not sign in again (RFC 6238 §5.2).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::service {

inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation

// The RFC 4226 value of HMAC-SHA1(`key`, `counter`), `digits` long (6 to 8)
// with leading zeros.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);

// The TOTP step a moment falls in (Unix seconds / 30). Given in seconds
// too: the clock's nanoseconds end in 2262, before RFC 6238's last vector.
std::int64_t totp_step(std::int64_t unix_seconds);
std::int64_t totp_step(std::chrono::system_clock::time_point t);

// The step of `now_step - 1 .. now_step + 1` whose code is `code` and that
// is later than `last_used_step`; nullopt when there is none (a wrong code,
// one too old or too new, or a replay). `code` must be exactly 6 digits.
// Compared in constant time.
std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, std::int64_t now_step,
                                       std::int64_t last_used_step);

// A new secret of kTotpSecretBytes random bytes.
std::string new_totp_secret();

// The otpauth:// URI an authenticator app reads from the QR code
// (Key Uri Format): issuer "tsunagu", the account's login, the secret in
// base32. Both names are percent-encoded.
std::string otpauth_uri(std::string_view secret, std::string_view account);

}  // namespace tsunagu::service
