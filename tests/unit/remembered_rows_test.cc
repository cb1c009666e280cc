// Reads answered from memory (service/remembered_rows.h), on a real SQLite
// file: the audit batch writes the entry of an answer whose remembered
// session and case are unchanged, and for one whose rows changed writes
// nothing and hands back RelianceChanged, whatever changed.
#include "service/remembered_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/audit_batch.h"
#include "service/audit_seal.h"
#include "service/clock.h"
#include "service/secrets.h"
#include "store/in_list.h"
#include "store/migrations.h"
#include "temp_sqlite_file.h"

namespace tsunagu::service {
namespace {

class RememberedRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    close_audit_chain();
    open_fresh("tsunagu_remembered_rows");
  }
  // A new database file: one organisation (and another one), a coordinator
  // with a session, a case.
  void open_fresh(const std::string& stem) {
    db_.reset();
    file_.reset();
    file_.emplace(stem);
    db_ = store::Database::open("sqlite:" + file_->string());
    store::migrate(*db_);
    auto c = db_->acquire();
    std::string now = format_utc(service::now());
    c->execute("INSERT INTO areas (id, level, name, created_at, updated_at) VALUES ('a1', 'prefecture', '県', ?, ?)",
               {now, now});
    for (const char* o : {"o1", "o2"})
      c->execute("INSERT INTO organisations (id, name, kind, area_id, created_at, updated_at) "
                 "VALUES (?, ?, 'support_center', 'a1', ?, ?)",
                 {std::string(o), std::string("支援センター ") + o, now, now});
    c->execute("INSERT INTO users (id, login, display_name, password_hash, role, organisation_id, created_at, "
               "updated_at) VALUES ('u1', 'suzuki', '鈴木', 'x', 'coordinator', 'o1', ?, ?)",
               {now, now});
    c->execute("INSERT INTO sessions (token_hash, user_id, csrf_token, client, created_at, last_seen_at) "
               "VALUES (?, 'u1', 'csrf', '127.0.0.1', ?, ?)",
               {hash_hex("token"), now, now});
    c->execute("INSERT INTO cases (id, organisation_id, title, status, intake_route, subject_awareness, stage_model, "
               "opened_on, created_at, updated_at) VALUES ('c1', 'o1', 'A さん', 'active', 'phone', 'unknown', "
               "'default', '2026-12-01', ?, ?)",
               {now, now});
  }
  void TearDown() override { db_.reset(); }

  // The session and case as the ordinary path would remember them.
  std::shared_ptr<const Reliance> reliance_now() {
    auto c = db_->acquire();
    auto now = current_rows(*c, {{hash_hex("token"), "c1"}});
    EXPECT_EQ(now.sessions.size(), 1u);
    EXPECT_EQ(now.cases.size(), 1u);
    auto r = std::make_shared<Reliance>();
    r->session = std::make_shared<const ActiveSession>(now.sessions.at(hash_hex("token")));
    r->case_ref = std::make_shared<const CaseRef>(now.cases.at("c1"));
    return r;
  }
  void sql(const std::string& statement) { db_->acquire()->execute(statement); }
  int entries_about(const std::string& id) {
    auto row = db_->acquire()->query_one("SELECT count(*) FROM reads.audit_log WHERE entity_id = ?", {id});
    return static_cast<int>(row->integer(0));
  }
  // Submits a read relying on `r` to a writer of its own; the error its
  // answer got.
  std::exception_ptr read(const std::string& id, std::shared_ptr<const Reliance> r) {
    AuditBatcher batcher(*db_);
    std::exception_ptr got = read_with(batcher, id, std::move(r));
    batcher.stop();
    return got;
  }
  // Submits a read to `batcher`, which stays; waits for the answer (up to
  // 10 s: the limit only spares a loaded machine, it measures nothing).
  std::exception_ptr read_with(AuditBatcher& batcher, const std::string& id, std::shared_ptr<const Reliance> r) {
    struct Answer {
      std::mutex m;
      std::condition_variable came;
      std::optional<std::exception_ptr> got;
    };
    auto answer = std::make_shared<Answer>();  // outlives a wait that gave up
    batcher.submit({{"2026-12-01T00:00:00.000Z", "u1", "o1", "127.0.0.1", {"read", "case", id, ""}}},
                   [answer](std::exception_ptr e) {
                     std::lock_guard lock(answer->m);
                     answer->got = e;
                     answer->came.notify_one();
                   },
                   std::move(r));
    std::unique_lock lock(answer->m);
    bool answered = answer->came.wait_for(lock, std::chrono::seconds(10), [&] { return answer->got.has_value(); });
    EXPECT_TRUE(answered) << id;
    return answered ? *answer->got : nullptr;
  }
  static bool changed(std::exception_ptr e) {
    if (!e) return false;
    try {
      std::rethrow_exception(e);
    } catch (const RelianceChanged&) {
      return true;
    } catch (...) {
      return false;
    }
  }

