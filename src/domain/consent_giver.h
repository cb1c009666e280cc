// Whose consent it is (issue 15 point 2; PRODUCT.md "sharing basis").
//
// 本人同意 is 本人's own consent, or a 法定代理人's within their basis (a
// parent of a minor 本人, a 成年後見人 …). A family member's consent —
// a mother who calls about her son — covers what she said about herself,
// never 本人's information: it is recorded, but it opens no sharing of the
// case. When 本人 does not know about the consultation (本人の認知
// 「知らない」), 本人 cannot have consented; then only a 支援会議's legal
// basis or 個人情報保護法 第27条第1項 (with its reason) remain, or a legal
// representative's consent.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 3> kConsentGiverValues{"本人", "家族", "法定代理人"};
inline constexpr EnumSpec kConsentGiver{"consent_giver", "同意した人", kConsentGiverValues};

// The basis of a legal representative's authority.
inline constexpr std::array<std::string_view, 6> kRepresentativeBasisValues{
    "親権者（本人が未成年）", "未成年後見人", "成年後見人", "保佐人（代理権の範囲）", "補助人（代理権の範囲）", "任意後見人"};
inline constexpr EnumSpec kRepresentativeBasis{"representative_basis", "法定代理人の根拠",
                                               kRepresentativeBasisValues};

// Whether a consent by `giver` is a basis for sharing 本人's information.
constexpr bool covers_subject_information(std::string_view giver) {
  return giver == "本人" || giver == "法定代理人";
}

// Why a consent cannot be a 本人同意 basis for sharing a case whose 本人の
// 認知 is `awareness`, or nullopt when it can. Japanese, for the refusal.
std::optional<std::string_view> consent_basis_refusal(std::string_view giver, std::string_view awareness);

// The giver of a consent recorded before givers were recorded, from its
// free text: only exactly 「本人」 (spaces ignored) was 本人; anything else
// (母, 父, 姉 …) was someone else and is 家族 — honestly no longer 本人同意.
std::string_view giver_of_old_consent(std::string_view given_by);

}  // namespace tsunagu::domain
