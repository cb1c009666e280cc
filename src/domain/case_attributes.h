// Descriptive fields of a support case (支援ケース) other than its status.
//
// A case may start long before 本人 is met, usually through a family member
// (PRODUCT.md principle 2), so how it came in and whether 本人 knows about the
// consultation are first-class fields rather than notes.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// How the case came in (経路).
inline constexpr std::array<std::string_view, 7> kIntakeRouteValues{
    "本人", "家族", "関係機関", "民生委員", "地域住民", "学校", "その他"};
inline constexpr EnumSpec kIntakeRoute{"intake_route", "相談経路",
                                       kIntakeRouteValues};

// Whether 本人 knows that the family or others are consulting (本人の認知).
// The guideline discusses 家族のみの相談; 不明 is a normal answer.
inline constexpr std::array<std::string_view, 3> kPersonAwarenessValues{
    "知っている", "知らない", "不明"};
inline constexpr EnumSpec kPersonAwareness{
    "person_awareness", "本人の認知", kPersonAwarenessValues};

// Complex needs of the household (複合的な課題); several may apply.
inline constexpr std::array<std::string_view, 12> kComplexNeedValues{
    "8050",   "介護",   "生活困窮", "住居",     "精神疾患", "発達特性",
    "不登校", "ダブルケア", "ごみ屋敷", "依存", "暴力",     "その他"};
inline constexpr EnumSpec kComplexNeed{"complex_need", "複合的な課題",
                                       kComplexNeedValues};

}  // namespace tsunagu::domain