  std::optional<test_support::TempSqliteFile> file_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(RememberedRowsTest, AnUnchangedReadIsWrittenAndAnswered) {
  EXPECT_EQ(read("r-same", reliance_now()), nullptr);
  EXPECT_EQ(entries_about("r-same"), 1);
}

TEST_F(RememberedRowsTest, EveryChangeSendsTheReadBackWithNothingWritten) {
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"signed out", "DELETE FROM sessions"},
      {"user deactivated", "UPDATE users SET active = 0"},
      {"role changed", "UPDATE users SET role = 'supervisor'"},
      {"moved organisation", "UPDATE users SET organisation_id = 'o2'"},
      {"renamed", "UPDATE users SET display_name = '鈴木 花子'"},
      {"touched by another server", "UPDATE sessions SET last_seen_at = '2099-01-01T00:00:00.000Z'"},
      {"second factor now required", "UPDATE organisations SET two_factor_roles = 'coordinator'"},
      {"case edited", "UPDATE cases SET detail_rev = detail_rev + 1"},
      {"case moved", "UPDATE cases SET organisation_id = 'o2'"},
      {"case deleted", "DELETE FROM cases"},
  };
  int n = 0;
  for (const auto& [what, statement] : changes) {
    open_fresh("tsunagu_remembered_rows_" + std::to_string(++n));
    auto r = reliance_now();
    sql(statement);
    std::string id = "r-" + what;
    EXPECT_TRUE(changed(read(id, r))) << what;
    EXPECT_EQ(entries_about(id), 0) << what << ": no entry for an answer that does not go out";
  }
}

TEST_F(RememberedRowsTest, InOneBatchOnlyTheChangedReadIsSentBack) {
  auto held = reliance_now();
  auto stale = std::make_shared<Reliance>(*held);
  auto other = std::make_shared<CaseRef>(*held->case_ref);
  other->detail_rev -= 1;  // remembered before an edit
  stale->case_ref = other;
  AuditBatcher batcher(*db_);
  std::vector<std::pair<std::string, std::exception_ptr>> answers;
  std::mutex m;
  for (int i = 0; i < 40; ++i) {
    std::string id = "b" + std::to_string(i);
    batcher.submit({{"2026-12-01T00:00:00.000Z", "u1", "o1", "127.0.0.1", {"read", "case", id, ""}}},
                   [&, id](std::exception_ptr e) {
                     std::lock_guard lock(m);
                     answers.emplace_back(id, e);
                   },
                   i % 3 == 0 ? std::shared_ptr<const Reliance>(stale) : i % 3 == 1 ? held : nullptr);
  }
  batcher.stop();
  ASSERT_EQ(answers.size(), 40u);
  for (const auto& [id, e] : answers) {
    int i = std::stoi(id.substr(1));
    EXPECT_EQ(changed(e), i % 3 == 0) << id;
    if (i % 3 != 0) {
      EXPECT_EQ(e, nullptr) << id;
    }
    EXPECT_EQ(entries_about(id), i % 3 == 0 ? 0 : 1) << id;
  }
}

