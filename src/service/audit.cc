#include "service/audit.h"

#include <stdexcept>
#include <utility>

#include "service/audit_chain.h"
#include "service/clock.h"

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

}  // namespace

const char* audit_log_name(AuditLog log) { return log == AuditLog::reads ? "reads" : "main"; }
const char* audit_log_table(AuditLog log) { return tables_of(log).log; }
const char* audit_head_table(AuditLog log) { return tables_of(log).head; }

AuditDeferral::AuditDeferral() : outer_(t_deferral) { t_deferral = this; }
AuditDeferral::~AuditDeferral() { t_deferral = outer_; }
std::vector<PendingAudit> AuditDeferral::take() { return std::exchange(entries_, {}); }

void append_pending(store::Connection& db, const std::vector<PendingAudit>& entries, AuditLog log) {
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
  std::int64_t seq = head.seq - static_cast<std::int64_t>(entries.size());
  std::string prev = head.hash;
  for (const PendingAudit& p : entries) {
    const AuditEntry& e = p.entry;
    ChainFields f{++seq, p.at, p.user_id, p.organisation_id, e.action, e.entity, e.entity_id, p.client, e.detail};
    std::string h = chain_hash(prev, f, log, key);
    db.execute(
        std::string("INSERT INTO ") + t.log +
            " (seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        {seq, p.at, p.user_id, p.organisation_id, e.action, e.entity, e.entity_id, p.client, e.detail, prev, h});
    prev = std::move(h);
  }
  store::Value mac = key ? store::Value{head_mac(*key, log, seq, prev, *head.keyed_from)} : store::null();
  db.execute(std::string("UPDATE ") + t.head + " SET hash = ?, mac = ? WHERE id = 1", {prev, mac});
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
