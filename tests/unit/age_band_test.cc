#include "domain/age_band.h"

#include <gtest/gtest.h>

#include "domain/fiscal_year.h"

namespace tsunagu::domain {
namespace {

TEST(AgeOn, BirthdayGivesNewAge) {
  EXPECT_EQ(age_on({1985, 10, 10}, {2025, 10, 9}), 39);
  EXPECT_EQ(age_on({1985, 10, 10}, {2025, 10, 10}), 40);
  EXPECT_EQ(age_on({1985, 10, 10}, {1985, 10, 10}), 0);
  EXPECT_EQ(age_on({1985, 10, 10}, {1985, 10, 9}), std::nullopt);
}

TEST(AgeOn, BornOn1AprilIsOlderOn1April) {
  // The law completes the year at the end of 31 March; during 1 April the
  // person has the new age.
  EXPECT_EQ(age_on({2019, 4, 1}, {2025, 3, 31}), 5);
  EXPECT_EQ(age_on({2019, 4, 1}, {2025, 4, 1}), 6);
}

TEST(AgeOn, BornOn29February) {
  const Date birth{2004, 2, 29};
  // Non-leap year: the year completes at the end of 28 February, so the new
  // age holds from 1 March.
  EXPECT_EQ(age_on(birth, {2021, 2, 28}), 16);
  EXPECT_EQ(age_on(birth, {2021, 3, 1}), 17);
  // Leap year: from 29 February.
  EXPECT_EQ(age_on(birth, {2024, 2, 28}), 19);
  EXPECT_EQ(age_on(birth, {2024, 2, 29}), 20);
}

TEST(MhlwAgeBand, ForAge) {
  EXPECT_EQ(mhlw_age_band_for_age(0), "〜10代");
  EXPECT_EQ(mhlw_age_band_for_age(19), "〜10代");
  EXPECT_EQ(mhlw_age_band_for_age(20), "20代");
  EXPECT_EQ(mhlw_age_band_for_age(29), "20代");
  EXPECT_EQ(mhlw_age_band_for_age(30), "30代");
  EXPECT_EQ(mhlw_age_band_for_age(39), "30代");
  EXPECT_EQ(mhlw_age_band_for_age(40), "40代");
  EXPECT_EQ(mhlw_age_band_for_age(49), "40代");
  EXPECT_EQ(mhlw_age_band_for_age(50), "50代〜");
  EXPECT_EQ(mhlw_age_band_for_age(88), "50代〜");
}

TEST(PersonAgeBand, ForAge) {
  EXPECT_EQ(person_age_band_for_age(9), "10歳未満");
  EXPECT_EQ(person_age_band_for_age(10), "10代");
  EXPECT_EQ(person_age_band_for_age(45), "40代");
  EXPECT_EQ(person_age_band_for_age(89), "80代");
  EXPECT_EQ(person_age_band_for_age(90), "90代以上");
  EXPECT_EQ(person_age_band_for_age(104), "90代以上");
}

TEST(MhlwAgeBand, PersonTurning40DuringTheFiscalYear) {
  // Turns 40 on 2025-10-10, inside FY2025. The report counts the band at the
  // first contact of the fiscal year, so it depends on when that was.
  const Date birth{1985, 10, 10};
  ASSERT_EQ(fiscal_year_of({2025, 10, 10}), 2025);
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, {2025, 4, 1}), "30代");
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, {2025, 10, 9}), "30代");
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, {2025, 10, 10}), "40代");
  EXPECT_EQ(mhlw_age_band(birth, std::nullopt, {2026, 3, 31}), "40代");
}

TEST(MhlwAgeBand, BirthDateWinsOverStoredBand) {
  EXPECT_EQ(mhlw_age_band(Date{1990, 1, 1}, "50代", {2025, 4, 1}), "30代");
}

TEST(MhlwAgeBand, StoredBandOnly) {
  const Date on{2025, 6, 1};
  EXPECT_EQ(mhlw_age_band(std::nullopt, "40代", on), "40代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "10歳未満", on), "〜10代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "10代", on), "〜10代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "20代", on), "20代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "30代", on), "30代");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "50代", on), "50代〜");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "60代", on), "50代〜");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "90代以上", on), "50代〜");
  // MHLW bands themselves, e.g. from an imported ledger.
  EXPECT_EQ(mhlw_age_band(std::nullopt, "50代〜", on), "50代〜");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "〜10代", on), "〜10代");
}

TEST(MhlwAgeBand, Unknown) {
  const Date on{2025, 6, 1};
  EXPECT_EQ(mhlw_age_band(std::nullopt, std::nullopt, on), "年齢不明");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "不明", on), "年齢不明");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "四十代", on), "年齢不明");
  EXPECT_EQ(mhlw_age_band(std::nullopt, "", on), "年齢不明");
  // A birth date after the contact is a data error: fall back, here to unknown.
  EXPECT_EQ(mhlw_age_band(Date{2030, 1, 1}, std::nullopt, on), "年齢不明");
  EXPECT_EQ(mhlw_age_band(Date{2030, 1, 1}, "20代", on), "20代");
}

TEST(MhlwAgeBand, EveryResultIsAnEnumValue) {
  for (int age = 0; age < 120; ++age) {
    EXPECT_TRUE(kMhlwAgeBand.contains(mhlw_age_band_for_age(age)));
    EXPECT_TRUE(kPersonAgeBand.contains(person_age_band_for_age(age)));
  }
  for (std::string_view band : kPersonAgeBandValues) {
    EXPECT_TRUE(kMhlwAgeBand.contains(mhlw_age_band(std::nullopt, band, {2025, 1, 1})));
  }
}

}  // namespace
}  // namespace tsunagu::domain
