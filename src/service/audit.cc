#include "service/audit.h"

#include <utility>

#include "service/clock.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

std::string entry_hash(const std::string& prev, std::int64_t seq, const std::string& at, const std::string& user,
                       const std::string& org, const std::string& action, const std::string& entity,
                       const std::string& entity_id, const std::string& client, const std::string& detail) {
  // Unit separator between fields so that moving text from one field to the
  // next changes the hash.
  std::string s = prev;
  for (const std::string* f : {&at, &user, &org, &action, &entity, &entity_id, &client, &detail}) {
    s += '\x1f';
    s += *f;
  }
  s += '\x1f';
  s += std::to_string(seq);
  return hash_hex(s);
}

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
  auto head = db.query_one(std::string("SELECT seq, hash FROM ") + t.head + " WHERE id = 1");
  std::int64_t seq = head->integer(0) - static_cast<std::int64_t>(entries.size());
  std::string prev = head->text(1);
  for (const PendingAudit& p : entries) {
    ++seq;
    const AuditEntry& e = p.entry;
    std::string h = entry_hash(prev, seq, p.at, p.user_id, p.organisation_id, e.action, e.entity, e.entity_id,
                               p.client, e.detail);
    db.execute(
        std::string("INSERT INTO ") + t.log +
            " (seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        {seq, p.at, p.user_id, p.organisation_id, e.action, e.entity, e.entity_id, p.client, e.detail, prev, h});
    prev = std::move(h);
  }
  db.execute(std::string("UPDATE ") + t.head + " SET hash = ? WHERE id = 1", {prev});
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

AuditVerdict verify_audit_chain(store::Connection& db, AuditLog log) {
  const LogTables t = tables_of(log);
  AuditVerdict v;
  std::string prev = kGenesis;
  std::int64_t expected_seq = 1;
  // Read in pages so that a log of millions of entries does not need to fit
  // in memory at once.
  std::int64_t after = 0;
  for (;;) {
    auto rows = db.query(
        std::string("SELECT seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, "
                    "hash FROM ") + t.log + " WHERE seq > ? ORDER BY seq LIMIT 5000",
        {after});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      std::int64_t seq = r.integer(0);
      ++v.entries;
      if (seq != expected_seq) {
        v.ok = false;
        v.first_broken_seq = expected_seq;
        v.reason = "監査ログの連番 " + std::to_string(expected_seq) + " が欠けています。";
        return v;
      }
      if (r.text(9) != prev) {
        v.ok = false;
        v.first_broken_seq = seq;
        v.reason = "監査ログ " + std::to_string(seq) + " 番の前の記録へのつながりが壊れています。";
        return v;
      }
      std::string h = entry_hash(prev, seq, r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                                 r.text(7), r.text(8));
      if (h != r.text(10)) {
        v.ok = false;
        v.first_broken_seq = seq;
        v.reason = "監査ログ " + std::to_string(seq) + " 番の内容が記録後に変更されています。";
        return v;
      }
      prev = h;
      after = seq;
      ++expected_seq;
    }
  }
  auto head = db.query_one(std::string("SELECT seq, hash FROM ") + t.head + " WHERE id = 1");
  if (head && (head->integer(0) != expected_seq - 1 || head->text(1) != prev)) {
    v.ok = false;
    v.first_broken_seq = expected_seq;
    v.reason = "監査ログの末尾の記録が削除されています（最後の番号 " + std::to_string(head->integer(0)) + "）。";
  }
  return v;
}

}  // namespace tsunagu::service
