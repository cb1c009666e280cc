#include "domain/fiscal_year.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(FiscalYear, BoundaryBetween31MarchAnd1April) {
  EXPECT_EQ(fiscal_year_of({2025, 3, 31}), 2024);
  EXPECT_EQ(fiscal_year_of({2025, 4, 1}), 2025);
  EXPECT_EQ(fiscal_year_of({2025, 12, 31}), 2025);
  EXPECT_EQ(fiscal_year_of({2026, 1, 1}), 2025);
  EXPECT_EQ(fiscal_year_of({2026, 3, 31}), 2025);
  EXPECT_EQ(fiscal_year_of({2024, 2, 29}), 2023);
}

TEST(FiscalYear, FirstAndLastDay) {
  EXPECT_EQ(fiscal_year_first_day(2025), (Date{2025, 4, 1}));
  EXPECT_EQ(fiscal_year_last_day(2025), (Date{2026, 3, 31}));
  EXPECT_EQ(fiscal_year_of(fiscal_year_first_day(2019)), 2019);
  EXPECT_EQ(fiscal_year_of(fiscal_year_last_day(2019)), 2019);
  EXPECT_EQ(fiscal_year_of(add_days(fiscal_year_last_day(2019), 1)), 2020);
}

TEST(FiscalYear, InFiscalYear) {
  EXPECT_TRUE(in_fiscal_year({2025, 4, 1}, 2025));
  EXPECT_TRUE(in_fiscal_year({2026, 3, 31}, 2025));
  EXPECT_FALSE(in_fiscal_year({2025, 3, 31}, 2025));
  EXPECT_FALSE(in_fiscal_year({2026, 4, 1}, 2025));
}

TEST(FiscalYear, WarekiLabels) {
  EXPECT_EQ(wareki_fiscal_year_label(2025), "令和7年度");
  EXPECT_EQ(wareki_fiscal_year_label(2020), "令和2年度");
  // FY2019 began under 平成31年 but is called 令和元年度.
  EXPECT_EQ(wareki_fiscal_year_label(2019), "令和元年度");
  EXPECT_EQ(wareki_fiscal_year_label(2018), "平成30年度");
  EXPECT_EQ(wareki_fiscal_year_label(1990), "平成2年度");
  EXPECT_EQ(wareki_fiscal_year_label(1989), "平成元年度");
  EXPECT_EQ(wareki_fiscal_year_label(1988), "昭和63年度");
  EXPECT_EQ(wareki_fiscal_year_label(1927), "昭和2年度");
  EXPECT_EQ(wareki_fiscal_year_label(1926), std::nullopt);
}

TEST(FiscalYear, FullLabel) {
  EXPECT_EQ(fiscal_year_label(2025), "2025年度（令和7年度）");
  EXPECT_EQ(fiscal_year_label(2019), "2019年度（令和元年度）");
  EXPECT_EQ(fiscal_year_label(2018), "2018年度（平成30年度）");
  EXPECT_EQ(fiscal_year_label(1926), "1926年度");
}

TEST(FiscalYear, LabelOfTheDayBeforeAndAfterTheBoundary) {
  EXPECT_EQ(fiscal_year_label(fiscal_year_of({2019, 3, 31})),
            "2018年度（平成30年度）");
  EXPECT_EQ(fiscal_year_label(fiscal_year_of({2019, 4, 1})),
            "2019年度（令和元年度）");
}

}  // namespace
}  // namespace tsunagu::domain
