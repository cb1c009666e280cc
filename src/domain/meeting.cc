#include "domain/meeting.h"

namespace tsunagu::domain {

std::optional<bool> meeting_needs_consent(std::string_view kind) {
  if (!kMeetingKind.contains(kind)) return std::nullopt;
  return kind != "支援会議";
}

MeetingBasisCheck check_meeting_basis(std::string_view kind,
                                      std::optional<std::string_view> legal_basis) {
  auto needs_consent = meeting_needs_consent(kind);
  if (!needs_consent) return MeetingBasisCheck::kUnknownKind;
  if (*needs_consent) {
    return legal_basis ? MeetingBasisCheck::kBasisNotAllowed : MeetingBasisCheck::kOk;
  }
  if (!legal_basis) return MeetingBasisCheck::kBasisRequired;
  if (!kMeetingLegalBasis.contains(*legal_basis)) return MeetingBasisCheck::kUnknownBasis;
  return MeetingBasisCheck::kOk;
}

bool may_share_in_meeting(std::string_view kind, bool has_active_consent) {
  auto needs_consent = meeting_needs_consent(kind);
  if (!needs_consent) return false;
  return !*needs_consent || has_active_consent;
}

MeetingReferralCheck check_meeting_referral(std::string_view kind, bool case_discussed,
                                            bool receiver_participated,
                                            bool parts_within_shared) {
  if (kind != "支援会議") return MeetingReferralCheck::kNotSupportMeeting;
  if (!case_discussed) return MeetingReferralCheck::kCaseNotDiscussed;
  if (!receiver_participated) return MeetingReferralCheck::kReceiverNotParticipant;
  if (!parts_within_shared) return MeetingReferralCheck::kPartNotShared;
  return MeetingReferralCheck::kAllowed;
}

}  // namespace tsunagu::domain
