// Fills a tsunagu database (SQLite or PostgreSQL) with a prefecture-size case
// load for the case-work benchmark (issue 3, point 14; bench/case_work.sh,
// bench/case_work_postgres.sh).
//
//   tsunagu demo --db URL                  # organisations, users, areas
//   bench_generate_cases --db URL [--cases 100000] [--contacts-per-case 20]
//                        [--note-percent 50] [--seed 1]
//
// URL is `sqlite:FILE` or `postgresql://…`, as for tsunagu itself. The same
// seed gives the same sequence of names, notes and counts on both; the ids
// and times are new on every run, and which organisation gets which case
// follows the order of the demo's (random) organisation ids.
//
// Per case: one named person (Japanese name and furigana), the case row, one
// status change, one assigned staff member of the organisation, and
// `contacts-per-case` contacts, `note-percent` of them with a note. Cases are
// spread round-robin over the organisations that have users.
//
// Rows go through the store interface (a statement cache on both, so every
// INSERT is prepared once) in write transactions of about 50k rows, and the
// search index is filled by service::index_person / index_contact, exactly as
// the server fills it. The MHLW report summaries are rebuilt at the end
// (store/summaries/mhlw_summary.h), then the planner statistics (ANALYZE).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "domain/case_attributes.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "store/summaries/mhlw_summary.h"
#include "service/case_numbering.h"
#include "service/clock.h"
#include "service/search_index.h"
#include "service/secrets.h"
#include "store/db.h"

