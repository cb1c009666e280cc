#include "domain/list_row_cells.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

using YM = std::pair<int, int>;

TEST(BirthMonth, WesternForms) {
  EXPECT_EQ(birth_month_of("1985-04"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("1985/4"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("1985/4/1"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("1985年4月"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("1985年4月1日"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("1985.12"), YM(1985, 12));
}

// 元年 is the era's first year: 平成元年 = 1989, 令和元年 = 2019.
TEST(BirthMonth, JapaneseEras) {
  EXPECT_EQ(birth_month_of("平成2年3月"), YM(1990, 3));
  EXPECT_EQ(birth_month_of("昭和60年4月1日"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("S60.4"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("s60.4"), YM(1985, 4));
  EXPECT_EQ(birth_month_of("R1.5"), YM(2019, 5));
  EXPECT_EQ(birth_month_of("令和元年5月"), YM(2019, 5));
  EXPECT_EQ(birth_month_of("H31.4"), YM(2019, 4));
  EXPECT_EQ(birth_month_of("平成元年1月"), YM(1989, 1));
  EXPECT_EQ(birth_month_of("大正15年12月"), YM(1926, 12));
}

TEST(BirthMonth, RefusesWhatIsNoMonth) {
  EXPECT_FALSE(birth_month_of(""));
  EXPECT_FALSE(birth_month_of("1990-13"));
  EXPECT_FALSE(birth_month_of("1990-0"));
  EXPECT_FALSE(birth_month_of("平成32年1月"));  // 平成 ended in its 31st year
  EXPECT_FALSE(birth_month_of("昭和65年1月"));
  EXPECT_FALSE(birth_month_of("H0.4"));
  EXPECT_FALSE(birth_month_of("85/4"));  // a two-digit year says no century
  EXPECT_FALSE(birth_month_of("1985"));
  EXPECT_FALSE(birth_month_of("1985/4x"));
  EXPECT_FALSE(birth_month_of("X60.4"));
}

TEST(SurveyAgeBand, BandsAndAges) {
  EXPECT_EQ(survey_age_band_of("40代"), "40代");
  EXPECT_EQ(survey_age_band_of("40歳代"), "40代");
  EXPECT_EQ(survey_age_band_of("40歳"), "40代");
  EXPECT_EQ(survey_age_band_of("47歳"), "40代");  // an age gives its band
  EXPECT_EQ(survey_age_band_of("40"), "40代");
  EXPECT_EQ(survey_age_band_of("10代"), "10代");
  EXPECT_EQ(survey_age_band_of("70代以上"), "70代以上");
  EXPECT_EQ(survey_age_band_of("70歳以上"), "70代以上");
  EXPECT_EQ(survey_age_band_of("80代"), "70代以上");
  EXPECT_EQ(survey_age_band_of("分からない"), "分からない");
  EXPECT_EQ(survey_age_band_of("不明"), "分からない");
  EXPECT_FALSE(survey_age_band_of("45代"));
  EXPECT_FALSE(survey_age_band_of("9歳"));
  EXPECT_FALSE(survey_age_band_of("60歳以上"));  // 60代 and 70代以上 together
  EXPECT_FALSE(survey_age_band_of("中年"));
  EXPECT_FALSE(survey_age_band_of("40代前半"));
}

TEST(SurveyGender, OneCharacterForms) {
  EXPECT_EQ(survey_gender_of("男"), "男性");
  EXPECT_EQ(survey_gender_of("女"), "女性");
  EXPECT_EQ(survey_gender_of("不明"), "分からない");
  EXPECT_EQ(survey_gender_of("その他"), "その他");
  EXPECT_EQ(survey_gender_of("M"), "M");
}

}  // namespace
}  // namespace tsunagu::domain
