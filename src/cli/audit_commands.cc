#include "cli/audit_commands.h"

#include <cstdio>
#include <filesystem>

#include "service/audit_anchor.h"
#include "service/audit_verify.h"
#include "store/db.h"

namespace tsunagu::cli {
namespace {

const char* label(service::AuditLog log) { return log == service::AuditLog::reads ? "閲覧の記録" : "操作の記録"; }

}  // namespace

int run_audit_verify(const std::string& db_url, const service::AuditFiles& files, bool key_named,
                     const std::vector<std::string>& anchors) {
  std::optional<service::AuditKey> key = service::read_audit_key(files.key);
  if (!key && key_named) {
    std::fprintf(stderr, "監査ログの鍵ファイル %s が見つかりません。\n", files.key.c_str());
    return 2;
  }
  auto db = store::Database::open(db_url);
  auto c = db->acquire();
  // Read the chains and the heads in one snapshot, so that a server writing
  // meanwhile does not make a whole chain look like a broken one.
  store::Transaction tx(*c, store::Transaction::Mode::read);
  int status = 0;
  // Both logs, each its own chain (service/audit.h).
  for (service::AuditLog log : service::kAuditLogs) {
    auto v = service::verify_audit_chain(*c, log, key ? &*key : nullptr);
    if (v.ok) {
      std::printf("監査ログ（%s）は正常です（%lld 件）。\n", label(log), static_cast<long long>(v.entries));
      continue;
    }
    std::printf("監査ログ（%s）の改ざんまたは欠落を検出しました: %s (seq %lld)\n", label(log), v.reason.c_str(),
                static_cast<long long>(v.first_broken_seq.value_or(0)));
    status = 1;
  }
  std::vector<std::string> paths = anchors;
  if (paths.empty()) {
    if (std::filesystem::exists(files.anchor)) {
      paths.push_back(files.anchor);
    } else if (key) {
      std::printf("アンカーファイル %s がないため、チェックポイントとは照らし合わせていません。\n",
                  files.anchor.c_str());
    }
  }
  for (const auto& path : paths) {
    service::AnchorFile anchor = service::read_anchor_file(path);
    if (!anchor.exists) {
      std::printf("アンカーファイル %s を読めません。\n", path.c_str());
      status = status ? status : 2;
      continue;
    }
    if (!key) {
      std::printf("鍵ファイルがないため、アンカーファイル %s の署名を確かめられません。\n", path.c_str());
      status = status ? status : 2;
      continue;
    }
    std::int64_t checked = 0;
    auto problems = service::verify_audit_anchor(*c, anchor, *key, checked);
    if (problems.empty()) {
      std::printf("アンカーファイル %s のチェックポイント %lld 件と一致しています。\n", path.c_str(),
                  static_cast<long long>(checked));
      continue;
    }
    for (const auto& p : problems) std::printf("監査ログの改ざんまたは欠落を検出しました: %s\n", p.c_str());
    status = 1;
  }
  return status;
}

int run_audit_checkpoint(const std::string& db_url, const service::AuditFiles& files) {
  std::optional<service::AuditKey> key = service::read_audit_key(files.key);
  if (!key) {
    std::fprintf(stderr, "監査ログの鍵ファイル %s が見つかりません（--audit-key-file）。\n", files.key.c_str());
    return 2;
  }
  auto db = store::Database::open(db_url);
  auto c = db->acquire();
  store::Transaction tx(*c, store::Transaction::Mode::read);
  for (service::AuditLog log : service::kAuditLogs)
    if (auto cp = service::signed_checkpoint(*c, log, *key))
      std::printf("%s\n", service::checkpoint_json_line(*cp).c_str());
  return 0;
}

}  // namespace tsunagu::cli
