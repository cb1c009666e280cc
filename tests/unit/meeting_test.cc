#include "domain/meeting.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(MeetingNeedsConsent, OnlySupportMeetingSharesWithoutConsent) {
  EXPECT_EQ(meeting_needs_consent("支援会議"), false);
  EXPECT_EQ(meeting_needs_consent("重層的支援会議"), true);
  EXPECT_EQ(meeting_needs_consent("ケース会議"), true);
  EXPECT_EQ(meeting_needs_consent("事例検討"), true);
  EXPECT_EQ(meeting_needs_consent("市町村プラットフォーム連絡会"), true);
}

TEST(MeetingNeedsConsent, UnknownKind) {
  EXPECT_EQ(meeting_needs_consent("会議"), std::nullopt);
  EXPECT_EQ(meeting_needs_consent(""), std::nullopt);
}

TEST(ConsentMethod, Values) {
  EXPECT_TRUE(kConsentMethod.contains("口頭"));
  EXPECT_TRUE(kConsentMethod.contains("書面"));
  EXPECT_FALSE(kConsentMethod.contains("メール"));
}

}  // namespace
}  // namespace tsunagu::domain
