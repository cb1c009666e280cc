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

}  // namespace tsunagu::domain
