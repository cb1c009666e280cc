#include "domain/date.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(Date, LeapYears) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2025));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2025, 2), 28);
  EXPECT_EQ(days_in_month(2025, 4), 30);
  EXPECT_EQ(days_in_month(2025, 13), 0);
}

TEST(Date, Validity) {
  EXPECT_TRUE(is_valid({2024, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 2, 29}));
  EXPECT_FALSE(is_valid({1900, 2, 29}));
  EXPECT_TRUE(is_valid({2000, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 4, 31}));
  EXPECT_FALSE(is_valid({2025, 0, 1}));
  EXPECT_FALSE(is_valid({2025, 1, 0}));
  EXPECT_FALSE(is_valid({0, 1, 1}));
  EXPECT_FALSE(is_valid({10000, 1, 1}));
}

TEST(Date, ParseIso) {
  EXPECT_EQ(parse_iso_date("2025-04-01"), (Date{2025, 4, 1}));
  EXPECT_EQ(parse_iso_date("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(parse_iso_date("2025-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2025-4-1"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2025/04/01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2025-04-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_iso_date(" 2025-04-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("２０２５-04-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("+025-04-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date(""), std::nullopt);
  EXPECT_EQ(parse_iso_date("0000-01-01"), std::nullopt);
}

TEST(Date, FormatRoundTrip) {
  EXPECT_EQ(format_iso_date({2025, 4, 1}), "2025-04-01");
  EXPECT_EQ(format_iso_date({987, 12, 31}), "0987-12-31");
  EXPECT_EQ(parse_iso_date(format_iso_date({2024, 2, 29})), (Date{2024, 2, 29}));
}

TEST(Date, DaysSinceEpoch) {
  EXPECT_EQ(days_since_epoch({1970, 1, 1}), 0);
  EXPECT_EQ(days_since_epoch({2000, 3, 1}), 11017);
  EXPECT_EQ(days_since_epoch({1969, 12, 31}), -1);
  for (std::int64_t d = -1000; d < 30000; d += 37) {
    EXPECT_EQ(days_since_epoch(date_from_days(d)), d);
  }
  EXPECT_EQ(add_days({2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_days({2025, 2, 28}, 1), (Date{2025, 3, 1}));
  EXPECT_EQ(add_days({2025, 1, 1}, -1), (Date{2024, 12, 31}));
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(add_months({2024, 8, 31}, 6), (Date{2025, 2, 28}));
  EXPECT_EQ(add_months({2023, 8, 31}, 6), (Date{2024, 2, 29}));
  EXPECT_EQ(add_months({2025, 1, 31}, 1), (Date{2025, 2, 28}));
  EXPECT_EQ(add_months({2025, 3, 31}, -1), (Date{2025, 2, 28}));
  EXPECT_EQ(add_months({2025, 1, 15}, -1), (Date{2024, 12, 15}));
  EXPECT_EQ(add_months({2025, 1, 15}, -13), (Date{2023, 12, 15}));
  EXPECT_EQ(add_months({2025, 11, 30}, 2), (Date{2026, 1, 30}));
}

TEST(Date, FullMonthsBetween) {
  EXPECT_EQ(full_months_between({2024, 3, 1}, {2024, 8, 31}), 5);
  EXPECT_EQ(full_months_between({2024, 3, 1}, {2024, 9, 1}), 6);
  EXPECT_EQ(full_months_between({2024, 8, 31}, {2025, 2, 27}), 5);
  EXPECT_EQ(full_months_between({2024, 8, 31}, {2025, 2, 28}), 6);
  EXPECT_EQ(full_months_between({2023, 8, 31}, {2024, 2, 28}), 5);
  EXPECT_EQ(full_months_between({2023, 8, 31}, {2024, 2, 29}), 6);
  EXPECT_EQ(full_months_between({2025, 1, 31}, {2025, 3, 1}), 1);
  EXPECT_EQ(full_months_between({2025, 5, 5}, {2025, 5, 5}), 0);
  EXPECT_EQ(full_months_between({2025, 5, 5}, {2025, 5, 4}), 0);
  EXPECT_EQ(full_months_between({2015, 4, 1}, {2025, 4, 1}), 120);
}

}  // namespace
}  // namespace tsunagu::domain
