// The audit key: 32 random bytes kept OUTSIDE the database, with which the
// server MACs every audit entry, the chain head and the checkpoints of the
// anchor file (docs/design/audit-chain.md).
//
// Why a key: an unkeyed hash chain only proves that entries were not changed
// by someone who does not know the formula. Anyone who can write the
// database can recompute every later hash after an edit, or delete the last
// entries and fix the head. With the key outside the database, writing the
// database is no longer enough to write a chain that verifies.
//
// The key is a file of its own, not derived from the contact-details key
// (service/sealed_field.h): an auditor who checks the log needs this key
// and not the power to read contact details, and each can be replaced or
// copied to another server on its own.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::service {

struct AuditKey {
  std::array<unsigned char, 32> bytes{};
};

// Next to an SQLite file "<db>.audit-key"; for PostgreSQL
// "var/tsunagu.audit-key" (every server on one database needs the same key).
std::string default_audit_key_path(const std::string& db_url);

// The key at `path`; nullopt when there is no such file. Throws
// std::runtime_error (Japanese) when the file exists but is not a key.
std::optional<AuditKey> read_audit_key(const std::string& path);
// Creates the key file (32 random bytes, mode 0600) unless another process
// just did, and returns the key that is in it.
AuditKey create_audit_key(const std::string& path);

// BLAKE2b-256 keyed with the audit key (libsodium crypto_generichash), hex.
// Callers put a distinct prefix in `message` for each kind of thing they
// MAC (entry, head, checkpoint), so one can never stand in for another.
std::string audit_mac(const AuditKey& key, std::string_view message);

// The key this process writes with. audit() is reached from every service
// with nothing but a connection, and the key is one per process, loaded
// once at start before any request, so it is installed here rather than
// passed through every call. Null until use_audit_key(): a process without
// a key (a tool, a unit test) writes unkeyed entries to an unkeyed chain and
// refuses to write to a keyed one (service/audit.cc).
void use_audit_key(const AuditKey& key);
const AuditKey* audit_key_in_use();
// Back to no key (close_audit_chain in service/audit_seal.h).
void stop_using_audit_key();

}  // namespace tsunagu::service
