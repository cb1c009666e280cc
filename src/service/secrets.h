// Randomness and one-way functions, all from libsodium: record ids that
// cannot be guessed, session tokens, and the argon2id password hashes.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tsunagu::service {

// Must be called once before any other function here (sodium_init).
void init_crypto();

// 16 random bytes, base32 lower-case without padding (26 characters): safe
// in URLs, not sequential, and unambiguous when read aloud over the phone.
std::string random_id();
// RFC 4648 base32 without padding, lower- or upper-case: record ids, and
// the two-factor secrets people type into an authenticator app by hand
// (which expect upper case).
std::string base32(std::string_view bytes, bool upper = false);
// 32 random bytes, base64url: session tokens and CSRF tokens.
std::string random_token();
// BLAKE2b-256 in hex. Session tokens are stored hashed, so a copy of the
// database does not let anyone sign in. With `key` (16 to 64 bytes) it is
// a MAC: the audit chain and the recovery codes, whose keys live outside
// the database.
std::string hash_hex(std::string_view data, std::span<const unsigned char> key = {});
bool constant_time_equal(std::string_view a, std::string_view b);

// argon2id at libsodium's interactive limits (~65 ms, 64 MiB). Slow on
// purpose: call from the worker pool, never on an I/O thread. Hashing
// throws std::runtime_error when libsodium runs out of memory.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

}  // namespace tsunagu::service
