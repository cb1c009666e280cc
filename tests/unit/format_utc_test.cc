// service::format_utc writes its digits itself (it runs several times a
// request); it must give exactly what gmtime_r and snprintf gave, since
// sessions, audit entries and every stored time compare as this text.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>
#include <string>

#include "service/clock.h"

namespace tsunagu::service {
namespace {

std::string the_general_way(TimePoint t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

TimePoint at_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

TEST(FormatUtc, TheSameTextAsGmtimeAndSnprintf) {
  for (std::int64_t ms : {0LL, 999LL, 1000LL, 951782400000LL /* 2000-02-29 */, 1709164799999LL, 1709164800000LL,
                          1798761599999LL /* 2026-12-31T23:59:59.999 */, 1798761600000LL, 4102444800000LL,
                          9200000000000LL /* 2261: near the end of a nanosecond time point */})
    EXPECT_EQ(format_utc(at_ms(ms)), the_general_way(at_ms(ms))) << ms;
  std::mt19937_64 random(20261207);
  std::uniform_int_distribution<std::int64_t> any(0, 9200000000000LL);
  for (int i = 0; i < 200000; ++i) {
    auto t = at_ms(any(random));
    ASSERT_EQ(format_utc(t), the_general_way(t));
  }
  EXPECT_EQ(format_utc(at_ms(1765065600123LL)), "2025-12-07T00:00:00.123Z");
}

TEST(FormatUtc, MicrosecondsAreCutNotRounded) {
  auto t = TimePoint(std::chrono::microseconds(1765065600123999LL));
  EXPECT_EQ(format_utc(t), "2025-12-07T00:00:00.123Z");
}

}  // namespace
}  // namespace tsunagu::service
