// Meetings (会議) and the consent vocabulary that decides what they may share.
//
// The legal basis of a meeting decides whether personal data may be shared
// there without the person's consent. Only 支援会議 (生活困窮者自立支援法
// 第9条 / 社会福祉法 第106条の6) binds its members to confidentiality by law
// and allows sharing without consent; 重層的支援会議 explicitly needs
// consent; the other kinds have no statutory basis of their own, so they
// need consent too (or a separately recorded 個人情報保護法 第27条第1項
// exception, which is not a property of the meeting).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 5> kMeetingKindValues{
    "ケース会議", "事例検討", "支援会議", "重層的支援会議",
    "市町村プラットフォーム連絡会"};
inline constexpr EnumSpec kMeetingKind{"meeting_kind", "会議の種別",
                                       kMeetingKindValues};

// How 本人同意 was given.
inline constexpr std::array<std::string_view, 2> kConsentMethodValues{"口頭",
                                                                      "書面"};
inline constexpr EnumSpec kConsentMethod{"consent_method", "同意の方法",
                                         kConsentMethodValues};

// True if sharing a case's personal data in a meeting of `kind` needs the
// person's recorded consent; false only for 支援会議. nullopt if `kind` is
// not a known meeting kind.
std::optional<bool> meeting_needs_consent(std::string_view kind);

// The two laws under which a 支援会議 is held; one of them must be named,
// because it is what allows sharing without consent.
inline constexpr std::array<std::string_view, 2> kMeetingLegalBasisValues{
    "生活困窮者自立支援法第9条", "社会福祉法第106条の6"};
inline constexpr EnumSpec kMeetingLegalBasis{"meeting_legal_basis", "会議の法的根拠",
                                             kMeetingLegalBasisValues};

enum class MeetingBasisCheck {
  kOk,
  kUnknownKind,      // not one of kMeetingKind
  kBasisRequired,    // a 支援会議 without its law
  kUnknownBasis,     // not one of kMeetingLegalBasis
  kBasisNotAllowed,  // a law named for a kind that has none of its own
};
// Whether `legal_basis` (absent: nullopt) fits a meeting of `kind`.
MeetingBasisCheck check_meeting_basis(std::string_view kind,
                                      std::optional<std::string_view> legal_basis);

// May the parts of a case be shared with the participants of a meeting of
// `kind`? Without consent only in a 支援会議; with an active consent that
// covers them in every kind. False for an unknown kind.
bool may_share_in_meeting(std::string_view kind, bool has_active_consent);

enum class MeetingReferralCheck {
  kAllowed,
  kNotSupportMeeting,      // the meeting is not a 支援会議
  kCaseNotDiscussed,       // the case was not discussed in it
  kReceiverNotParticipant, // the receiving organisation was not there
  kPartNotShared,          // a part the meeting did not share
};
// Whether a referral may rest on a meeting as its sharing basis: only a
// 支援会議 that discussed the case, that the receiving organisation took part
// in, and only for parts that were shared there.
MeetingReferralCheck check_meeting_referral(std::string_view kind, bool case_discussed,
                                            bool receiver_participated,
                                            bool parts_within_shared);

}  // namespace tsunagu::domain