// One writer kept across batches, as in the server: the rows found equal
// by the first read are not read again while nothing is committed
// (service::HeldRows), and every change between two reads still sends the
// second back, whether it was written through the server's own pool (the
// writer's own connection, most likely) or by another connection to the
// file (another process, the sqlite3 tool).
TEST_F(RememberedRowsTest, AKeptWriterSeesEveryChangeBetweenTwoReads) {
  const std::vector<std::string> changes = {
      "DELETE FROM sessions",
      "UPDATE users SET active = 0",
      "UPDATE users SET role = 'supervisor'",
      "UPDATE sessions SET last_seen_at = '2099-01-01T00:00:00.000Z'",
      "UPDATE cases SET detail_rev = detail_rev + 1",
      "UPDATE cases SET organisation_id = 'o2'",
  };
  int n = 0;
  for (bool from_elsewhere : {false, true})
    for (const auto& statement : changes) {
      open_fresh("tsunagu_remembered_kept_" + std::to_string(++n));
      auto r = reliance_now();
      AuditBatcher batcher(*db_);
      std::string first = "k1-" + std::to_string(n), second = "k2-" + std::to_string(n),
                  third = "k3-" + std::to_string(n);
      EXPECT_EQ(read_with(batcher, first, r), nullptr) << statement;
      EXPECT_EQ(read_with(batcher, second, r), nullptr) << statement << ": nothing changed yet";
      if (from_elsewhere) {
        auto other = store::Database::open("sqlite:" + file_->string());
        other->acquire()->execute(statement);
      } else {
        sql(statement);
      }
      EXPECT_TRUE(changed(read_with(batcher, third, r))) << statement << (from_elsewhere ? " (elsewhere)" : " (pool)");
      batcher.stop();
      EXPECT_EQ(entries_about(first), 1) << statement;
      EXPECT_EQ(entries_about(second), 1) << statement;
      EXPECT_EQ(entries_about(third), 0) << statement;
    }
}

// A write that changes nothing a read relied on still moves the mark: the
// next batch reads the rows again and, finding them equal, answers.
TEST_F(RememberedRowsTest, AnUnrelatedWriteCostsOneReadingAndChangesNoAnswer) {
  auto r = reliance_now();
  AuditBatcher batcher(*db_);
  EXPECT_EQ(read_with(batcher, "u1-a", r), nullptr);
  sql("UPDATE organisations SET name = '別の名前' WHERE id = 'o2'");
  EXPECT_EQ(read_with(batcher, "u1-b", r), nullptr);
  EXPECT_EQ(read_with(batcher, "u1-c", r), nullptr);
  batcher.stop();
  for (const char* id : {"u1-a", "u1-b", "u1-c"}) EXPECT_EQ(entries_about(id), 1) << id;
}

TEST_F(RememberedRowsTest, CurrentRowsReadsEverySessionAndCaseAskedAndNothingElse) {
  std::string now = format_utc(service::now());
  // A second user, deactivated, with a session; 70 more cases, so that the
  // pairs take two statements (64 and 16 rows).
  sql("INSERT INTO users (id, login, display_name, password_hash, role, organisation_id, created_at, updated_at, "
      "active) VALUES ('u2', 'sato', '佐藤', 'x', 'coordinator', 'o1', '" + now + "', '" + now + "', 0)");
  db_->acquire()->execute("INSERT INTO sessions (token_hash, user_id, csrf_token, client, created_at, last_seen_at) "
                          "VALUES (?, 'u2', 'csrf2', '127.0.0.1', ?, ?)",
                          {hash_hex("token2"), now, now});
  std::vector<std::pair<std::string, std::string>> asked;
  for (int i = 0; i < 70; ++i) {
    std::string id = "m" + std::to_string(i);
    db_->acquire()->execute(
        "INSERT INTO cases (id, organisation_id, title, status, intake_route, subject_awareness, stage_model, "
        "opened_on, created_at, updated_at) VALUES (?, 'o1', 'B さん', 'active', 'phone', 'unknown', 'default', "
        "'2026-12-01', ?, ?)",
        {id, now, now});
    asked.emplace_back(hash_hex("token"), id);
  }
  asked.emplace_back(hash_hex("token"), "");           // a route about no case
  asked.emplace_back(hash_hex("token"), "no-such");    // a case that is gone
  asked.emplace_back(hash_hex("token2"), "c1");        // a deactivated user's session
  asked.emplace_back(hash_hex("signed-out"), "c1");    // a session that is gone
  auto c = db_->acquire();
  const CurrentRows rows = current_rows(*c, asked);
  ASSERT_EQ(rows.sessions.size(), 1u);
  const ActiveSession& s = rows.sessions.at(hash_hex("token"));
  EXPECT_EQ(s.actor.user_id, "u1");
  EXPECT_EQ(s.csrf_token, "csrf");
  EXPECT_TRUE(s.actor.client.empty());
  EXPECT_FALSE(s.case_lookup.has_value());
  // Every case asked for that exists, whoever asked; none that was not.
  EXPECT_EQ(rows.cases.size(), 71u);
  for (int i = 0; i < 70; ++i) EXPECT_EQ(rows.cases.count("m" + std::to_string(i)), 1u) << i;
  EXPECT_EQ(rows.cases.at("c1").organisation_id, "o1");
  EXPECT_EQ(rows.cases.count("no-such"), 0u);
  EXPECT_EQ(rows.cases.count(""), 0u);
  // The same as the ordinary path reads them.
  ActiveSession found;
  const std::string case_id = "m3";
  ASSERT_EQ(find_session(*c, SessionLimits{}, "token", "", found, &case_id), SessionState::active);
  EXPECT_EQ(rows.cases.at("m3"), *found.case_lookup->ref);
  found.case_lookup.reset();
  EXPECT_EQ(rows.sessions.at(hash_hex("token")), found);
  EXPECT_TRUE(current_rows(*c, {}).sessions.empty());
}

