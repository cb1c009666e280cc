// Kinds of organisation and the MHLW program types with their activity matrix.
//
// An organisation's kind says what it is (a 家族会, an NPO, …); a program
// type says which MHLW subsidy program it runs, which fixes the activities it
// must (◎) or may (○) carry out (seed 004, 実施主体・事業別の取組一覧). The
// statistics layer fills this matrix from real records; the data lives here
// so that it is written once.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 10> kOrganisationKindValues{
    "センター",         "サテライト",       "ステーション", "サポート事業",
    "自立相談支援機関", "社会福祉協議会",   "NPO",          "家族会",
    "当事者会",         "その他"};
inline constexpr EnumSpec kOrganisationKind{
    "organisation_kind", "機関の種別", kOrganisationKindValues};

inline constexpr std::array<std::string_view, 5> kProgramTypeValues{
    "都道府県センター", "サテライト", "市町村センター", "ステーション",
    "サポート事業"};
inline constexpr EnumSpec kProgramType{"program_type", "事業類型",
                                       kProgramTypeValues};

// The twelve activities, in the order ①…⑫ of the national table.
inline constexpr std::array<std::string_view, 12> kProgramActivityValues{
    "相談支援",
    "居場所づくり",
    "連絡協議会・ネットワークづくり",
    "当事者会・家族会の開催",
    "住民向け講演会・研修会の開催",
    "サポーター派遣・養成",
    "民間団体との連携",
    "実態把握調査",
    "専門職の配置",
    "支援体制の充実（多職種専門チーム等）",
    "支援者養成（関係機関の職員養成研修）",
    "自治体支援（市町村等への後方支援）"};
inline constexpr EnumSpec kProgramActivity{
    "program_activity", "取組", kProgramActivityValues};

enum class ActivityRequirement {
  kRequired,       // ◎ 必須事業
  kOptional,       // ○ 任意事業
  kNotApplicable,  // – not part of this program
};

// The table's symbol for a requirement: "◎", "○" or "–".
std::string_view symbol(ActivityRequirement requirement);

// Requirement of `activity` under `program_type`, both given verbatim.
// nullopt if either is not a known value.
std::optional<ActivityRequirement> activity_requirement(
    std::string_view program_type, std::string_view activity);

}  // namespace tsunagu::domain
