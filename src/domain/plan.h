// Vocabulary of a support plan (支援計画).
//
// Goals sit on three axes of independence, never on employment alone
// (PRODUCT.md principle 4), and are written in the person's own words; the
// consent state records whether the person agreed to them.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 3> kPlanAxisValues{
    "日常生活自立", "社会生活自立", "経済的自立"};
inline constexpr EnumSpec kPlanAxis{"plan_axis", "自立の軸", kPlanAxisValues};

inline constexpr std::array<std::string_view, 3> kPlanTermValues{"短期", "中期",
                                                                 "長期"};
inline constexpr EnumSpec kPlanTerm{"plan_term", "目標の期間", kPlanTermValues};

// 未確認 is the normal state of a plan drafted before 本人 was met.
inline constexpr std::array<std::string_view, 4> kPlanConsentValues{
    "未確認", "同意", "一部同意", "不同意"};
inline constexpr EnumSpec kPlanConsent{"plan_consent", "本人の同意",
                                       kPlanConsentValues};

}  // namespace tsunagu::domain
