// The SQL of the MHLW age band (store/summaries/mhlw_summary.h) and of the
// Tokyo day (store/tokyo_day_sql.h) against the domain
// function it must follow (domain::mhlw_age_band), on SQLite; the API
// test runs it on PostgreSQL with hand-computed figures.
#include "store/summaries/mhlw_summary.h"
#include "store/tokyo_day_sql.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "domain/age_band.h"
#include "domain/date.h"
#include "domain/mhlw_counting.h"
#include "store/db.h"
#include "temp_sqlite_file.h"

namespace tsunagu::report {
namespace {

class MhlwQuery : public ::testing::Test {
 protected:
  test_support::TempSqliteFile file{"mhlw_query"};
  std::filesystem::path path = file.path();
};

TEST_F(MhlwQuery, AgeBandSqlMatchesTheDomainRule) {
  auto db = store::Database::open("sqlite:" + path.string());
  auto c = db->acquire();
  std::string sql = "SELECT " + store::mhlw_summary::mhlw_age_band_sql("b", "s", "d") + " FROM (SELECT ? AS b, ? AS s, ? AS d) x";
  auto births = {"1985-10-01", "2004-02-29", "2005-04-01", "1975-03-31", "2010-12-31", "1960-01-01"};
  for (const char* birth : births) {
    auto b = *domain::parse_iso_date(birth);
    // Days around each birthday of ages 18..52, and a day before birth.
    for (int age = -1; age <= 52; ++age) {
      for (int delta : {-1, 0, 1}) {
        auto on = domain::add_days(domain::add_months(b, 12 * std::max(age, 0)), delta + (age < 0 ? -3 : 0));
        auto want = domain::mhlw_age_band(b, std::nullopt, on);
        auto r = c->query_one(sql, {std::string(birth), store::null(), domain::format_iso_date(on)});
        ASSERT_EQ(r->text(0), want) << birth << " on " << domain::format_iso_date(on);
      }
    }
  }
  // Stored bands without a birth date, and a birth date after the day.
  for (auto band : domain::kPersonAgeBandValues) {
    auto want = domain::mhlw_age_band(std::nullopt, band, domain::Date{2025, 6, 1});
    auto r = c->query_one(sql, {store::null(), std::string(band), std::string("2025-06-01")});
    EXPECT_EQ(r->text(0), want) << band;
    auto late = c->query_one(sql, {std::string("2030-01-01"), std::string(band), std::string("2025-06-01")});
    EXPECT_EQ(late->text(0), want) << band;
  }
  for (auto band : domain::kMhlwAgeBandValues) {
    auto r = c->query_one(sql, {store::null(), std::string(band), std::string("2025-06-01")});
    EXPECT_EQ(r->text(0), band);
  }
  auto none = c->query_one(sql, {store::null(), store::null(), std::string("2025-06-01")});
  EXPECT_EQ(none->text(0), "年齢不明");
}

TEST_F(MhlwQuery, TokyoDaySqlOnSqlite) {
  auto db = store::Database::open("sqlite:" + path.string());
  auto c = db->acquire();
  std::string sql = "SELECT " + store::tokyo_day_sql(store::Dialect::sqlite, "t") + " FROM (SELECT ? AS t) x";
  for (const char* at : {"2026-03-31T14:59:59.999Z", "2026-03-31T15:00:00.000Z", "2025-12-31T15:00:00.000Z",
                         "2024-02-28T15:00:00.000Z", "2025-06-01T00:00:00.000Z"}) {
    auto r = c->query_one(sql, {std::string(at)});
    EXPECT_EQ(r->text(0), domain::format_iso_date(*domain::tokyo_day_of_utc(at))) << at;
  }
}

}  // namespace
}  // namespace tsunagu::report
