// The `tsunagu` command: serve, migrate, init, demo, user add, backup,
// audit verify, audit checkpoint, routes, rebuild-summaries, retention run.
#include <CLI/CLI.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/audit_commands.h"
#include "cli/init_command.h"
#include "cli/ledger_commands.h"
#include "cli/periodic.h"
#include "cli/demo_data.h"
#include "domain/role.h"
#include "http/dispatcher.h"
#include "http/router.h"
#include "http/server.h"
#include "store/summaries/mhlw_summary.h"
#include "service/audit.h"
#include "service/audit_anchor.h"
#include "service/audit_seal.h"
#include "service/case_detail_cache.h"
#include "service/remembered_rows.h"
#include "service/clock.h"
#include "service/log_event.h"
#include "service/log_flush_deferral.h"
#include "service/password_policy.h"
#include "service/problem.h"
#include "service/consultation_notices.h"
#include "service/retention_job.h"
#include "service/sealed_field.h"
#include "service/seal_key_check.h"
#include "service/secrets.h"
#include "service/users.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

using namespace tsunagu;

namespace {

std::unique_ptr<store::Database> open_migrated(const std::string& url) {
  auto db = store::Database::open(url);
  int n = store::migrate(*db);
  if (n > 0) service::log_info({{"event", "migrated"}, {"applied", n}});
  return db;
}

// Who holds the retention lease: unique across the servers of one
// PostgreSQL database (host and process).
std::string process_label(const char* what) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(what) + " " + std::to_string(::getpid()) + "@" + host;
}

