#include "service/audit.h"

#include <stdexcept>
#include <utility>

#include "service/audit_chain.h"
#include "service/clock.h"
#include "store/in_list.h"

namespace tsunagu::service {
namespace {

thread_local AuditDeferral* t_deferral = nullptr;

// The two logs have the same tables; only their schema differs, and it is
// one of these two constants, never input.
struct LogTables {
  const char* head;
  const char* log;
};
LogTables tables_of(AuditLog log) {
  if (log == AuditLog::reads) return {"reads.audit_head", "reads.audit_log"};
  return {"audit_head", "audit_log"};
}

// "INSERT INTO <log> (…) VALUES (?,…),(?,…)…" for `rows` entries. The
// table is one of the two constants above, the row count one of four sizes.
std::string insert_rows_sql(const char* log_table, std::size_t rows) {
  std::string sql = std::string("INSERT INTO ") + log_table +
                    " (seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash) "
                    "VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += r ? ",(?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?)";
  return sql;
}

}  // namespace

const char* audit_log_name(AuditLog log) { return log == AuditLog::reads ? "reads" : "main"; }
const char* audit_log_table(AuditLog log) { return tables_of(log).log; }
const char* audit_head_table(AuditLog log) { return tables_of(log).head; }

AuditDeferral::AuditDeferral() : outer_(t_deferral) { t_deferral = this; }
AuditDeferral::~AuditDeferral() { t_deferral = outer_; }
std::vector<PendingAudit> AuditDeferral::take() { return std::exchange(entries_, {}); }

void append_pending(store::Connection& db, const std::vector<PendingAudit>& entries, AuditLog log, ChainHead* left) {
  if (entries.empty()) return;
  const LogTables t = tables_of(log);
  // Taking the head row first serialises appenders on PostgreSQL (row lock
  // until commit); on SQLite the write transaction already does.
  db.execute(std::string("UPDATE ") + t.head + " SET seq = seq + ? WHERE id = 1",
             {static_cast<std::int64_t>(entries.size())});
  ChainHead head = read_chain_head(db, log);
  const AuditKey* key = audit_key_in_use();
  if (head.keyed_from && !key)
    throw std::runtime_error(std::string("監査ログ（") + audit_log_name(log) +
                             "）は鍵付きですが、この処理には監査ログの鍵が読み込まれていません。");
  if (!head.keyed_from && key)
    throw std::runtime_error(std::string("監査ログ（") + audit_log_name(log) +
                             "）の鍵付きの印が消えています。改ざんのおそれがあります（tsunagu audit verify）。");
  // The number of the entry before the first new one.
  const std::int64_t before = head.seq - static_cast<std::int64_t>(entries.size());
  const std::vector<std::string> hashes = chain_hashes(entries, before, head.hash, log, key);
  // One multi-row INSERT per chunk instead of a statement per entry: on
  // PostgreSQL every statement is a round trip to another process, and the
  // read-audit writer appends a whole batch of requests' entries at once.
  // Chunks come in the sizes of store/in_list.h, so that each connection
  // prepares at most four statement texts.
  std::vector<store::Value> values;
  std::size_t i = 0;
  while (i < entries.size()) {
    const std::size_t left_over = entries.size() - i;
    const std::size_t rows = store::largest_full_list(left_over);
    values.clear();
    values.reserve(rows * 11);
    for (std::size_t k = 0; k < rows; ++k, ++i) {
      const PendingAudit& p = entries[i];
      const AuditEntry& e = p.entry;
      const std::string& prev = i ? hashes[i - 1] : head.hash;
      for (store::Value v : std::initializer_list<store::Value>{before + 1 + static_cast<std::int64_t>(i), p.at,
                                                                p.user_id, p.organisation_id, e.action, e.entity,
                                                                e.entity_id, p.client, e.detail, prev, hashes[i]})
        values.push_back(std::move(v));
    }
    db.execute(insert_rows_sql(t.log, rows), values);
  }
  std::string mac = key ? head_mac(*key, log, head.seq, hashes.back(), *head.keyed_from) : "";
  db.execute(std::string("UPDATE ") + t.head + " SET hash = ?, mac = ? WHERE id = 1",
             {hashes.back(), key ? store::Value{mac} : store::null()});
  if (left) *left = ChainHead{head.seq, hashes.back(), head.keyed_from, std::move(mac)};
}

void audit(store::Connection& db, const Actor* actor, const AuditEntry& e, const std::string& client) {
  PendingAudit p{now_utc(), actor ? actor->user_id : "", actor ? actor->organisation_id : "",
                 client.empty() && actor ? actor->client : client, e};
  if (t_deferral) {
    t_deferral->collect(std::move(p));
    return;
  }
  append_pending(db, {p});
}

}  // namespace tsunagu::service
