// How a person (本人 / 家族) wishes to be contacted and supported (issue 15
// point 1). PRODUCT.md lists no values for these, so they are defined here,
// in the person's own terms: each is a wish the staff honour, never a
// condition for getting support.
//
// The preferred way to be contacted goes with the contact details, sealed
// at rest (service/person_contact.h). The wishes about supporters and the
// way of support are kept as an enumerated list, so that matching a
// supporter (domain/supporter.h, DispatchWishes) can read them from the case.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "domain/enumeration.h"
#include "domain/supporter.h"

namespace tsunagu::domain {

// 連絡方法の希望: the one way the person would most like to be reached.
inline constexpr std::array<std::string_view, 7> kContactPreferenceValues{
    "電話", "ショートメッセージ（SMS）", "メール", "手紙", "訪問", "来所したときに", "家族を通して"};
inline constexpr EnumSpec kContactPreference{"contact_preference", "連絡方法の希望",
                                             kContactPreferenceValues};

// 支援についての希望 (several may apply). The first three are the wishes a
// supporter dispatch reads (同性・同世代・ピア).
inline constexpr std::array<std::string_view, 9> kSupportPreferenceValues{
    "同性の支援者を希望",
    "同世代の支援者を希望",
    "ピアサポーター（経験者）を希望",
    "手紙がよい",
    "電話は控えてほしい",
    "訪問の前に知らせてほしい",
    "家族のいないところで話したい",
    "オンライン・チャットがよい",
    "少人数・静かな場所がよい"};
inline constexpr EnumSpec kSupportPreference{"support_preference", "支援についての希望",
                                             kSupportPreferenceValues};

// The dispatch wishes (同性, 同世代, ピア) that a person's recorded
// preferences express; values not of kSupportPreference are ignored.
DispatchWishes dispatch_wishes_of(std::span<const std::string> preferences);

}  // namespace tsunagu::domain
