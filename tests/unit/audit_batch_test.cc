// The read-audit writer (service/audit_batch.h) on a real SQLite file: no
// answer before its entries are committed, answers in order, and the next
// batch committed while the answers of the one before are still going out.
#include "service/audit_batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/audit_seal.h"
#include "service/secrets.h"
#include "store/migrations.h"
#include "temp_sqlite_file.h"

namespace tsunagu::service {
namespace {

class AuditBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    close_audit_chain();  // unkeyed, whichever test ran before in this process
    db_ = store::Database::open("sqlite:" + file_.string());
    store::migrate(*db_);
  }
  void TearDown() override { db_.reset(); }

  static std::vector<PendingAudit> entry(const std::string& id) {
    return {{"2026-12-01T00:00:00.000Z", "u1", "o1", "127.0.0.1", {"read", "case", id, ""}}};
  }
  // Whether the entry about `id` is committed in the reads log, as another
  // connection sees it.
  bool committed(const std::string& id) {
    auto c = db_->acquire();
    auto row = c->query_one("SELECT count(*) FROM reads.audit_log WHERE entity_id = ?", {id});
    return row && row->integer(0) == 1;
  }
  // Waits up to 10 s for `what`; the limit only spares a loaded machine,
  // it measures nothing.
  template <typename F>
  static bool eventually(F what) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!what()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
  }

  test_support::TempSqliteFile file_{"tsunagu_audit_batch"};
  std::unique_ptr<store::Database> db_;
};

TEST_F(AuditBatchTest, AnAnswerGoesOutOnlyOnceItsEntryIsCommittedAndInOrder) {
  AuditBatcher batcher(*db_);
  std::mutex m;
  std::vector<std::string> answered;
  std::atomic<int> committed_when_answered{0};
  constexpr int kRequests = 300;
  for (int i = 0; i < kRequests; ++i) {
    std::string id = "c" + std::to_string(i);
    batcher.submit(entry(id), [&, id](std::exception_ptr error) {
      EXPECT_EQ(error, nullptr);
      if (committed(id)) ++committed_when_answered;
      std::lock_guard lock(m);
      answered.push_back(id);
    });
  }
  batcher.stop();
  ASSERT_EQ(answered.size(), std::size_t(kRequests)) << "stop() delivers every answer";
  EXPECT_EQ(committed_when_answered.load(), kRequests);
  for (int i = 0; i < kRequests; ++i) EXPECT_EQ(answered[i], "c" + std::to_string(i)) << "answers keep their order";
}

TEST_F(AuditBatchTest, TheNextBatchCommitsWhileTheAnswersOfTheOneBeforeGoOut) {
  AuditBatcher batcher(*db_);
  std::promise<bool> second_committed_meanwhile;
  auto seen = second_committed_meanwhile.get_future();
  std::atomic<bool> first_answered{false};
  batcher.submit(entry("first"), [&](std::exception_ptr) {
    // Still sending the first answer: the second request arrives now, and
    // its entry must not wait for this answer to finish.
    first_answered = true;
    second_committed_meanwhile.set_value(eventually([&] { return committed("second"); }));
  });
  ASSERT_TRUE(eventually([&] { return first_answered.load(); }));
  std::promise<void> second_answered;
  batcher.submit(entry("second"), [&](std::exception_ptr) { second_answered.set_value(); });
  EXPECT_TRUE(seen.get()) << "the writer waited for the first batch's answers before committing the second";
  second_answered.get_future().wait();
}

TEST_F(AuditBatchTest, AFailedWriteReachesEveryAnswerOfItsBatch) {
  AuditBatcher batcher(*db_);
  {
    // The reads log gone: the append fails, and each request is told.
    auto c = db_->acquire();
    c->execute("DROP TABLE reads.audit_log", {});
  }
  std::atomic<int> failed{0};
  for (int i = 0; i < 5; ++i)
    batcher.submit(entry("c" + std::to_string(i)), [&](std::exception_ptr error) {
      if (error) ++failed;
    });
  batcher.stop();
  EXPECT_EQ(failed.load(), 5);
}

