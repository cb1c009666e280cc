#include "domain/duration_band.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(DurationBand, MonthBoundaries) {
  EXPECT_EQ(duration_band_for_months(-3), "6か月未満");
  EXPECT_EQ(duration_band_for_months(0), "6か月未満");
  EXPECT_EQ(duration_band_for_months(5), "6か月未満");
  EXPECT_EQ(duration_band_for_months(6), "6か月～1年未満");
  EXPECT_EQ(duration_band_for_months(11), "6か月～1年未満");
  EXPECT_EQ(duration_band_for_months(12), "1年～2年未満");
  EXPECT_EQ(duration_band_for_months(23), "1年～2年未満");
  EXPECT_EQ(duration_band_for_months(24), "2年～3年未満");
  EXPECT_EQ(duration_band_for_months(35), "2年～3年未満");
  EXPECT_EQ(duration_band_for_months(36), "3年～5年未満");
  EXPECT_EQ(duration_band_for_months(59), "3年～5年未満");
  EXPECT_EQ(duration_band_for_months(60), "5年～7年未満");
  EXPECT_EQ(duration_band_for_months(83), "5年～7年未満");
  EXPECT_EQ(duration_band_for_months(84), "7年～10年未満");
  EXPECT_EQ(duration_band_for_months(119), "7年～10年未満");
  EXPECT_EQ(duration_band_for_months(120), "10年以上");
  EXPECT_EQ(duration_band_for_months(500), "10年以上");
}

TEST(DurationBand, BetweenDates) {
  EXPECT_EQ(duration_band_between({2024, 3, 1}, {2024, 8, 31}), "6か月未満");
  EXPECT_EQ(duration_band_between({2024, 3, 1}, {2024, 9, 1}), "6か月～1年未満");
  EXPECT_EQ(duration_band_between({2024, 8, 31}, {2025, 2, 28}),
            "6か月～1年未満");
  EXPECT_EQ(duration_band_between({2015, 4, 1}, {2025, 3, 31}), "7年～10年未満");
  EXPECT_EQ(duration_band_between({2015, 4, 1}, {2025, 4, 1}), "10年以上");
  EXPECT_EQ(duration_band_between({2025, 4, 2}, {2025, 4, 1}), std::nullopt);
}

TEST(DurationBand, SixMonthsOrMore) {
  EXPECT_EQ(band_is_six_months_or_more("6か月未満"), false);
  for (std::size_t i = 1; i < kDurationBandValues.size(); ++i) {
    EXPECT_EQ(band_is_six_months_or_more(kDurationBandValues[i]), true);
  }
  EXPECT_EQ(band_is_six_months_or_more("半年"), std::nullopt);
}

}  // namespace
}  // namespace tsunagu::domain
