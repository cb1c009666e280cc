// Sealed fields: personal contact details (phone, email, address) encrypted
// at rest with libsodium's crypto_secretbox (XSalsa20-Poly1305), so that a
// copy of the database file — a backup on a USB stick, a stolen laptop —
// does not reveal how to reach a person.
//
// The key lives in a file of its own (32 random bytes, mode 0600), created
// on first start and NEVER stored in the database: losing the database
// without the key reveals nothing; losing the key makes sealed values
// unreadable, so back the key file up apart from the database.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::service {

struct SealKey {
  std::array<unsigned char, 32> bytes{};
  bool loaded = false;
};

// Reads the key at `path`, or creates it (32 random bytes, mode 0600, parent
// directories as needed) when the file does not exist. Two processes
// starting at once end up with the same key (the file is published with an
// atomic link). Throws std::runtime_error with a Japanese message for the
// operator when the file exists but is not a 32-byte key.
SealKey load_or_create_key(const std::string& path);

// The default key path for a database URL: next to an SQLite file
// ("sqlite:var/x.sqlite" → "var/x.sqlite.key"); for PostgreSQL
// "var/tsunagu.key" (the key must not be in the database).
std::string default_key_path(const std::string& db_url);

// base64(nonce ‖ secretbox(plaintext)) with a fresh random nonce per call,
// so the same phone number sealed twice gives two different values.
// Precondition: key.loaded (std::logic_error otherwise).
std::string seal(const SealKey& key, std::string_view plaintext);

// The plaintext of a value written by seal(); nullopt when it is not valid
// base64, too short, or fails authentication (tampered, or another key).
// Precondition: key.loaded (std::logic_error otherwise).
std::optional<std::string> unseal(const SealKey& key, std::string_view sealed);

}  // namespace tsunagu::service
