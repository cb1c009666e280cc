// The connection of an answer the I/O thread gives from memory alone
// (store/no_database.h): empty transactions, and any statement or pool
// connection taken on that thread sends the request to a worker instead.
#include <gtest/gtest.h>

#include <thread>

#include "store/no_database.h"
#include "temp_sqlite_file.h"

namespace tsunagu::store {
namespace {

TEST(NoDatabase, TransactionsAreEmptyAndEveryStatementIsRefused) {
  NoDatabase none(Dialect::sqlite);
  Connection& c = none;  // as the handlers hold it
  {
    Transaction tx(c, Transaction::Mode::read);
    tx.commit();
  }
  { Transaction rolled_back(c, Transaction::Mode::write); }
  EXPECT_THROW(c.query("SELECT 1"), DatabaseNeeded);
  EXPECT_THROW(c.query_one("SELECT 1"), DatabaseNeeded);
  EXPECT_THROW(c.execute("DELETE FROM cases", {}), DatabaseNeeded);
  EXPECT_THROW(c.execute_script("SELECT 1"), DatabaseNeeded);
  EXPECT_EQ(c.dialect(), Dialect::sqlite);
}

TEST(DatabaseForbidden, TheThreadThatHoldsItTakesNoConnectionOthersDo) {
  test_support::TempSqliteFile file("no_database_test");
  auto db = Database::open("sqlite:" + file.string());
  {
    DatabaseForbidden here;
    EXPECT_TRUE(DatabaseForbidden::here());
    EXPECT_THROW(db->acquire(), DatabaseNeeded);
    bool other_thread_got_one = false;
    std::thread([&] {
      auto lease = db->acquire();
      other_thread_got_one = lease->query("SELECT 1").size() == 1;
    }).join();
    EXPECT_TRUE(other_thread_got_one);
    {
      DatabaseForbidden nested;
      EXPECT_THROW(db->acquire(), DatabaseNeeded);
    }
    EXPECT_TRUE(DatabaseForbidden::here()) << "the outer guard still holds after a nested one ends";
  }
  EXPECT_FALSE(DatabaseForbidden::here());
  auto lease = db->acquire();
  EXPECT_EQ(lease->query("SELECT 1").size(), 1u);
}

}  // namespace
}  // namespace tsunagu::store
