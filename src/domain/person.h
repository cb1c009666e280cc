// Vocabulary describing a person (本人 / 家族) and the household (世帯).
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// その他 and 不明 exist because the person decides what to tell, and a
// family member reporting on 本人 may not know; 回答しない records that the
// person chose not to say, which is their answer and not a gap to fill.
inline constexpr std::array<std::string_view, 5> kSexValues{
    "男性", "女性", "その他", "回答しない", "不明"};
inline constexpr EnumSpec kSex{"sex", "性別", kSexValues};

// Relation of a household member to 本人 (本人から見た続柄).
inline constexpr std::array<std::string_view, 7> kHouseholdRelationValues{
    "父", "母", "きょうだい", "配偶者", "子", "祖父母", "その他"};
inline constexpr EnumSpec kHouseholdRelation{
    "household_relation", "続柄", kHouseholdRelationValues};

// How a person's name is recorded (氏名の扱い). Consultation may be
// anonymous (PRODUCT.md principle 3), so a name is never required.
inline constexpr std::array<std::string_view, 3> kPersonNamingValues{
    "named", "pseudonym", "anonymous"};
inline constexpr std::array<std::string_view, 3> kPersonNamingLabels{
    "氏名がわかる", "仮名で記録する", "匿名（名前を記録しない）"};
inline constexpr EnumSpec kPersonNaming{"person_naming", "氏名の扱い",
                                        kPersonNamingValues,
                                        kPersonNamingLabels};

}  // namespace tsunagu::domain