TEST_F(AuditBatchTest, TrySubmitTakesNothingWhenTheQueueIsFullAndNeverWaits) {
  // Another connection holds the reads log's write lock: the writer's
  // first append waits for it, and the queue behind it fills.
  auto holder = db_->acquire();
  holder->execute_script("BEGIN IMMEDIATE");
  holder->execute("INSERT INTO reads.audit_log (seq, at, user_id, organisation_id, action, entity, entity_id, client, "
                  "detail, prev_hash, hash) VALUES (-1, '', '', '', '', '', '', '', '', '', '')",
                  {});
  AuditBatcher batcher(*db_, 2);
  std::atomic<int> answered{0};
  auto count = [&](std::exception_ptr error) {
    EXPECT_EQ(error, nullptr);
    ++answered;
  };
  batcher.submit(entry("taken"), count);
  ASSERT_TRUE(eventually([&] { return batcher.queued() == 0; })) << "the writer took the first and waits";
  EXPECT_TRUE(batcher.try_submit(entry("second"), count, nullptr));
  EXPECT_TRUE(batcher.try_submit(entry("third"), count, nullptr));
  EXPECT_EQ(batcher.queued(), 2u);
  bool called = false;
  EXPECT_FALSE(batcher.try_submit(entry("refused"), [&](std::exception_ptr) { called = true; }, nullptr))
      << "a full queue refuses at once instead of waiting";
  EXPECT_EQ(batcher.queued(), 2u);
  holder->execute_script("ROLLBACK");
  batcher.stop();
  EXPECT_EQ(answered.load(), 3);
  EXPECT_FALSE(called) << "what was refused is not answered: its caller runs it elsewhere";
  EXPECT_TRUE(committed("third"));
  EXPECT_FALSE(committed("refused"));
  EXPECT_FALSE(batcher.try_submit(entry("after stop"), count, nullptr)) << "after stop() the caller writes itself";
}

TEST_F(AuditBatchTest, AfterStopTheCallerWritesAndAnswersItself) {
  AuditBatcher batcher(*db_);
  batcher.stop();
  bool answered = false;
  batcher.submit(entry("late"), [&](std::exception_ptr error) {
    EXPECT_EQ(error, nullptr);
    answered = true;
  });
  EXPECT_TRUE(answered) << "answered before submit returned";
  EXPECT_TRUE(committed("late"));
}

}  // namespace
}  // namespace tsunagu::service

namespace tsunagu::service {
namespace {

// With a poster (the server's I/O thread), a committed batch is handed to
// it whole and answered where it runs it, never before; a batch with an
// answer whose remembered rows changed stays with the deliverer thread,
// since that answer runs again the ordinary way, reading the database.
TEST_F(AuditBatchTest, WithAPosterAnswersGoOutWhereItRunsThemButChangedOnesOnTheDeliverer) {
  AuditBatcher batcher(*db_);
  std::mutex m;
  std::vector<std::function<void()>> posted;
  batcher.deliver_with([&](std::function<void()> f) {
    std::lock_guard lock(m);
    posted.push_back(std::move(f));
  });
  std::atomic<bool> answered{false};
  std::thread::id answered_on;
  batcher.submit(entry("p1"), [&](std::exception_ptr e) {
    EXPECT_EQ(e, nullptr);
    answered_on = std::this_thread::get_id();
    answered = true;
  });
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(m);
    return !posted.empty();
  }));
  EXPECT_TRUE(committed("p1"));
  EXPECT_FALSE(answered) << "answered only where the poster runs it";
  std::function<void()> run;
  {
    std::lock_guard lock(m);
    ASSERT_EQ(posted.size(), 1u);
    run = std::move(posted.front());
    posted.clear();
  }
  run();
  EXPECT_TRUE(answered);
  EXPECT_EQ(answered_on, std::this_thread::get_id());

  auto stale = std::make_shared<Reliance>();
  auto session = std::make_shared<ActiveSession>();
  session->token_hash = "signed-out";  // no such session: the rows changed
  stale->session = session;
  std::promise<std::thread::id> changed_on;
  batcher.submit(
      entry("p2"),
      [&](std::exception_ptr e) {
        EXPECT_NE(e, nullptr);
        changed_on.set_value(std::this_thread::get_id());
      },
      stale);
  auto on = changed_on.get_future();
  ASSERT_EQ(on.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(on.get(), std::this_thread::get_id());
  {
    std::lock_guard lock(m);
    EXPECT_TRUE(posted.empty());
  }
  EXPECT_FALSE(committed("p2"));
  batcher.deliver_with(nullptr);
  batcher.stop();
}

}  // namespace
}  // namespace tsunagu::service
