// The vocabulary of sharing a case with another organisation: the basis
// recorded on every share (情報共有の根拠) and the parts of a case that may
// be shared.
//
// Each basis opens the share by a different record, so each names the
// request field that must carry it: 本人同意 the consent record, 支援会議
// the meeting (members bound by confidentiality by law), the exception of
// 個人情報保護法 第27条第1項 a written reason.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 3> kSharingBasisValues{
    "本人同意", "支援会議", "個人情報保護法第27条第1項"};
inline constexpr std::array<std::string_view, 3> kSharingBasisLabels{
    "本人同意（記録した同意にもとづく）", "支援会議（法定・同意不要）",
    "個人情報保護法 第27条第1項の例外（理由を記録）"};
inline constexpr EnumSpec kSharingBasis{"sharing_basis", "情報共有の根拠",
                                        kSharingBasisValues,
                                        kSharingBasisLabels};
// The field of a referral that must be given with each basis (same index).
inline constexpr std::array<std::string_view, 3> kSharingBasisRecordField{
    "consent_id", "meeting_id", "basis_reason"};

// Parts of a case that a referral or a meeting may share.
inline constexpr std::array<std::string_view, 4> kSharedPartValues{
    "summary", "contacts", "assessments", "plans"};
inline constexpr std::array<std::string_view, 4> kSharedPartLabels{
    "ケースの概要", "相談・支援記録", "アセスメント", "支援計画"};
inline constexpr EnumSpec kSharedPart{"shared_part", "共有する情報",
                                      kSharedPartValues, kSharedPartLabels};

}  // namespace tsunagu::domain
