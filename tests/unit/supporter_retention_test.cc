// Supporters' retention: migration 0036 gives supporters already 休止中 the
// Tokyo day of their last change as the day they stopped, and the rule that
// the job applies counts from that day.
#include <gtest/gtest.h>

#include <map>

#include "domain/retention.h"
#include "store/db.h"
#include "store/migrations/0036_supporter_retention.h"
#include "temp_sqlite_file.h"

namespace tsunagu {
namespace {

TEST(SupporterRetention, MigrationGivesThoseAlreadyPausedTheTokyoDayOfTheirLastChange) {
  test_support::TempSqliteFile file("supporter_retention");
  auto db = store::Database::open("sqlite:" + file.string());
  auto c = db->acquire();
  c->execute("CREATE TABLE supporters (id TEXT PRIMARY KEY, active INTEGER NOT NULL, updated_at TEXT NOT NULL, left_on TEXT)");
  for (auto [id, active, at] : {std::tuple{"evening-utc", 0, "2026-05-01T16:00:00.000Z"},
                                {"before-midnight-tokyo", 0, "2026-05-01T14:59:59.000Z"},
                                {"still-active", 1, "2026-05-01T16:00:00.000Z"}})
    c->execute("INSERT INTO supporters (id, active, updated_at) VALUES (?, ?, ?)",
               {std::string(id), std::int64_t{active}, std::string(at)});
  store::migrations::fill_supporters_left_on(*c);
  std::map<std::string, std::optional<std::string>> got;
  for (const auto& r : c->query("SELECT id, left_on FROM supporters")) got[r.text(0)] = r.opt_text(1);
  // 16:00 UTC is 01:00 the next morning in Tokyo.
  EXPECT_EQ(got["evening-utc"], "2026-05-02");
  EXPECT_EQ(got["before-midnight-tokyo"], "2026-05-01");
  EXPECT_EQ(got["still-active"], std::nullopt);
}

TEST(SupporterRetention, CountsFromTheDayTheyStopped) {
  auto today = *domain::parse_iso_date("2031-06-10");
  EXPECT_TRUE(domain::retention_passed(std::string("2026-06-09"), 5, today));
  EXPECT_FALSE(domain::retention_passed(std::string("2026-06-10"), 5, today));
  // No day (still active, or came back): kept whatever the years.
  EXPECT_FALSE(domain::retention_passed(std::nullopt, 1, today));
  const auto& kind = domain::kRetentionKinds.back();
  EXPECT_EQ(kind.kind, domain::RetentionKind::supporters);
  EXPECT_EQ(kind.id, "supporter_years");
}

}  // namespace
}  // namespace tsunagu
