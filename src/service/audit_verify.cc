#include "service/audit_verify.h"

#include "service/audit_chain.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

AuditVerdict broken(AuditVerdict v, std::optional<std::int64_t> seq, std::string reason) {
  v.ok = false;
  v.first_broken_seq = seq;
  v.reason = std::move(reason);
  return v;
}

}  // namespace

AuditVerdict verify_audit_chain(store::Connection& db, AuditLog log, const AuditKey* key) {
  AuditVerdict v;
  const ChainHead head = read_chain_head_of_any_version(db, log);
  if (head.keyed_from && !key)
    return broken(v, std::nullopt,
                  "この記録は seq " + std::to_string(*head.keyed_from) +
                      " から監査ログの鍵で署名されています。鍵ファイルがないため検証できません"
                      "（--audit-key-file で鍵ファイルを指定してください）。");
  if (!head.keyed_from && key && head.seq > 0)
    return broken(v, std::nullopt,
                  "鍵ファイルがあるのに、この監査ログには鍵で署名された印がありません。"
                  "印が消され、記録が鍵なしで計算し直されたおそれがあります。");
  const std::int64_t keyed_from = head.keyed_from.value_or(INT64_MAX);
  // Known before the walk only to word its findings; reported after it.
  const bool head_ok = head.keyed_from && head_mac_ok(*key, log, head);

  std::string prev = kAuditGenesis;
  std::int64_t expected_seq = 1;
  // Read in pages so that a log of millions of entries does not need to fit
  // in memory at once.
  std::int64_t after = 0;
  for (;;) {
    auto rows = db.query(
        std::string("SELECT seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, "
                    "hash FROM ") + audit_log_table(log) + " WHERE seq > ? ORDER BY seq LIMIT 5000",
        {after});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      std::int64_t seq = r.integer(0);
      ++v.entries;
      if (seq != expected_seq)
        return broken(v, expected_seq, "監査ログの連番 " + std::to_string(expected_seq) + " が欠けています。");
      if (r.text(9) != prev)
        return broken(v, seq, "監査ログ " + std::to_string(seq) + " 番の前の記録へのつながりが壊れています。");
      ChainFields f{seq, r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)};
      std::string h = chain_hash(prev, f, log, seq >= keyed_from ? key : nullptr);
      if (!constant_time_equal(h, r.text(10))) {
        if (seq == keyed_from && !head_ok)
          return broken(v, seq,
                        "監査ログ " + std::to_string(seq) +
                            " 番の署名が合いません。鍵ファイルがこのデータベースのものでないか、記録が書き換えられています。");
        if (seq >= keyed_from)
          return broken(v, seq,
                        "監査ログ " + std::to_string(seq) +
                            " 番の署名が合いません。記録後に変更されたか、鍵を持たない者が計算し直しています。");
        return broken(v, seq, "監査ログ " + std::to_string(seq) + " 番の内容が記録後に変更されています。");
      }
      prev = std::move(h);
      after = seq;
      ++expected_seq;
    }
  }
  // The head last: an entry whose MAC does not fit says more (which one)
  // than a head that does not.
  if (head.keyed_from && !head_ok)
    return broken(v, head.seq,
                  "監査ログの先頭（最後の番号 " + std::to_string(head.seq) +
                      "）の署名が合いません。末尾の記録が削除・差し替えられたか、鍵ファイルが違います。");
  if (head.seq != expected_seq - 1 || head.hash != prev)
    return broken(v, expected_seq,
                  "監査ログの末尾の記録が削除されています（最後の番号 " + std::to_string(head.seq) + "）。");
  return v;
}

std::vector<std::string> verify_audit_anchor(store::Connection& db, const AnchorFile& anchor, const AuditKey& key,
                                             std::int64_t& checked) {
  std::vector<std::string> problems = anchor.problems;
  checked = 0;
  ChainHead heads[2] = {read_chain_head_of_any_version(db, AuditLog::main),
                        read_chain_head_of_any_version(db, AuditLog::reads)};
  for (const AnchoredCheckpoint& a : anchor.checkpoints) {
    ++checked;
    const Checkpoint& cp = a.checkpoint;
    const std::string where = "アンカー " + anchor.path + " の " + std::to_string(a.line) + " 行目（" +
                              audit_log_name(cp.log) + "、seq " + std::to_string(cp.seq) + "、" + cp.at + "）";
    if (!checkpoint_mac_ok(key, cp)) {
      problems.push_back(where + "の署名が合いません。鍵が違うか、行が書き換えられています。");
      continue;
    }
    const ChainHead& head = heads[cp.log == AuditLog::reads ? 1 : 0];
    if (head.seq < cp.seq) {
      problems.push_back(where + "では記録が seq " + std::to_string(cp.seq) + " まであったのに、今は seq " +
                         std::to_string(head.seq) +
                         " までしかありません。古いバックアップに戻されたか、末尾が削除されています。");
      continue;
    }
    if (head.keyed_from != cp.keyed_from) {
      problems.push_back(where + "と、今の監査ログの鍵付きの始まりが違います。");
      continue;
    }
    auto row = db.query_one(std::string("SELECT hash FROM ") + audit_log_table(cp.log) + " WHERE seq = ?", {cp.seq});
    if (!row || row->text(0) != cp.hash)
      problems.push_back(where + "の記録が、今の監査ログの seq " + std::to_string(cp.seq) +
                         " と違います。記録が差し替えられたか、古いバックアップに戻した後に新しい記録が書かれています。");
  }
  return problems;
}

}  // namespace tsunagu::service
