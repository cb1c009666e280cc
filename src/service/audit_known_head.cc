#include "service/audit_known_head.h"

#include <nlohmann/json.hpp>

#include "service/audit_key.h"

namespace tsunagu::service {
namespace {

// The head moves (compare-and-set on seq, hash and the keyed mark) and the
// entries go in, in one statement; the insert reads the update's RETURNING,
// so when the head was elsewhere neither happens. `head` and `log` are the
// constant table names of one log, never input.
std::string append_sql(const char* head, const char* log) {
  return std::string("WITH moved AS (UPDATE ") + head +
         " SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ? AND hash = ? "
         "AND keyed_from IS NOT DISTINCT FROM ?::bigint RETURNING id) "
         "INSERT INTO " + log +
         " (seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash) "
         "SELECT e.seq, e.at, e.user_id, e.organisation_id, e.action, e.entity, e.entity_id, e.client, e.detail, "
         "e.prev_hash, e.hash FROM moved, jsonb_to_recordset(?::jsonb) AS e(seq bigint, at text, user_id text, "
         "organisation_id text, action text, entity text, entity_id text, client text, detail text, prev_hash text, "
         "hash text)";
}

}  // namespace

std::optional<ChainHead> append_after_known_head(store::Connection& db, const std::vector<PendingAudit>& entries,
                                                 AuditLog log, const ChainHead& known) {
  if (entries.empty()) return known;
  const AuditKey* key = audit_key_in_use();
  if (known.keyed_from.has_value() != (key != nullptr)) return std::nullopt;
  const std::vector<std::string> hashes = chain_hashes(entries, known.seq, known.hash, log, key);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const PendingAudit& p = entries[i];
    rows.push_back({{"seq", known.seq + 1 + static_cast<std::int64_t>(i)},
                    {"at", p.at},
                    {"user_id", p.user_id},
                    {"organisation_id", p.organisation_id},
                    {"action", p.entry.action},
                    {"entity", p.entry.entity},
                    {"entity_id", p.entry.entity_id},
                    {"client", p.client},
                    {"detail", p.entry.detail},
                    {"prev_hash", i ? hashes[i - 1] : known.hash},
                    {"hash", hashes[i]}});
  }
  std::string text;
  try {
    text = rows.dump();
  } catch (const nlohmann::json::type_error&) {
    return std::nullopt;  // not UTF-8
  }
  ChainHead left{known.seq + static_cast<std::int64_t>(entries.size()), hashes.back(), known.keyed_from, ""};
  if (key) left.mac = head_mac(*key, log, left.seq, left.hash, *left.keyed_from);
  std::int64_t inserted = db.execute(
      append_sql(audit_head_table(log), audit_log_table(log)),
      {left.seq, left.hash, key ? store::Value{left.mac} : store::null(), known.seq, known.hash,
       known.keyed_from ? store::Value{*known.keyed_from} : store::null(), text});
  if (inserted == 0) return std::nullopt;
  return left;
}

}  // namespace tsunagu::service
