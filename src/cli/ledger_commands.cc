#include "cli/ledger_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "domain/role.h"
#include "report/ledger_export.h"
#include "service/audit_anchor.h"
#include "service/ledger_import.h"
#include "service/permission.h"
#include "service/problem.h"
#include "service/seal_key_check.h"
#include "store/migrations.h"

namespace tsunagu::cli {
namespace {

// The staff member the command acts as: active, with the organisation the
// work is for. The command itself needs the database, so this is not a
// sign-in; it is who the audit log and the records name.
std::optional<service::Actor> actor_of(store::Database& db, const std::string& login) {
  auto c = db.acquire();
  auto r = c->query_one(
      "SELECT u.id, u.login, u.display_name, u.role, u.organisation_id, o.name FROM users u "
      "JOIN organisations o ON o.id = u.organisation_id WHERE u.login = ? AND u.active = 1",
      {login});
  if (!r) return std::nullopt;
  auto role = domain::parse_role(r->text(3));
  if (!role) return std::nullopt;
  return service::Actor{r->text(0), r->text(1), r->text(2), *role, r->text(4), r->text(5), "cli"};
}

struct Opened {
  std::unique_ptr<store::Database> db;
  service::Actor actor;
};

std::optional<Opened> open_as(const LedgerRequest& r, const service::Policy& policy, const char* what) {
  auto db = store::Database::open(r.db_url);
  store::migrate(*db);
  auto actor = actor_of(*db, r.login);
  if (!actor) {
    std::fprintf(stderr, "ログイン名 %s の利用中の職員が見つかりません。\n", r.login.c_str());
    return std::nullopt;
  }
  if (!service::allows(policy, *actor, service::Target{actor->organisation_id, std::nullopt})) {
    std::fprintf(stderr, "%s（%s）は%sができません。\n", actor->display_name.c_str(),
                 std::string(domain::role_label(actor->role)).c_str(), what);
    return std::nullopt;
  }
  service::open_audit_chain(*db, r.audit_files);
  return Opened{std::move(db), std::move(*actor)};
}

}  // namespace

void add_ledger_commands(CLI::App& app, LedgerCommands& out, SharedOptions shared) {
  out.import = app.add_subcommand("import", "相談台帳の CSV（UTF-8 または Shift_JIS）を取り込む（docs/operations/ledger.md）");
  out.export_ = app.add_subcommand("export", "組織のケースと相談記録を相談台帳の CSV に書き出す（取り込みと同じ列）");
  for (auto* c : {out.import, out.export_}) {
    c->add_option("--db", shared.db_url, "データベース")->capture_default_str();
    c->add_option("--key-file", shared.key_file, shared.key_help);
    c->add_option("--audit-key-file", shared.audit_key_file, shared.audit_key_help);
    c->add_option("--audit-anchor-file", shared.audit_anchor_file, shared.audit_anchor_help);
    c->add_option("--login", out.request.login, "この職員として行う（ログイン名。取り込みは相談員・所長等、書き出しは所長等）")
        ->required();
  }
  out.import->add_option("file", out.request.file, "台帳の CSV ファイル")->required();
  out.import->add_flag("--dry-run", out.request.dry_run, "確かめるだけで書き込まない");
  out.import->add_option("--encoding", out.request.encoding, "文字コード (auto, utf-8, cp932。既定 auto)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, service::TextEncoding>{
          {"auto", service::TextEncoding::automatic}, {"utf-8", service::TextEncoding::utf8}, {"cp932", service::TextEncoding::cp932}}));
  out.export_->add_option("--out", out.request.file, "書き出すファイル（- で標準出力）")->required();
}

int run_ledger_import(const LedgerRequest& r) {
  std::ifstream in(r.file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s を開けません。\n", r.file.c_str());
    return 2;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string why;
  auto decoded = service::decode_text(bytes, r.encoding, why);
  if (!decoded) {
    std::fprintf(stderr, "%s: %s\n", r.file.c_str(), why.c_str());
    return 1;
  }
  auto opened = open_as(r, service::ledger_import_policy(), "台帳の取り込み");
  if (!opened) return 2;
  auto key = service::key_for_database(*opened->db, r.key_file);
  auto c = opened->db->acquire();
  try {
    store::Transaction tx(*c, store::Transaction::Mode::write);
    auto done = service::import_ledger(*c, key, opened->actor, decoded->text);
    if (!r.dry_run) tx.commit();
    std::printf("%s（%s）: ケース %d 件（氏名のある方 %d 件、匿名 %d 件）、相談記録 %d 件。\n",
                r.dry_run ? "確かめました。書き込んでいません" : "取り込みました", decoded->encoding.c_str(), done.cases,
                done.named, done.cases - done.named, done.contacts);
  } catch (const service::Problem& p) {
    std::fprintf(stderr, "%s 何も取り込んでいません。\n", p.detail.c_str());
    for (const auto& e : p.errors) std::fprintf(stderr, "  %s: %s\n", e.field.c_str(), e.detail.c_str());
    return 1;
  }
  if (!r.dry_run) service::checkpoint_audit_now(*c);
  return 0;
}

int run_ledger_export(const LedgerRequest& r) {
  auto opened = open_as(r, report::ledger_export_policy(), "台帳の書き出し");
  if (!opened) return 2;
  auto c = opened->db->acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  auto done = report::export_ledger(*c, opened->actor);
  if (r.file == "-") {
    std::cout << done.csv << std::flush;
  } else {
    std::ofstream out(r.file, std::ios::binary | std::ios::trunc);
    out << done.csv;
    if (!out.flush()) {
      std::fprintf(stderr, "%s に書き込めません。\n", r.file.c_str());
      return 2;  // the transaction, audit entries included, is rolled back
    }
  }
  tx.commit();
  service::checkpoint_audit_now(*c);
  std::fprintf(stderr, "書き出しました: ケース %d 件、相談記録 %d 件（UTF-8、BOM 付き）。\n", done.cases, done.contacts);
  return 0;
}

}  // namespace tsunagu::cli
