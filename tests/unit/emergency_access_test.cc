#include "domain/emergency_access.h"

#include <gtest/gtest.h>


using namespace tsunagu;

TEST(EmergencyAccess, ValidUntilTheExpiryInstantExclusive) {
  const char* expires = "2026-11-23T13:00:00.000Z";
  EXPECT_TRUE(domain::emergency_access_valid("2026-11-23T12:59:59.999Z", expires));
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T13:00:00.000Z", expires));  // at expiry: refused
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T13:00:00.001Z", expires));
  EXPECT_FALSE(domain::emergency_access_valid("", expires));
  EXPECT_FALSE(domain::emergency_access_valid("2026-11-23T12:00:00.000Z", ""));
}

TEST(EmergencyAccess, DurationLimits) {
  EXPECT_TRUE(domain::emergency_access_duration_ok(1));
  EXPECT_TRUE(domain::emergency_access_duration_ok(domain::kEmergencyAccessDefaultSeconds));
  EXPECT_TRUE(domain::emergency_access_duration_ok(domain::kEmergencyAccessMaxSeconds));
  EXPECT_FALSE(domain::emergency_access_duration_ok(domain::kEmergencyAccessMaxSeconds + 1));
  EXPECT_FALSE(domain::emergency_access_duration_ok(0));
  EXPECT_EQ(domain::kEmergencyAccessDefaultSeconds, 4 * 3600);
}
