// The database's change mark (store::Connection::change_mark) on a real
// SQLite file, and what service::HeldRows concludes from it: rows found
// equal stay known only while the mark has not moved.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "service/remembered_rows.h"
#include "store/db.h"
#include "temp_sqlite_file.h"

namespace tsunagu {
namespace {

TEST(ChangeMark, MovesWithEveryCommitToTheMainFileFromAnywhere) {
  test_support::TempSqliteFile file("tsunagu_change_mark");
  auto db = store::Database::open("sqlite:" + file.string());
  auto elsewhere = store::Database::open("sqlite:" + file.string());  // as another process
  auto a = db->acquire();
  a->execute("CREATE TABLE t (x INTEGER)");
  auto m0 = a->change_mark();
  ASSERT_TRUE(m0.has_value());
  EXPECT_EQ(a->change_mark(), m0) << "nothing committed: the same mark";
  a->query("SELECT count(*) FROM t");
  EXPECT_EQ(a->change_mark(), m0) << "reading moves nothing";

  elsewhere->acquire()->execute("INSERT INTO t VALUES (1)");
  auto m1 = a->change_mark();
  EXPECT_NE(m1, m0) << "another connection's commit";
  EXPECT_EQ(m1->own_changes, m0->own_changes);

  a->execute("UPDATE t SET x = 2");
  auto m2 = a->change_mark();
  EXPECT_NE(m2, m1) << "this connection's own change";
  EXPECT_EQ(m2->committed_elsewhere, m1->committed_elsewhere);

  {
    store::Transaction tx(*a, store::Transaction::Mode::write);
    a->execute("UPDATE t SET x = 3");
  }  // not committed: rolled back
  EXPECT_NE(a->change_mark(), m2) << "a change rolled back counts too: at worst one more reading";

  // Two connections never share a mark, even on the same file.
  auto b = elsewhere->acquire();
  EXPECT_NE(b->change_mark()->connection, a->change_mark()->connection);
}

service::Reliance reliance(std::shared_ptr<const service::ActiveSession> s, std::shared_ptr<const service::CaseRef> c) {
  return {std::move(s), std::move(c)};
}

TEST(HeldRows, KnownOnlyAtTheMarkTheyWereFoundEqualAt) {
  auto session = std::make_shared<const service::ActiveSession>();
  auto case_ref = std::make_shared<const service::CaseRef>();
  auto r = reliance(session, case_ref);
  auto other_case = reliance(session, std::make_shared<const service::CaseRef>());
  const store::ChangeMark m{1, 10, 100};

  service::HeldRows held;
  held.look_at(m);
  EXPECT_FALSE(held.known(r));
  held.found_equal(r);
  EXPECT_TRUE(held.known(r));
  EXPECT_FALSE(held.known(other_case)) << "the same session, another case: not known";
  EXPECT_TRUE(held.known(reliance(session, nullptr))) << "a route about no case relies on the session alone";

  held.look_at(m);
  EXPECT_TRUE(held.known(r)) << "the next batch at the same mark";
  held.look_at(store::ChangeMark{1, 11, 100});
  EXPECT_FALSE(held.known(r)) << "committed elsewhere";
  held.found_equal(r);
  held.look_at(store::ChangeMark{1, 11, 101});
  EXPECT_FALSE(held.known(r)) << "changed by this connection";
  held.found_equal(r);
  held.look_at(store::ChangeMark{2, 11, 101});
  EXPECT_FALSE(held.known(r)) << "another connection's mark";
  held.found_equal(r);
  held.look_at(std::nullopt);
  EXPECT_FALSE(held.known(r)) << "a database that gives no mark";
  held.found_equal(r);
  EXPECT_FALSE(held.known(r));
}

TEST(HeldRows, TheBatchOwnRowsKeepWhatIsKnownAndNothingElseDoes) {
  auto r = reliance(std::make_shared<const service::ActiveSession>(), std::make_shared<const service::CaseRef>());
  service::HeldRows held;
  held.look_at(store::ChangeMark{1, 10, 100});
  held.found_equal(r);
  // The batch appended its entries (own rows) and committed.
  held.own_rows_written(store::ChangeMark{1, 12, 120});
  held.look_at(store::ChangeMark{1, 10, 120});
  EXPECT_TRUE(held.known(r)) << "only the batch's own rows moved the mark";
  held.own_rows_written(store::ChangeMark{1, 10, 130});
  held.look_at(store::ChangeMark{1, 12, 130});
  EXPECT_FALSE(held.known(r)) << "a commit elsewhere during the batch is seen by the next one";

  held.look_at(store::ChangeMark{1, 12, 130});
  held.found_equal(r);
  held.own_rows_written(store::ChangeMark{2, 12, 130});
  held.look_at(store::ChangeMark{1, 12, 130});
  EXPECT_FALSE(held.known(r)) << "a mark from another connection after the commit: trust nothing";

  held.look_at(store::ChangeMark{1, 12, 130});
  held.found_equal(r);
  held.forget();
  held.look_at(store::ChangeMark{1, 12, 130});
  EXPECT_FALSE(held.known(r)) << "after a failure";
}

}  // namespace
}  // namespace tsunagu
