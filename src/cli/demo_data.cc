#include "cli/demo_data.h"

#include "cli/demo_cases.h"
#include "cli/demo_groups.h"
#include "cli/demo_public.h"
#include "cli/demo_resources.h"
#include "cli/demo_survey.h"
#include "cli/demo_progress.h"
#include "cli/demo_supporters.h"

#include "domain/role.h"
#include "service/clock.h"
#include "service/secrets.h"
#include "service/users.h"

namespace tsunagu::cli {
namespace {

std::string add_area(store::Connection& c, const std::string& parent, const std::string& level,
                     const std::string& name, const std::string& code, std::int64_t population) {
  std::string id = service::random_id(), now = service::now_utc();
  c.execute(
      "INSERT INTO areas (id, parent_id, level, name, code, population, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,1,?,?)",
      {id, parent.empty() ? store::null() : store::Value{parent}, level, name, code, population, now, now});
  return id;
}

std::string add_org(store::Connection& c, const std::string& name, const std::string& kind,
                    const std::string& program_type, const std::string& area) {
  std::string id = service::random_id(), now = service::now_utc();
  c.execute(
      "INSERT INTO organisations (id, name, kind, program_type, area_id, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,1,?,?)",
      {id, name, kind, program_type.empty() ? store::null() : store::Value{program_type}, area, now, now});
  return id;
}

}  // namespace

std::vector<DemoLogin> load_demo(store::Database& db, const service::SealKey& key) {
  struct U {
    const char *login, *name, *password;
    domain::Role role;
    int org;
  };
  static const U users[] = {
      {"admin", "管理 太郎", "demo-admin-pass", domain::Role::admin, 0},
      {"sato", "佐藤 みのり", "demo-sato-pass", domain::Role::supervisor, 1},
      {"suzuki", "鈴木 けい", "demo-suzuki-pass", domain::Role::coordinator, 1},
      {"takahashi", "高橋 あおい", "demo-takahashi-pass", domain::Role::coordinator, 2},
      {"ito", "伊藤 ひろし", "demo-ito-pass", domain::Role::supervisor, 2},
      {"watanabe", "渡辺 さち", "demo-watanabe-pass", domain::Role::ibasho_staff, 3},
      {"yamamoto", "山本 ゆう", "demo-yamamoto-pass", domain::Role::supporter, 3},
      {"nakamura", "中村 民子", "demo-nakamura-pass", domain::Role::surveyor, 1},
      {"kobayashi", "小林 統", "demo-kobayashi-pass", domain::Role::analyst, 0},
      {"kato", "加藤 なぎさ", "demo-kato-pass", domain::Role::coordinator, 0},
      {"hayashi", "林 まこと", "demo-hayashi-pass", domain::Role::coordinator, 3},
  };
  static const char* org_names[] = {"みどり県ひきこもり地域支援センター", "さくら市ひきこもり支援ステーション",
                                    "あおば町ひきこもりサポート事業", "NPO法人ひだまりの家"};
  std::vector<DemoLogin> out;
  auto c = db.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  if (!c->query_one("SELECT 1 FROM users WHERE login = 'admin'")) {
    // Under 国, the root migration 0030 made.
    std::string nation = c->query("SELECT id FROM areas WHERE level = 'national' ORDER BY created_at LIMIT 1").at(0).text(0);
    std::string pref = add_area(*c, nation, "prefecture", "みどり県", "99", 1'250'000);
    std::string sakura = add_area(*c, pref, "municipality", "さくら市", "99201", 182'000);
    std::string aoba = add_area(*c, pref, "municipality", "あおば町", "99301", 15'400);
    add_area(*c, sakura, "district", "さくら中央地区", "99201-01", 41'200);
    add_area(*c, sakura, "district", "ひがし台地区", "99201-02", 36'900);
    add_area(*c, sakura, "district", "かわべ地区", "99201-03", 22'800);
    // The other five districts of さくら市's 民生委員 (the survey demo: 8 districts).
    add_area(*c, sakura, "district", "みなみ野地区", "99201-04", 20'600);
    add_area(*c, sakura, "district", "きた山地区", "99201-05", 13'400);
    add_area(*c, sakura, "district", "にしはら地区", "99201-06", 23'700);
    add_area(*c, sakura, "district", "さくら台地区", "99201-07", 27'600);
    add_area(*c, sakura, "district", "おおの地区", "99201-08", 15'900);
    add_area(*c, aoba, "district", "あおば本町地区", "99301-01", 9'100);
    add_area(*c, aoba, "district", "やまて地区", "99301-02", 6'300);
    std::string orgs[] = {
        add_org(*c, org_names[0], "センター", "都道府県センター", pref),
        add_org(*c, org_names[1], "ステーション", "ステーション", sakura),
        add_org(*c, org_names[2], "サポート事業", "サポート事業", aoba),
        add_org(*c, org_names[3], "NPO", "", sakura),
    };
    for (const auto& u : users)
      service::add_user(*c, u.login, u.name, u.password, std::string(domain::role_id(u.role)), orgs[u.org]);
    load_demo_cases(*c, key);
    load_demo_progress(*c);
    load_demo_resources(*c);
    load_demo_groups(*c);
    load_demo_public(*c);
    load_demo_survey(*c, key);
    load_demo_supporters(*c, key);
  }
  tx.commit();
  for (const auto& u : users)
    out.push_back({u.login, u.password, std::string(domain::role_label(u.role)), org_names[u.org]});
  return out;
}

}  // namespace tsunagu::cli
