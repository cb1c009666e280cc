#include "domain/staff_load.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

Date d(const char* s) { return *parse_iso_date(s); }

TEST(StaffLoad, DaysSinceCountsCalendarDays) {
  EXPECT_EQ(days_since(d("2026-11-23"), d("2026-11-23")), 0);
  EXPECT_EQ(days_since(d("2026-02-28"), d("2026-03-01")), 1);
  EXPECT_EQ(days_since(d("2024-02-28"), d("2024-03-01")), 2);  // leap year
  EXPECT_EQ(days_since(d("2026-11-24"), d("2026-11-23")), -1);
}

TEST(StaffLoad, WithoutContactFromTheNthDay) {
  // N = 60: 59 days ago is still in touch, 60 days ago is flagged.
  EXPECT_FALSE(without_contact(d("2026-09-25"), d("2026-11-23"), 60));
  EXPECT_TRUE(without_contact(d("2026-09-24"), d("2026-11-23"), 60));
  EXPECT_FALSE(without_contact(d("2026-11-23"), d("2026-11-23"), 7));
}

TEST(StaffLoad, ReviewDayItselfIsOnTime) {
  EXPECT_FALSE(review_overdue(d("2026-11-23"), d("2026-11-23")));
  EXPECT_TRUE(review_overdue(d("2026-11-22"), d("2026-11-23")));
  EXPECT_FALSE(review_overdue(d("2027-01-01"), d("2026-11-23")));
}

TEST(StaffLoad, NoContactDaysLimits) {
  EXPECT_FALSE(valid_no_contact_days(kMinNoContactDays - 1));
  EXPECT_TRUE(valid_no_contact_days(kMinNoContactDays));
  EXPECT_TRUE(valid_no_contact_days(kDefaultNoContactDays));
  EXPECT_TRUE(valid_no_contact_days(kMaxNoContactDays));
  EXPECT_FALSE(valid_no_contact_days(kMaxNoContactDays + 1));
}

}  // namespace
}  // namespace tsunagu::domain
