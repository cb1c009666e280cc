#include "domain/retention.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

Date d(int y, int m, int day) { return Date{y, m, day}; }

TEST(Retention, CutoffIsTheSameDayYearsBefore) {
  EXPECT_EQ(retention_cutoff(d(2031, 6, 10), 5), d(2026, 6, 10));
  // 29 Feb has no twin five years before: the last day of February.
  EXPECT_EQ(retention_cutoff(d(2032, 2, 29), 5), d(2027, 2, 28));
}

TEST(Retention, PassedOnlyBeforeTheCutoff) {
  auto today = d(2031, 6, 10);
  EXPECT_TRUE(retention_passed("2026-06-09", 5, today));
  EXPECT_FALSE(retention_passed("2026-06-10", 5, today));
  EXPECT_FALSE(retention_passed("2030-01-01", 5, today));
}

TEST(Retention, NoSettingNoDayOrABadDayKeeps) {
  auto today = d(2031, 6, 10);
  EXPECT_FALSE(retention_passed("2000-01-01", std::nullopt, today));
  EXPECT_FALSE(retention_passed(std::nullopt, 5, today));
  EXPECT_FALSE(retention_passed("2000-13-01", 5, today));
}

TEST(Retention, YearsBounds) {
  EXPECT_FALSE(valid_retention_years(0));
  EXPECT_TRUE(valid_retention_years(1));
  EXPECT_TRUE(valid_retention_years(kDefaultRetentionYears));
  EXPECT_TRUE(valid_retention_years(100));
  EXPECT_FALSE(valid_retention_years(101));
}

}  // namespace
}  // namespace tsunagu::domain
