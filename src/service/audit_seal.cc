#include "service/audit_seal.h"

#include <stdexcept>

#include "service/audit_anchor.h"
#include "service/audit_chain.h"
#include "service/audit_key.h"
#include "service/audit_verify.h"

namespace tsunagu::service {
namespace {

std::string label(AuditLog log) { return log == AuditLog::reads ? "閲覧の記録" : "操作の記録"; }

// The latest checkpoint of each log must still be in the chain. Only the
// latest: `tsunagu audit verify --anchor` checks every line; a start should
// not read a large file line by line against the database.
void check_anchor(store::Connection& c, const AuditFiles& files, const AuditKey& key) {
  AnchorFile anchor = read_anchor_file(files.anchor);
  const AnchoredCheckpoint* latest[2] = {nullptr, nullptr};
  for (const auto& a : anchor.checkpoints) {
    const AnchoredCheckpoint*& l = latest[a.checkpoint.log == AuditLog::reads ? 1 : 0];
    if (!l || a.checkpoint.seq >= l->checkpoint.seq) l = &a;
  }
  AnchorFile last;
  last.path = anchor.path;
  for (const auto* l : latest)
    if (l) last.checkpoints.push_back(*l);
  std::int64_t checked = 0;
  auto problems = verify_audit_anchor(c, last, key, checked);
  if (problems.empty()) return;
  throw std::runtime_error(problems.front() +
                           " 古いバックアップを戻したのなら、アンカーファイル " + files.anchor +
                           " を別の名前で保管してから起動してください（新しいアンカーファイルが始まります。"
                           "docs/operations/backup.md）。");
}

}  // namespace

AuditFiles default_audit_files(const std::string& db_url) {
  return {default_audit_key_path(db_url), default_audit_anchor_path(db_url)};
}

void open_audit_chain(store::Database& db, const AuditFiles& files) {
  std::optional<AuditKey> key = read_audit_key(files.key);
  const bool key_existed = key.has_value();
  auto c = db.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  for (AuditLog log : kAuditLogs) {
    ChainHead head = read_chain_head(*c, log);
    if (head.keyed_from) {
      if (!key)
        throw std::runtime_error("監査ログ（" + label(log) + "）は監査ログの鍵で署名されていますが、鍵ファイル " +
                                 files.key + " がありません。このデータベースの鍵ファイルを戻すか、" +
                                 "--audit-key-file で指定してください。");
      if (!head_mac_ok(*key, log, head))
        throw std::runtime_error("鍵ファイル " + files.key + " では監査ログ（" + label(log) +
                                 "）の先頭の署名を確かめられません。別のデータベースの鍵ファイルか、" +
                                 "監査ログの末尾が書き換えられています（tsunagu audit verify で確かめてください）。");
      continue;
    }
    if (key_existed && head.seq > 0)
      throw std::runtime_error("鍵ファイル " + files.key + " があるのに、監査ログ（" + label(log) +
                               "）には鍵で署名された印がありません。印が消されて記録が計算し直されたおそれがあります" +
                               "（tsunagu audit verify で確かめてください。docs/design/audit-chain.md）。");
    // The first start with keys (or a new database): from the next entry on,
    // the chain is keyed. The entries before keep their unkeyed hashes; the
    // first keyed entry's MAC covers the last of them (audit_chain.h).
    if (!key) key = create_audit_key(files.key);
    const std::int64_t keyed_from = head.seq + 1;
    c->execute(std::string("UPDATE ") + audit_head_table(log) + " SET keyed_from = ?, mac = ? WHERE id = 1",
               {keyed_from, head_mac(*key, log, head.seq, head.hash, keyed_from)});
  }
  tx.commit();
  check_anchor(*c, files, *key);
  use_audit_key(*key);
  use_audit_anchor(files.anchor);
}

void close_audit_chain() {
  stop_using_audit_anchor();
  stop_using_audit_key();
}

}  // namespace tsunagu::service
