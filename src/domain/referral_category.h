// The 21 つなぎ先 categories of the MHLW annual report.
//
// A referral (関係機関へのつなぎ) carries one of them so that つなぎ件数 can
// be counted in the national table's column order (the array order below).
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 21> kReferralCategoryValues{
    "福祉事務所",
    "福祉事務所以外の市区町村窓口",
    "社会福祉協議会",
    "自立相談支援事業実施機関",
    "地域包括支援センター",
    "児童相談所",
    "児童家庭支援センター",
    "保健所・保健センター",
    "精神保健福祉センター",
    "発達障害者支援センター",
    "医療機関",
    "子ども・若者総合相談センター",
    "地域若者サポートステーション",
    "ハローワーク",
    "企業",
    "学校・教育委員会等",
    "民間支援団体（当事者団体・NPO法人等）",
    "障害者総合支援関連施設",
    "障害者雇用促進関連施設",
    "他のひきこもり地域支援センター",
    "その他"};
inline constexpr EnumSpec kReferralCategory{"referral_category", "つなぎ先",
                                            kReferralCategoryValues};

}  // namespace tsunagu::domain
