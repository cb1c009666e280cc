#include "cli/init_command.h"

#include <cstdio>
#include <filesystem>

#include "service/actor.h"
#include "service/areas.h"
#include "service/audit.h"
#include "service/audit_anchor.h"
#include "service/organisations.h"
#include "service/password_policy.h"
#include "service/problem.h"
#include "service/seal_key_check.h"
#include "service/users.h"
#include "store/migrations.h"

namespace tsunagu::cli {

int run_init(const InitRequest& r) {
  if (auto why = service::password_refusal(r.password, r.login)) {
    std::fprintf(stderr, "%s（パスワードは標準入力の1行目から読みます）\n", why->c_str());
    return 2;
  }
  auto db = store::Database::open(r.db_url);
  store::migrate(*db);
  {
    auto c = db->acquire();
    auto existing = c->query_one("SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM users)");
    if (existing && existing->integer(0) > 0) {
      std::fprintf(stderr,
                   "このデータベースには組織か利用者がすでにあります。init は新しいデータベースにだけ使えます"
                   "（利用者の追加は管理画面か tsunagu user add で）。\n");
      return 2;
    }
  }
  // For its effect: the contact-details key file exists from the start
  // (created here, as the new database holds nothing sealed yet), though
  // init itself seals nothing.
  static_cast<void>(service::key_for_database(*db, r.key_file));
  service::open_audit_chain(*db, r.audit_files);
  auto c = db->acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  service::Actor cli;
  cli.client = "cli";
  try {
    auto area = service::create_area(*c, cli, {{"level", "prefecture"}, {"name", r.prefecture}});
    nlohmann::json org = {{"name", r.organisation}, {"kind", r.kind}, {"area_id", area.id}};
    if (!r.program_type.empty()) org["program_type"] = r.program_type;
    auto o = service::create_organisation(*c, cli, org);
    std::string id = service::add_user(*c, r.login, r.name, r.password, "admin", o.id);
    service::audit(*c, nullptr, {"create", "user", id, "cli init: " + r.login}, "cli");
    tx.commit();
  } catch (const service::Problem& p) {
    std::fprintf(stderr, "%s\n", p.detail.c_str());
    for (const auto& e : p.errors) std::fprintf(stderr, "  %s: %s\n", e.field.c_str(), e.detail.c_str());
    return 2;
  }
  service::checkpoint_audit_now(*c);
  std::printf("初期設定を行いました: %s / %s / 管理者 %s\n", r.prefecture.c_str(), r.organisation.c_str(),
              r.login.c_str());
  std::printf("連絡先の鍵: %s\n監査ログの鍵: %s\n（どちらもデータベースとは別に保管・バックアップしてください）\n",
              std::filesystem::absolute(r.key_file).c_str(), std::filesystem::absolute(r.audit_files.key).c_str());
  return 0;
}

}  // namespace tsunagu::cli
