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

namespace tsunagu::domain {
namespace {

TEST(MeetingBasis, SupportMeetingNeedsOneOfTheTwoLaws) {
  EXPECT_EQ(check_meeting_basis("支援会議", std::nullopt), MeetingBasisCheck::kBasisRequired);
  EXPECT_EQ(check_meeting_basis("支援会議", "生活困窮者自立支援法第9条"), MeetingBasisCheck::kOk);
  EXPECT_EQ(check_meeting_basis("支援会議", "社会福祉法第106条の6"), MeetingBasisCheck::kOk);
  // Written differently (spaces, full-width digits) is not the law's name.
  EXPECT_EQ(check_meeting_basis("支援会議", "生活困窮者自立支援法 第9条"), MeetingBasisCheck::kUnknownBasis);
  EXPECT_EQ(check_meeting_basis("支援会議", "社会福祉法第１０６条の６"), MeetingBasisCheck::kUnknownBasis);
}

TEST(MeetingBasis, OtherKindsNameNoLaw) {
  for (auto kind : {"ケース会議", "事例検討", "重層的支援会議", "市町村プラットフォーム連絡会"}) {
    EXPECT_EQ(check_meeting_basis(kind, std::nullopt), MeetingBasisCheck::kOk) << kind;
    EXPECT_EQ(check_meeting_basis(kind, "社会福祉法第106条の6"), MeetingBasisCheck::kBasisNotAllowed) << kind;
  }
  EXPECT_EQ(check_meeting_basis("会議", std::nullopt), MeetingBasisCheck::kUnknownKind);
}

TEST(MayShareInMeeting, ConsentDecidesExceptInSupportMeeting) {
  EXPECT_TRUE(may_share_in_meeting("支援会議", false));
  EXPECT_TRUE(may_share_in_meeting("支援会議", true));
  EXPECT_FALSE(may_share_in_meeting("重層的支援会議", false));
  EXPECT_TRUE(may_share_in_meeting("重層的支援会議", true));
  EXPECT_FALSE(may_share_in_meeting("ケース会議", false));
  EXPECT_TRUE(may_share_in_meeting("ケース会議", true));
  EXPECT_FALSE(may_share_in_meeting("不明な会議", true));
}

TEST(MeetingReferral, OnlyASupportMeetingThatDiscussedTheCaseWithTheReceiver) {
  EXPECT_EQ(check_meeting_referral("支援会議", true, true, true), MeetingReferralCheck::kAllowed);
  EXPECT_EQ(check_meeting_referral("重層的支援会議", true, true, true), MeetingReferralCheck::kNotSupportMeeting);
  EXPECT_EQ(check_meeting_referral("ケース会議", true, true, true), MeetingReferralCheck::kNotSupportMeeting);
  EXPECT_EQ(check_meeting_referral("支援会議", false, true, true), MeetingReferralCheck::kCaseNotDiscussed);
  EXPECT_EQ(check_meeting_referral("支援会議", true, false, true), MeetingReferralCheck::kReceiverNotParticipant);
  EXPECT_EQ(check_meeting_referral("支援会議", true, true, false), MeetingReferralCheck::kPartNotShared);
}

}  // namespace
}  // namespace tsunagu::domain
