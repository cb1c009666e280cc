// 謝金 of a supporter's activity (issue 17 point 6): minutes at the
// organisation's hourly rate, rounded to the yen, half up.
#include <gtest/gtest.h>

#include "report/supporter_statement.h"

namespace tsunagu::report {
namespace {

TEST(SupporterPay, HonorariumIsMinutesAtTheHourlyRateRoundedHalfUp) {
  EXPECT_EQ(honorarium_yen(60, 1000), 1000);
  EXPECT_EQ(honorarium_yen(90, 1000), 1500);
  EXPECT_EQ(honorarium_yen(30, 1200), 600);
  EXPECT_EQ(honorarium_yen(1, 1000), 17);   // 16.67 → 17
  EXPECT_EQ(honorarium_yen(1, 1010), 17);   // 16.83 → 17
  EXPECT_EQ(honorarium_yen(1, 990), 17);    // 16.5 → 17 (half up)
  EXPECT_EQ(honorarium_yen(0, 1000), 0);
  EXPECT_EQ(honorarium_yen(45, 0), 0);
}

}  // namespace
}  // namespace tsunagu::report