int run_routes(bool json_out) {
  auto router = http::build_router();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : router.routes()) {
    nlohmann::json reach = nlohmann::json::object();
    for (auto role : domain::kAllRoles) reach[std::string(domain::role_id(role))] = service::reach_id(r.policy.reach_of(role));
    out.push_back({{"method", r.method},
                   {"path", r.pattern},
                   {"public", r.policy.is_public},
                   {"reach", reach},
                   {"audits_reads", r.audits_reads},
                   {"before_two_factor", r.before_two_factor},
                   {"summary", r.summary}});
  }
  if (json_out) {
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& r : out)
      std::cout << r["method"].get<std::string>() << "\t" << r["path"].get<std::string>() << "\t"
                << r["summary"].get<std::string>() << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything the command creates — the database and its WAL, the read
  // audit file, backups, key files — is for this account alone.
  ::umask(077);
  service::init_crypto();
  service::use_stdout_log();

  CLI::App app{"tsunagu (つなぐ) — ひきこもり支援のためのケース管理・地域連携システム"};
  app.require_subcommand(1);
  std::string db_url = "sqlite:var/tsunagu.sqlite";

  http::Config config;
  auto* serve = app.add_subcommand("serve", "サーバーを起動する (Ctrl+C で停止)");
  serve->add_option("--db", db_url, "データベース (sqlite:PATH または postgresql://…)")->capture_default_str();
  serve->add_option("--port", config.port, "待ち受けポート")->capture_default_str();
  serve->add_option("--listen", config.listen_address, "待ち受けアドレス")->capture_default_str();
  serve->add_option("--web-root", config.web_root, "画面ファイルのディレクトリ (web/dist)");
  serve->add_option("--io-threads", config.io_threads, "I/O スレッド数")->capture_default_str();
  serve->add_option("--workers", config.worker_threads, "処理スレッド数")->capture_default_str();
  bool insecure_cookies = false;
  serve->add_flag("--insecure-cookies", insecure_cookies,
                  "平文の HTTP で使う（手元での試用だけ）: Cookie に Secure を付けず、HSTS を送らない");
  // Kept so that existing unit files still start; Secure is the default now.
  bool secure_cookies_flag = false;
  serve->add_flag("--secure-cookies", secure_cookies_flag, "（既定で有効。互換のため残している）");
  std::vector<std::string> trusted_proxies;
  serve->add_option("--trusted-proxy", trusted_proxies,
                    "X-Forwarded-For を信頼するリバースプロキシのアドレス (ADDR または ADDR/CIDR、複数可)");
  std::vector<std::string> metrics_from;
  serve->add_option("--metrics-from", metrics_from,
                    "GET /metrics（Prometheus 形式の稼働指標）を読めるアドレス (ADDR または ADDR/CIDR、複数可。"
                    "指定がなければ /metrics はない)");
  serve->add_option("--max-connections", config.max_connections,
                    "同時に開く接続の上限 (0: ファイル記述子の上限から決める)")
      ->capture_default_str();
  serve->add_option("--user-requests-per-second", config.user_requests_per_second,
                    "ログイン中の利用者1人あたりの要求の平均上限 (毎秒。0 で制限なし)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  serve->add_option("--user-request-burst", config.user_request_burst, "利用者1人あたり一度に受ける要求の数")
      ->check(CLI::Range(1.0, 1e7))
      ->capture_default_str();
  auto& lim = config.sessions;
  serve->add_option("--user-sign-ins", lim.user_sign_ins, "1人の利用者が15分間にログインできる回数")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option("--client-sign-ins", lim.client_sign_ins, "1つのアドレスから15分間にログインできる回数")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option("--sessions-per-user", lim.sessions_per_user, "1人の利用者が同時に持てるセッションの数（古いものから終わる）")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  std::uint64_t min_free_mb = config.min_free_disk_bytes >> 20;
  serve->add_option("--min-free-disk-mb", min_free_mb,
                    "データベースのあるディスクの空きがこれ未満なら /healthz は 503 (MiB)")
      ->capture_default_str();
  serve->add_flag("!--no-access-log", config.access_log, "アクセスログを出さない");
  serve->add_option("--emergency-access-seconds", config.emergency_access_seconds,
                    "緊急アクセスの有効時間（秒。既定 14400 = 4時間、上限 86400 = 1日）")
      ->check(CLI::Range(std::int64_t{1}, domain::kEmergencyAccessMaxSeconds))
      ->capture_default_str();
  serve->add_option("--small-cell-k", config.small_cell_k, "集計で秘匿する人数の閾値 k（1〜k−1 人を隠す）")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  serve->add_option("--search-join-limit", config.search_join_limit,
                    "検索語の索引ヒットがこの件数までなら突き合わせ、超えたらケース一覧を順に調べる")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1000000}))
      ->capture_default_str();
  std::size_t case_detail_cache = 4096;
  serve->add_option("--case-detail-cache", case_detail_cache,
                    "メモリに保つケース詳細の件数（最近読まれたものから。0 で使わない）")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}))
      ->capture_default_str();
  std::size_t remembered_rows = 4096;
  serve->add_option("--remembered-rows", remembered_rows,
                    "読み取りの起点としてメモリに保つセッションとケースの件数（監査記録の書き込みと同じ処理で確かめてから回答。0 で毎回データベースから読む）")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}))
      ->capture_default_str();
  service::NoticeSettings notices;
  serve->add_option("--notice-sendmail", notices.sendmail,
                    "匿名相談に返信があったことをメールで知らせる sendmail 互換のプログラム（例: /usr/sbin/sendmail。既定: 送らない）");
  serve->add_option("--notice-from", notices.from, "そのメールの差出人アドレス");
  serve->add_option("--public-url", notices.public_url, "公開ページのアドレス（そのメールに載せる。例: https://soudan.example.jp）");
  std::string crisis_contacts_file;
  serve->add_option("--crisis-contacts", crisis_contacts_file,
                    "匿名相談で緊急の言葉があったときと公開ページに示す連絡先（JSON の配列。既定: 全国の窓口）")
      ->check(CLI::ExistingFile);
  std::string key_file;
  const char* key_help = "連絡先を暗号化する鍵ファイル (既定: SQLite ファイルの隣の <db>.key、PostgreSQL では var/tsunagu.key。初回に作成)";
  serve->add_option("--key-file", key_file, key_help);
  // The audit key and anchor file (docs/design/audit-chain.md): for every
  // command that writes audit entries.
  std::string audit_key_file, audit_anchor_file;
  const char* audit_key_help =
      "監査ログの鍵ファイル (既定: SQLite ファイルの隣の <db>.audit-key、PostgreSQL では var/tsunagu.audit-key)";
  const char* audit_anchor_help =
      "監査ログのチェックポイントを追記するファイル (既定: <db>.audit-anchor、PostgreSQL では "
      "var/tsunagu-<DB名>.audit-anchor)";
  auto audit_files = [&] {
    auto files = service::default_audit_files(db_url);
    if (!audit_key_file.empty()) files.key = audit_key_file;
    if (!audit_anchor_file.empty()) files.anchor = audit_anchor_file;
    return files;
  };
  for (auto* writer : {serve}) {
    writer->add_option("--audit-key-file", audit_key_file, audit_key_help);
    writer->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);
  }
  int idle_seconds = 30 * 60;
  serve->add_option("--session-idle-seconds", idle_seconds, "操作がないとログアウトするまでの秒数")->capture_default_str();
  // Tests only: the server's clock runs this many seconds ahead, so a test
  // restarts a server on its database "later" and sees sessions and grants
  // expire without waiting (service/clock.h). Refused unless the environment
  // says this is a test: a production server never runs on a false clock.
  std::int64_t test_clock_offset = 0;
  serve->add_option("--test-clock-offset-seconds", test_clock_offset,
                    "テスト専用: 時計をこの秒数だけ進める（環境変数 TSUNAGU_TEST_CLOCK=1 のときだけ受け付ける）")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10} * 366 * 86400));

  auto* migrate = app.add_subcommand("migrate", "データベースの構造を最新にする");
  migrate->add_option("--db", db_url, "データベース")->capture_default_str();
  // The same key options as every other command, so that one set of flags
  // ($KEYS in docs/operations/postgresql.md) works for all of them.
  migrate->add_option("--key-file", key_file, key_help);
  migrate->add_option("--audit-key-file", audit_key_file, audit_key_help);
  migrate->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);

  // The services keep the report summaries right on every write; this is
  // for rows written past them (a restore of part of a database, SQL by
  // hand) and for the tests, which compare the kept rows with a rebuild.
  auto* rebuild = app.add_subcommand("rebuild-summaries", "報告の集計表（相談件数・相談実人数）を記録から作り直す");
  rebuild->add_option("--db", db_url, "データベース")->capture_default_str();

  auto* demo = app.add_subcommand("demo", "架空のデモデータを入れる (みどり県)");
  demo->add_option("--db", db_url, "データベース")->capture_default_str();
  demo->add_option("--key-file", key_file, key_help);
  demo->add_option("--audit-key-file", audit_key_file, audit_key_help);
  demo->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);

  auto* user = app.add_subcommand("user", "利用者の管理");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "利用者を追加する (パスワードは標準入力から)");
  std::string login, name, role = "admin", org;
  user_add->add_option("--db", db_url, "データベース")->capture_default_str();
  user_add->add_option("--login", login, "ログインID")->required();
  user_add->add_option("--name", name, "氏名")->required();
  user_add->add_option("--role", role, "役割 (coordinator, supervisor, ibasho_staff, supporter, surveyor, analyst, admin)")
      ->capture_default_str();
  user_add->add_option("--organisation", org, "所属組織の名前または ID")->required();
  user_add->add_option("--audit-key-file", audit_key_file, audit_key_help);
  user_add->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);

  auto* init = app.add_subcommand("init", "新しいデータベースに最初の都道府県・組織・管理者を作る (パスワードは標準入力から)");
  cli::InitRequest init_req;
  init->add_option("--db", db_url, "データベース")->capture_default_str();
  init->add_option("--key-file", key_file, key_help);
  init->add_option("--audit-key-file", audit_key_file, audit_key_help);
  init->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);
  init->add_option("--prefecture", init_req.prefecture, "都道府県の名前 (例: みどり県)")->required();
  init->add_option("--organisation", init_req.organisation, "最初の組織の名前")->required();
  init->add_option("--kind", init_req.kind, "組織の種別 (センター、ステーション、サポート事業 …)")->required();
  init->add_option("--program-type", init_req.program_type, "事業類型 (都道府県センター、市町村センター …)");
  init->add_option("--login", init_req.login, "管理者のログインID")->required();
  init->add_option("--name", init_req.name, "管理者の氏名")->required();

  auto* backup = app.add_subcommand("backup", "SQLite を稼働中のままファイルに複製する");
  std::string backup_to;
  backup->add_option("--db", db_url, "データベース")->capture_default_str();
  backup->add_option("--to", backup_to, "複製先のファイル")->required();

  auto* audit = app.add_subcommand("audit", "監査ログ");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "監査ログの鎖を検証する");
  verify->add_option("--db", db_url, "データベース")->capture_default_str();
  verify->add_option("--audit-key-file", audit_key_file, audit_key_help);
  verify->add_option("--key-file", key_file, "（監査ログの検証には使わない。ほかのコマンドと同じ指定を受け付けるため）");
  std::vector<std::string> anchors;
  verify->add_option("--anchor", anchors,
                     "照らし合わせるチェックポイントのファイル (複数可。既定: あれば既定のアンカーファイル)");
  auto* checkpoint = audit->add_subcommand("checkpoint", "監査ログの今の先頭を署名して表示する (別の場所に保管する)");
  checkpoint->add_option("--db", db_url, "データベース")->capture_default_str();
  checkpoint->add_option("--audit-key-file", audit_key_file, audit_key_help);
  checkpoint->add_option("--key-file", key_file, "（使わない。ほかのコマンドと同じ指定を受け付けるため）");
  // The server's own checkpoint file, as every other command names it: also checked.
  verify->add_option("--audit-anchor-file", audit_anchor_file, "このサーバーのアンカーファイル（--anchor と同じく検証する）");
  checkpoint->add_option("--audit-anchor-file", audit_anchor_file, "（使わない。ほかのコマンドと同じ指定を受け付けるため）");

  // The daily retention job (service/retention_job.h), for cron or a
  // systemd timer; `serve` also runs it once a day (docs/operations/retention.md).
  auto* retention = app.add_subcommand("retention", "保存期間");
  retention->require_subcommand(1);
  auto* retention_run = retention->add_subcommand("run", "保存期間を過ぎた記録を匿名化する（1日1回。何度実行しても同じ）");
  retention_run->add_option("--db", db_url, "データベース")->capture_default_str();
  retention_run->add_option("--key-file", key_file, "（使わない。ほかのコマンドと同じ指定を受け付けるため）");
  retention_run->add_option("--audit-key-file", audit_key_file, audit_key_help);
  retention_run->add_option("--audit-anchor-file", audit_anchor_file, audit_anchor_help);
  retention_run->add_option("--test-clock-offset-seconds", test_clock_offset,
                            "テスト専用: 時計をこの秒数だけ進める（環境変数 TSUNAGU_TEST_CLOCK=1 のときだけ受け付ける）")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10} * 366 * 86400));

  // 「返信があります」 (service/consultation_notices.h), for a timer when
  // `serve` is not given --notice-sendmail.
  auto* notices_cmd = app.add_subcommand("notices", "匿名相談のお知らせメール");
  notices_cmd->require_subcommand(1);
  auto* notices_send = notices_cmd->add_subcommand("send", "返信があった相談に「返信があります」のメールを送る（内容は書かない）");
  notices_send->add_option("--db", db_url, "データベース")->capture_default_str();
  notices_send->add_option("--key-file", key_file, key_help);
  notices_send->add_option("--sendmail", notices.sendmail, "sendmail 互換のプログラム")->required();
  notices_send->add_option("--from", notices.from, "差出人アドレス")->required();
  notices_send->add_option("--public-url", notices.public_url, "公開ページのアドレス")->required();

  cli::LedgerCommands ledger;
  cli::add_ledger_commands(app, ledger, {db_url, key_file, audit_key_file, audit_anchor_file, key_help, audit_key_help, audit_anchor_help});

  auto* routes = app.add_subcommand("routes", "API の経路と権限の宣言を一覧する");
  bool routes_json = false;
  routes->add_flag("--json", routes_json, "JSON で出力する");

  CLI11_PARSE(app, argc, argv);
  auto key_path = [&] { return key_file.empty() ? service::default_key_path(db_url) : key_file; };

  try {
    if (*routes) return run_routes(routes_json);
    if (*serve || *retention_run) {
      if (test_clock_offset != 0) {
        const char* allowed = std::getenv("TSUNAGU_TEST_CLOCK");
        if (allowed == nullptr || std::string_view(allowed) != "1") {
          std::fprintf(stderr,
                       "--test-clock-offset-seconds はテスト専用です（環境変数 TSUNAGU_TEST_CLOCK=1 のときだけ使えます）。\n");
          return 2;
        }
        service::set_test_clock_offset(std::chrono::seconds(test_clock_offset));
        service::log_info({{"event", "test_clock_offset"}, {"seconds", test_clock_offset}});
      }
    }
    if (*notices_send) {
      auto db = open_migrated(db_url);
      auto key = service::key_for_database(*db, key_path());
      int sent = service::send_pending_notices(*db, key, notices);
      std::printf("お知らせメールを %d 通送りました。\n", sent);
      return 0;
    }
    if (*serve && !notices.sendmail.empty() && (notices.from.empty() || notices.public_url.empty())) {
      std::fprintf(stderr, "--notice-sendmail には --notice-from と --public-url も指定してください。\n");
      return 2;
    }
    if (*retention_run) {
      auto db = open_migrated(db_url);
      service::open_audit_chain(*db, audit_files());
      auto run = service::run_retention(*db, process_label("cli"));
      service::checkpoint_audit_now(*db->acquire());
      if (!run.ran) {
        std::printf("ほかのサーバーまたはコマンドが実行中のため、今回は何もしませんでした。\n");
        return 0;
      }
      std::printf("匿名化しました: ケース %lld 件、参加者 %lld 人、開催回 %lld 回、サポーター %lld 人。\n",
                  static_cast<long long>(run.cases), static_cast<long long>(run.participants),
                  static_cast<long long>(run.sessions), static_cast<long long>(run.supporters));
      return 0;
    }
    if (*serve) {
      config.sessions.idle = std::chrono::seconds(idle_seconds);
      config.secure_cookies = !insecure_cookies;
      config.min_free_disk_bytes = min_free_mb << 20;
      // Both address flags are read the same way; a malformed one stops the start.
      auto networks = [](const char* flag, const std::vector<std::string>& texts, std::vector<http::Network>& out) {
        for (const auto& t : texts) {
          auto n = http::Network::parse(t);
          if (!n) {
            std::fprintf(stderr, "%s %s はアドレスとして読めません（例: 127.0.0.1, 10.0.0.0/8, ::1）。\n", flag,
                         t.c_str());
            return false;
          }
          out.push_back(*n);
        }
        return true;
      };
      if (!networks("--trusted-proxy", trusted_proxies, config.trusted_proxies) ||
          !networks("--metrics-from", metrics_from, config.metrics_from))
        return 2;
      if (db_url.rfind("sqlite:", 0) == 0) {
        auto dir = std::filesystem::path(db_url.substr(7)).parent_path();
        config.data_dir = dir.empty() ? "." : dir.string();
      }
      if (case_detail_cache > 0) config.case_details = std::make_shared<service::CaseDetailCache>(case_detail_cache);
      if (remembered_rows > 0) config.remembered = std::make_shared<service::RememberedRows>(remembered_rows);
      if (!crisis_contacts_file.empty()) config.crisis_contacts = service::load_crisis_contacts(crisis_contacts_file);
      config.notices_enabled = !notices.sendmail.empty();
      auto db = open_migrated(db_url);
      config.seal_key = service::key_for_database(*db, key_path());
      service::open_audit_chain(*db, audit_files());
      http::Dispatcher dispatcher(config, *db, http::build_router());
      // Every few minutes it asks whether the daily job is due (a small
      // SELECT): often enough to land in the quiet hour.
      cli::Periodic retention_timer("retention", std::chrono::minutes(5), [&db, who = process_label("serve")](bool first) {
        if (service::retention_due(*db, service::now(), first)) service::run_retention(*db, who);
      });
      std::optional<cli::Periodic> notice_sender;
      if (!notices.sendmail.empty())
        notice_sender.emplace("notices", std::chrono::seconds(60), [&db, &config, &notices](bool) {
          service::send_pending_notices(*db, config.seal_key, notices);
        });
      http::serve(config, dispatcher, [&] {
        // For the person at the terminal, on stderr: stdout is the log, one
        // JSON object a line.
        std::fprintf(stderr, "tsunagu: http://%s:%u/ で待ち受けています\n", config.listen_address.c_str(), config.port);
      });
      return 0;
    }
    if (*migrate) {
      auto db = store::Database::open(db_url);
      int n = store::migrate(*db);
      std::printf("マイグレーションを %d 件適用しました。連絡先の鍵は %s です（serve の初回に作られます。--key-file で変更）。\n", n,
                  std::filesystem::absolute(key_path()).c_str());
      return 0;
    }
    if (*rebuild) {
      auto db = open_migrated(db_url);
      auto c = db->acquire();
      store::Transaction tx(*c, store::Transaction::Mode::write);
      store::mhlw_summary::rebuild(*c);
      tx.commit();
      std::printf("集計表を作り直しました。\n");
      return 0;
    }
    if (*demo) {
      auto db = open_migrated(db_url);
      service::open_audit_chain(*db, audit_files());
      auto key = service::key_for_database(*db, key_path());
      auto logins = cli::load_demo(*db, key);
      service::checkpoint_audit_now(*db->acquire());
      std::printf("デモデータを用意しました（みどり県・架空）。連絡先の鍵: %s\nログイン:\n",
                  std::filesystem::absolute(key_path()).c_str());
      for (const auto& l : logins)
        std::printf("  %-10s / %-20s %s（%s）\n", l.login.c_str(), l.password.c_str(), l.role_label.c_str(),
                    l.organisation.c_str());
      // What the person trying the demo meets first (domain/two_factor_rule.h).
      std::printf("管理者と所長・主任相談員は二段階認証を使います。最初のログインで、スマートフォンの認証アプリ"
                  "（TOTP）の登録を案内します。\n");
      return 0;
    }
    if (*init) {
      std::getline(std::cin, init_req.password);
      if (!init_req.password.empty() && init_req.password.back() == '\r') init_req.password.pop_back();
      init_req.db_url = db_url;
      init_req.key_file = key_path();
      init_req.audit_files = audit_files();
      return cli::run_init(init_req);
    }
    if (*user_add) {
      if (!domain::parse_role(role)) {
        std::fprintf(stderr, "役割 %s はありません。\n", role.c_str());
        return 2;
      }
      std::string password;
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
      if (auto why = service::password_refusal(password, login)) {
        std::fprintf(stderr, "%s（パスワードは標準入力の1行目から読みます）\n", why->c_str());
        return 2;
      }
      auto db = open_migrated(db_url);
      service::open_audit_chain(*db, audit_files());
      auto c = db->acquire();
      store::Transaction tx(*c, store::Transaction::Mode::write);
      auto o = c->query_one("SELECT id FROM organisations WHERE id = ? OR name = ?", {org, org});
      if (!o) {
        std::fprintf(stderr, "組織 %s が見つかりません。\n", org.c_str());
        return 2;
      }
      std::string id = service::add_user(*c, login, name, password, role, o->text(0));
      service::audit(*c, nullptr, {"create", "user", id, "cli: " + login}, "cli");
      tx.commit();
      service::checkpoint_audit_now(*c);
      std::printf("利用者 %s を追加しました (id %s)。\n", login.c_str(), id.c_str());
      return 0;
    }
    if (*backup) {
      auto db = store::Database::open(db_url);
      db->backup_to(backup_to);
      std::printf("%s に複製しました（閲覧の監査ログは %s）。\n", backup_to.c_str(),
                  store::read_audit_file(backup_to).c_str());
      return 0;
    }
    if (*verify) {
      if (!audit_anchor_file.empty()) anchors.push_back(audit_anchor_file);
      return cli::run_audit_verify(db_url, audit_files(), !audit_key_file.empty(), anchors);
    }
    if (*checkpoint) return cli::run_audit_checkpoint(db_url, audit_files());
    if (*ledger.import || *ledger.export_) {
      ledger.request.db_url = db_url;
      ledger.request.key_file = key_path();
      ledger.request.audit_files = audit_files();
      return *ledger.import ? cli::run_ledger_import(ledger.request) : cli::run_ledger_export(ledger.request);
    }
  } catch (const service::Problem& p) {
    std::fprintf(stderr, "%s\n", p.detail.c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "エラー: %s\n", e.what());
    return 1;
  }
  return 0;
}
