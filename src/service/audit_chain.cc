#include "service/audit_chain.h"

#include "service/secrets.h"

namespace tsunagu::service {
namespace {

// Unit separator between fields so that moving text from one field to the
// next changes the hash.
std::string message_of(const std::string& prev, const ChainFields& f) {
  std::string s = prev;
  for (const std::string* x : {&f.at, &f.user_id, &f.organisation_id, &f.action, &f.entity, &f.entity_id, &f.client,
                               &f.detail}) {
    s += '\x1f';
    s += *x;
  }
  s += '\x1f';
  s += std::to_string(f.seq);
  return s;
}

}  // namespace

std::string chain_hash(const std::string& prev, const ChainFields& f, AuditLog log, const AuditKey* key) {
  if (!key) return hash_hex(message_of(prev, f));
  return audit_mac(*key, std::string("tsunagu-audit-entry\x1f") + audit_log_name(log) + '\x1f' + message_of(prev, f));
}

std::vector<std::string> chain_hashes(const std::vector<PendingAudit>& entries, std::int64_t seq, std::string prev,
                                      AuditLog log, const AuditKey* key) {
  std::vector<std::string> hashes;
  hashes.reserve(entries.size());
  for (const PendingAudit& p : entries) {
    const AuditEntry& e = p.entry;
    ChainFields f{++seq, p.at, p.user_id, p.organisation_id, e.action, e.entity, e.entity_id, p.client, e.detail};
    prev = chain_hash(prev, f, log, key);
    hashes.push_back(prev);
  }
  return hashes;
}

ChainHead read_chain_head(store::Connection& db, AuditLog log) {
  auto r = db.query_one(std::string("SELECT seq, hash, keyed_from, mac FROM ") + audit_head_table(log) +
                        " WHERE id = 1");
  ChainHead h;
  if (!r) return h;
  h.seq = r->integer(0);
  h.hash = r->text(1);
  h.keyed_from = r->opt_integer(2);
  h.mac = r->text(3);
  return h;
}

ChainHead read_chain_head_of_any_version(store::Connection& db, AuditLog log) {
  if (db.query_one("SELECT 1 FROM schema_migrations WHERE version = 18")) return read_chain_head(db, log);
  ChainHead h;
  if (auto r = db.query_one(std::string("SELECT seq, hash FROM ") + audit_head_table(log) + " WHERE id = 1")) {
    h.seq = r->integer(0);
    h.hash = r->text(1);
  }
  return h;
}

std::string head_mac(const AuditKey& key, AuditLog log, std::int64_t seq, const std::string& hash,
                     std::int64_t keyed_from) {
  return audit_mac(key, std::string("tsunagu-audit-head\x1f") + audit_log_name(log) + '\x1f' + std::to_string(seq) +
                            '\x1f' + hash + '\x1f' + std::to_string(keyed_from));
}

bool head_mac_ok(const AuditKey& key, AuditLog log, const ChainHead& head) {
  if (!head.keyed_from) return false;
  return constant_time_equal(head_mac(key, log, head.seq, head.hash, *head.keyed_from), head.mac);
}

}  // namespace tsunagu::service
