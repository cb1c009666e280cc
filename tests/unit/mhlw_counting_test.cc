// The counting rules of the MHLW annual figures (docs/reports/counting-rules.md).
#include <gtest/gtest.h>

#include "domain/age_band.h"
#include "domain/mhlw_counting.h"

using namespace tsunagu::domain;

TEST(MhlwCounting, FiscalYearIsTokyoDays) {
  auto r = fiscal_year_utc_range(2025);
  EXPECT_EQ(r.from, "2025-03-31T15:00:00.000Z");
  EXPECT_EQ(r.to, "2026-03-31T15:00:00.000Z");
  // 31 March 23:59 in Tokyo is still FY2025; 1 April 00:00 is FY2026.
  std::string last = "2026-03-31T14:59:59.999Z", first = "2026-03-31T15:00:00.000Z";
  EXPECT_TRUE(last >= r.from && last < r.to);
  EXPECT_FALSE(first >= r.from && first < r.to);
  EXPECT_EQ(tokyo_day_of_utc(last), (Date{2026, 3, 31}));
  EXPECT_EQ(tokyo_day_of_utc(first), (Date{2026, 4, 1}));
  EXPECT_EQ(fiscal_year_of(*tokyo_day_of_utc(last)), 2025);
  EXPECT_EQ(fiscal_year_of(*tokyo_day_of_utc(first)), 2026);
  EXPECT_EQ(tokyo_day_of_utc("2025-12-31T15:00:00.000Z"), (Date{2026, 1, 1}));
  EXPECT_EQ(tokyo_day_of_utc("garbage"), std::nullopt);
}

TEST(MhlwCounting, EveryContactIsOneKenInItsChannel) {
  EXPECT_EQ(channel_column("電話"), 0u);
  EXPECT_EQ(channel_column("メール"), 1u);
  EXPECT_EQ(channel_column("SNS"), 2u);
  EXPECT_EQ(channel_column("来所"), 3u);
  // Sub-kinds are stored under その他（訪問等）, the fifth column.
  EXPECT_EQ(channel_column("その他（訪問等）"), 4u);
  EXPECT_EQ(channel_column("訪問"), std::nullopt);
}

TEST(MhlwCounting, OnePersonPerSubjectOrPerCaseWithoutOne) {
  EXPECT_EQ(person_key(std::string("p1"), "c1"), person_key(std::string("p1"), "c2"));
  EXPECT_NE(person_key(std::nullopt, "c1"), person_key(std::nullopt, "c2"));
  EXPECT_NE(person_key(std::string("x"), "x"), person_key(std::nullopt, "x"));
}

TEST(MhlwCounting, AgeAtFirstContactOfTheYear) {
  // Born 1985-10-01: 39 at a first contact on 2025-06-01 (30代), though 40
  // by the end of the year — the first contact decides.
  Date birth{1985, 10, 1};
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, Date{2025, 6, 1}), "30代");
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, Date{2025, 10, 1}), "40代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, std::nullopt, Date{2025, 6, 1}), "年齢不明");
  EXPECT_EQ(mhlw_age_band(std::nullopt, std::string_view("60代"), Date{2025, 6, 1}), "50代〜");
  EXPECT_EQ(mhlw_age_band(std::nullopt, std::string_view("不明"), Date{2025, 6, 1}), "年齢不明");
}

TEST(MhlwCounting, ReferralsWithdrawnBeforeAcceptanceDoNotCount) {
  EXPECT_TRUE(referral_counts("依頼", false));
  EXPECT_TRUE(referral_counts("受理", true));
  EXPECT_TRUE(referral_counts("支援中", true));
  EXPECT_TRUE(referral_counts("終了", true));
  EXPECT_TRUE(referral_counts("辞退", false));
  EXPECT_FALSE(referral_counts("取消", false));
  EXPECT_TRUE(referral_counts("取消", true)) << "withdrawn after 受理: the receiver had taken the person on";
}