namespace {

using tsunagu::store::Value;

struct Family {
  const char* kanji;
  const char* kana;
};
constexpr Family kFamily[] = {
    {"佐藤", "さとう"},   {"鈴木", "すずき"},   {"高橋", "たかはし"}, {"田中", "たなか"},   {"伊藤", "いとう"},
    {"渡辺", "わたなべ"}, {"山本", "やまもと"}, {"中村", "なかむら"}, {"小林", "こばやし"}, {"加藤", "かとう"},
    {"吉田", "よしだ"},   {"山田", "やまだ"},   {"佐々木", "ささき"}, {"山口", "やまぐち"}, {"松本", "まつもと"},
    {"井上", "いのうえ"}, {"木村", "きむら"},   {"林", "はやし"},     {"斎藤", "さいとう"}, {"清水", "しみず"},
    {"山崎", "やまざき"}, {"森", "もり"},       {"池田", "いけだ"},   {"橋本", "はしもと"}, {"阿部", "あべ"},
    {"石川", "いしかわ"}, {"山下", "やました"}, {"中島", "なかじま"}, {"石井", "いしい"},   {"小川", "おがわ"},
    {"前田", "まえだ"},   {"岡田", "おかだ"},   {"長谷川", "はせがわ"}, {"藤田", "ふじた"}, {"後藤", "ごとう"},
    {"近藤", "こんどう"}, {"村上", "むらかみ"}, {"遠藤", "えんどう"}, {"青木", "あおき"},   {"坂本", "さかもと"},
};
constexpr Family kGiven[] = {
    {"翔太", "しょうた"}, {"大輔", "だいすけ"}, {"健一", "けんいち"}, {"拓也", "たくや"},   {"直樹", "なおき"},
    {"誠", "まこと"},     {"亮", "りょう"},     {"陽介", "ようすけ"}, {"和也", "かずや"},   {"裕太", "ゆうた"},
    {"美咲", "みさき"},   {"愛", "あい"},       {"彩", "あや"},       {"真由美", "まゆみ"}, {"恵", "めぐみ"},
    {"由美", "ゆみ"},     {"智子", "ともこ"},   {"陽子", "ようこ"},   {"麻衣", "まい"},     {"沙織", "さおり"},
    {"隆", "たかし"},     {"修", "おさむ"},     {"浩二", "こうじ"},   {"学", "まなぶ"},     {"聡", "さとし"},
};
constexpr const char* kNoteOpen[] = {
    "母親から電話。",     "本人と面談。",       "自宅を訪問。",       "父親が来所。",         "民生委員から連絡。",
    "保健師と同行訪問。", "メールで近況の報告。", "きょうだいから相談。", "地域包括支援センターと協議。", "手紙を投函。",
};
constexpr const char* kNoteBody[] = {
    "本人は自室で過ごすことが多く、昼夜逆転が続いている。",
    "最近は夜にコンビニへ出かけることがあるとのこと。",
    "玄関先で少し話ができた。表情は穏やか。",
    "両親の高齢化と今後の生活費について不安を話された。",
    "ゲームの話題には応じてくれる。",
    "家族以外との会話はほとんどないとのこと。",
    "通院は中断しているが、服薬は続けている。",
    "就労準備支援事業について説明し、パンフレットを渡した。",
    "居場所事業の見学に関心を示した。",
    "母親の介護負担が大きく、ケアマネジャーとの連携を検討。",
    "生活保護の相談を希望。福祉事務所につなぐ。",
    "ごみが玄関まで溜まっており、衛生面が心配。",
    "本人から初めてメールの返信があった。",
    "家族会の案内をした。",
    "父親が定年退職し、家の中の緊張が高まっている。",
    "本人の体調は安定。散歩を始めたとのこと。",
};
constexpr const char* kNextStep[] = {
    "2週間後に再訪問", "家族会の日程を連絡", "保健師と情報共有", "居場所見学に同行", "次回は本人と面談",
};

std::string arg(int argc, char** argv, const std::string& name, const std::string& def) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return def;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tsunagu;
  const std::string url = arg(argc, argv, "--db", "");
  if (url.empty()) {
    std::cerr << "usage: bench_generate_cases --db sqlite:FILE|postgresql://… [--cases N] [--contacts-per-case N] "
                 "[--note-percent P] [--seed S]\n";
    return 2;
  }
  const long cases = std::stol(arg(argc, argv, "--cases", "100000"));
  const int per_case = std::stoi(arg(argc, argv, "--contacts-per-case", "20"));
  const int note_pct = std::stoi(arg(argc, argv, "--note-percent", "50"));
  std::mt19937_64 rng(std::stoull(arg(argc, argv, "--seed", "1")));
  auto pick = [&](auto n) { return static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(n)); };

  auto database = store::Database::open(url);
  auto lease = database->acquire();
  store::Connection& db = *lease;
  const bool postgres = db.dialect() == store::Dialect::postgres;
  // A bench fill: a crash means generating again, so no fsync per commit.
  // On PostgreSQL for this session only (the server's own sessions keep the
  // cluster's setting); the WAL is still written, so a crash loses the last
  // commits, never the consistency of the database.
  if (postgres) db.execute_script("SET synchronous_commit = off");
  else db.query("PRAGMA synchronous=OFF");

  struct Org {
    std::string id, stage_model;
    std::vector<std::string> users;
  };
  std::vector<Org> orgs;
  for (const auto& r : db.query(
           "SELECT o.id, o.stage_model, u.id FROM organisations o JOIN users u ON u.organisation_id = o.id "
           "ORDER BY o.id, u.id")) {
    if (orgs.empty() || orgs.back().id != r.text(0)) orgs.push_back({r.text(0), r.text(1), {}});
    orgs.back().users.push_back(r.text(2));
  }
  if (orgs.empty()) {
    std::cerr << "no organisations with users: run `tsunagu demo --db " << url << "` first\n";
    return 1;
  }

  const auto now = std::chrono::system_clock::now();
  auto ago = [&](std::int64_t seconds) { return service::format_utc(now - std::chrono::seconds(seconds)); };
  const auto start = std::chrono::steady_clock::now();
  constexpr std::int64_t kRowsPerTransaction = 50000;
  std::int64_t rows_in_tx = 0, contacts = 0, notes = 0;
  auto tx = std::make_unique<store::Transaction>(db, store::Transaction::Mode::write);
  auto count = [&](std::int64_t n) {
    rows_in_tx += n;
    if (rows_in_tx >= kRowsPerTransaction) {
      tx->commit();
      tx = std::make_unique<store::Transaction>(db, store::Transaction::Mode::write);
      rows_in_tx = 0;
    }
  };

  for (long c = 0; c < cases; ++c) {
    const Org& org = orgs[static_cast<std::size_t>(c) % orgs.size()];
    const std::string& staff = org.users[pick(org.users.size())];
    const auto& fam = kFamily[pick(std::size(kFamily))];
    const auto& giv = kGiven[pick(std::size(kGiven))];
    const std::string name = std::string(fam.kanji) + " " + giv.kanji;
    const std::string furigana = std::string(fam.kana) + " " + giv.kana;
    const std::int64_t opened_ago = 86400 * static_cast<std::int64_t>(30 + pick(3000));
    const std::string created = ago(opened_ago);
    const std::string updated = ago(static_cast<std::int64_t>(pick(static_cast<std::uint64_t>(opened_ago))));
    const std::string opened_on = created.substr(0, 10);

    const std::string person_id = service::random_id();
    db.execute(
        "INSERT INTO persons (id, organisation_id, naming, name, furigana, sex, birth_date, age_band, district_id, "
        "contact_sealed, note, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
        {person_id, org.id, std::string("named"), name, furigana, std::string(pick(2) ? "男性" : "女性"),
         store::null(), store::null(), store::null(), store::null(), store::null(), created, created});
    service::index_person(db, person_id, org.id, name, furigana);

    const std::string case_id = service::random_id();
    const std::string status{domain::kCaseStatusValues[pick(domain::kCaseStatusValues.size())]};
    db.execute(
        "INSERT INTO cases (id, organisation_id, subject_person_id, household_id, title, status, intake_route, "
        "caller_relation, subject_awareness, needs, stage_model, current_stage, opened_on, closed_on, version, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL,?,NULL,1,?,?)",
        {case_id, org.id, person_id, store::null(), std::string(fam.kanji) + "さん",
         status, std::string(domain::kIntakeRouteValues[pick(domain::kIntakeRouteValues.size())]), store::null(),
         std::string(domain::kPersonAwarenessValues[pick(domain::kPersonAwarenessValues.size())]),
         std::string("[\"8050\"]"), org.stage_model, opened_on, created, updated});
    service::fold_case_title(db, case_id, std::string(fam.kanji) + "さん");
    service::assign_case_number(db, case_id);
    db.execute("INSERT INTO case_staff (case_id, user_id) VALUES (?, ?)", {case_id, staff});
    db.execute(
        "INSERT INTO case_status_changes (id, case_id, from_status, to_status, reason, changed_on, user_id, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        {service::random_id(), case_id, store::null(), std::string("受付"), store::null(), opened_on, staff, created});
    count(5);

    for (int k = 0; k < per_case; ++k) {
      const std::string contact_id = service::random_id();
      const std::string at = ago(static_cast<std::int64_t>(pick(static_cast<std::uint64_t>(opened_ago))));
      const bool with_note = static_cast<int>(pick(100)) < note_pct;
      std::optional<std::string> note, next_step;
      if (with_note) {
        note = std::string(kNoteOpen[pick(std::size(kNoteOpen))]) + kNoteBody[pick(std::size(kNoteBody))] +
               kNoteBody[pick(std::size(kNoteBody))];
        if (pick(3) == 0) next_step = kNextStep[pick(std::size(kNextStep))];
        ++notes;
      }
      const std::string channel{domain::kContactChannelValues[pick(domain::kContactChannelValues.size())]};
      Value sub_kind = channel == domain::kChannelOther
                           ? Value{std::string(domain::kContactSubKindValues[pick(domain::kContactSubKindValues.size())])}
                           : store::null();
      db.execute(
          "INSERT INTO contacts (id, case_id, organisation_id, occurred_at, channel, sub_kind, counterpart, subject_met, "
          "duration_minutes, staff_user_id, note, next_step, next_step_on, version, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
          {contact_id, case_id, org.id, at, channel, sub_kind,
           std::string(domain::kContactCounterpartValues[pick(domain::kContactCounterpartValues.size())]),
           std::int64_t(pick(2)), std::int64_t(10 + pick(80)), staff, store::text_or_null(note),
           store::text_or_null(next_step), store::null(), at, at});
      // The server calls index_contact on every write; without a note or a
      // next step it only deletes a (non-existent) entry, so it is skipped.
      if (note) service::index_contact(db, contact_id, org.id, note, next_step);
      ++contacts;
      count(note ? 2 : 1);
    }
    if ((c + 1) % 10000 == 0) {
      auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "%ld cases, %lld contacts, %lld notes, %.1f s\n", c + 1, static_cast<long long>(contacts),
                   static_cast<long long>(notes), s);
    }
  }
  tx->commit();
  tx.reset();
  // The rows above went past the services, which keep the report summaries
  // right on every write: fill them from the generated contacts instead.
  {
    const auto t0 = std::chrono::steady_clock::now();
    store::Transaction summaries(db, store::Transaction::Mode::write);
    store::mhlw_summary::rebuild(db);
    summaries.commit();
    std::fprintf(stderr, "report summaries rebuilt in %.1f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  {
    const auto t0 = std::chrono::steady_clock::now();
    if (postgres) {
      // Every contact raised its case's detail revision (migration 0017's
      // triggers): 20 dead versions of each case row. VACUUM clears them and
      // sets the visibility map now, so that autovacuum does not do it in the
      // middle of a measurement, and index-only scans work from the start.
      db.execute_script("VACUUM (ANALYZE)");
    } else {
      db.query("PRAGMA wal_checkpoint(TRUNCATE)");
      db.query("ANALYZE");
    }
    std::fprintf(stderr, "%s in %.1f s\n", postgres ? "VACUUM (ANALYZE)" : "ANALYZE",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("generated %ld cases, %lld contacts, %lld notes over %zu organisations in %.1f s\n", cases,
              static_cast<long long>(contacts), static_cast<long long>(notes), orgs.size(), s);
  return 0;
}
