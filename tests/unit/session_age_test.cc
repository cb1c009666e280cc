// When a session ends and when it is touched (service/sessions.h): one rule
// for the read of the session and for a read that starts from memory
// (service/remembered_rows.h), which only a session in use may do.
#include <gtest/gtest.h>

#include <chrono>

#include "service/clock.h"
#include "service/sessions.h"

namespace tsunagu::service {
namespace {

using namespace std::chrono_literals;

SessionAge age(std::chrono::seconds since_sign_in, std::chrono::seconds since_seen, SessionLimits limits = {}) {
  TimePoint now;
  EXPECT_TRUE(parse_utc("2026-12-07T03:00:00.000Z", now));
  return session_age(limits, format_utc(now - since_sign_in), format_utc(now - since_seen), now);
}

TEST(SessionAge, InUseUntilAMinuteHasPassedSinceItWasLastTouched) {
  EXPECT_EQ(age(10min, 0s), SessionAge::current);
  EXPECT_EQ(age(10min, 59s), SessionAge::current);
  EXPECT_EQ(age(10min, 61s), SessionAge::touch_due);
}

TEST(SessionAge, ShortIdleLimitsAreTouchedSooner) {
  SessionLimits limits;
  limits.idle = 40s;  // a quarter: 10 s
  EXPECT_EQ(age(1min, 9s, limits), SessionAge::current);
  EXPECT_EQ(age(1min, 11s, limits), SessionAge::touch_due);
  EXPECT_EQ(age(1min, 41s, limits), SessionAge::expired);
}

TEST(SessionAge, EndsAfterTheIdleOrTheAbsoluteLimit) {
  SessionLimits limits;  // 30 min idle, 12 h absolute
  EXPECT_EQ(age(1h, 29min, limits), SessionAge::touch_due);
  EXPECT_EQ(age(1h, 31min, limits), SessionAge::expired);
  EXPECT_EQ(age(11h, 0s, limits), SessionAge::current);
  EXPECT_EQ(age(12h + 1s, 0s, limits), SessionAge::expired) << "in use, but signed in too long ago";
}

}  // namespace
}  // namespace tsunagu::service