TEST(InList, PairsStayWholeAndListsFillWithRowsMatchingNothing) {
  for (std::size_t n : {1u, 3u, 16u, 65u, 130u}) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < n; ++i) pairs.emplace_back("s" + std::to_string(i), "c" + std::to_string(i));
    std::vector<std::pair<std::string, std::string>> seen;
    std::size_t filling = 0;
    store::for_each_in_pairs(pairs, [&](const std::string& rows, const std::vector<store::Value>& params) {
      std::size_t marks = std::count(rows.begin(), rows.end(), '?');
      std::size_t rows_n = std::count(rows.begin(), rows.end(), '(');
      EXPECT_EQ(marks, params.size());
      EXPECT_EQ(marks, 2 * rows_n);
      EXPECT_TRUE(rows_n == 1 || rows_n == 4 || rows_n == 16 || rows_n == 64) << rows_n;
      for (std::size_t i = 0; i < params.size(); i += 2) {
        std::pair<std::string, std::string> pair{std::get<std::string>(params[i]), std::get<std::string>(params[i + 1])};
        if (pair.first.empty()) {
          EXPECT_TRUE(pair.second.empty()) << "a filling row is (\"\", \"\") whole";
          ++filling;
        } else {
          seen.push_back(std::move(pair));
        }
      }
    });
    // Each pair once, whole, in order; the rest of the last list filled.
    EXPECT_EQ(seen, pairs) << n << " pairs";
    EXPECT_EQ(filling, store::smallest_list_holding(n % 64 ? n % 64 : 64) - (n % 64 ? n % 64 : 64)) << n;
  }
}

TEST(InList, FewStatementTextsWhateverTheNumber) {
  for (std::size_t n : {0u, 1u, 2u, 4u, 5u, 17u, 64u, 65u, 200u}) {
    std::vector<std::string> values;
    for (std::size_t i = 0; i < n; ++i) values.push_back("v" + std::to_string(i));
    std::vector<std::string> seen;
    store::for_each_in_list(values, [&](const std::string& marks, const std::vector<store::Value>& params) {
      std::size_t count = std::count(marks.begin(), marks.end(), '?');
      EXPECT_EQ(count, params.size());
      EXPECT_TRUE(count == 1 || count == 4 || count == 16 || count == 64) << count;
      for (const auto& p : params) seen.push_back(std::get<std::string>(p));
    });
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    auto expected = values;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(seen, expected) << n << " values: each once at least, nothing else";
  }
}

TEST(InList, ChunksFillTheLargestSizeAndListsPadToTheSmallest) {
  // service/audit.cc appends in chunks of these sizes, without padding.
  const std::pair<std::size_t, std::size_t> full[] = {{0, 1}, {1, 1}, {3, 1}, {4, 4}, {15, 4},
                                                      {16, 16}, {63, 16}, {64, 64}, {1000, 64}};
  for (auto [count, size] : full) EXPECT_EQ(store::largest_full_list(count), size) << count;
  // The IN lists, padded to the smallest size that holds them.
  const std::pair<std::size_t, std::size_t> holding[] = {{1, 1}, {2, 4}, {5, 16}, {17, 64}, {200, 64}};
  for (auto [count, size] : holding) EXPECT_EQ(store::smallest_list_holding(count), size) << count;
}

}  // namespace
}  // namespace tsunagu::service
