#include "service/audit_key.h"

#include <sodium.h>

#include <filesystem>
#include <memory>

#include "service/sealed_field.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

// Set once at start, before the worker threads exist; read-only after.
std::unique_ptr<AuditKey> g_key;

AuditKey from_seal_key(const SealKey& k) {
  AuditKey key;
  key.bytes = k.bytes;
  return key;
}

}  // namespace

std::string default_audit_key_path(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".audit-key";
  return "var/tsunagu.audit-key";
}

std::optional<AuditKey> read_audit_key(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  // The same file format and checks as the contact-details key: 32 bytes.
  return from_seal_key(load_or_create_key(path));
}

AuditKey create_audit_key(const std::string& path) { return from_seal_key(load_or_create_key(path)); }

std::string audit_mac(const AuditKey& key, std::string_view message) { return hash_hex(message, key.bytes); }

void use_audit_key(const AuditKey& key) { g_key = std::make_unique<AuditKey>(key); }
const AuditKey* audit_key_in_use() { return g_key.get(); }
void stop_using_audit_key() { g_key.reset(); }

}  // namespace tsunagu::service
