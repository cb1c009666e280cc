// The portable SQL day-number expression (store/tokyo_day_sql.h) against
// the domain's own calendar, on SQLite; the API tests run it on PostgreSQL.
#include "store/tokyo_day_sql.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <string>

#include "domain/date.h"
#include "store/db.h"
#include "temp_sqlite_file.h"

namespace tsunagu::store {
namespace {

TEST(TokyoDaySql, MatchesDomainCalendarAroundMidnightTokyo) {
  test_support::TempSqliteFile file("tokyo_day_sql");
  {
    auto db = store::Database::open("sqlite:" + file.string());
    auto c = db->acquire();
    std::string sql = std::string("SELECT ") + kTokyoDayFromParts + " FROM (SELECT " + kTokyoDayParts +
                      " FROM (SELECT ? AS occurred_at) i) p";
    // Every day of 1999-12-25 … 2028-03-05 (leap years, centuries through
    // 2000, month ends), at 14:59Z (still the same day in Tokyo) and 15:00Z
    // (the next day).
    auto start = *domain::parse_iso_date("1999-12-25");
    for (std::int64_t i = 0; i < 10'300; ++i) {
      auto day = domain::add_days(start, i);
      for (int hour : {0, 14, 15, 23}) {
        char at[40];
        std::snprintf(at, sizeof at, "%sT%02d:30:00.000Z", domain::format_iso_date(day).c_str(), hour);
        auto r = c->query_one(sql, {std::string(at)});
        std::int64_t want = domain::days_since_epoch(day) + (hour >= 15 ? 1 : 0);
        ASSERT_EQ(r->integer(0), want) << at;
      }
    }
    for (const char* at : {"2026-02-28T15:00:00.000Z", "2024-02-28T15:00:00.000Z", "2026-03-31T14:59:59.999Z",
                           "2026-12-31T15:00:00.000Z"}) {
      std::string s(at);
      auto day = *domain::parse_iso_date(s.substr(0, 10));
      int hour = std::stoi(s.substr(11, 2));
      EXPECT_EQ(c->query_one(sql, {s})->integer(0), domain::days_since_epoch(day) + (hour >= 15 ? 1 : 0)) << at;
    }
  }
}

}  // namespace
}  // namespace tsunagu::store
