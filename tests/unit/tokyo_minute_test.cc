// service::tokyo_minute_of: a dispatch's times are Tokyo wall-clock text
// ("YYYY-MM-DDTHH:MM"), compared as text with now in the same form.
#include <gtest/gtest.h>

#include "service/clock.h"

namespace tsunagu::service {
namespace {

TimePoint at(const std::string& utc) {
  TimePoint t;
  EXPECT_TRUE(parse_utc(utc, t)) << utc;
  return t;
}

TEST(TokyoMinute, NineHoursAheadOfUtcAcrossTheDayMonthAndYear) {
  EXPECT_EQ(tokyo_minute_of(at("2026-12-07T06:05:59.999Z")), "2026-12-07T15:05");
  // 15:00 UTC is midnight in Tokyo: the first minutes of a Tokyo day.
  EXPECT_EQ(tokyo_minute_of(at("2026-12-07T14:59:59.999Z")), "2026-12-07T23:59");
  EXPECT_EQ(tokyo_minute_of(at("2026-12-07T15:00:20.000Z")), "2026-12-08T00:00");
  EXPECT_EQ(tokyo_minute_of(at("2026-03-31T15:30:00.000Z")), "2026-04-01T00:30");
  EXPECT_EQ(tokyo_minute_of(at("2026-12-31T15:01:00.000Z")), "2027-01-01T00:01");
  EXPECT_EQ(tokyo_minute_of(at("2028-02-28T15:00:00.000Z")), "2028-02-29T00:00");
}

}  // namespace
}  // namespace tsunagu::service
