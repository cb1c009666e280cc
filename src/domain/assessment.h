// Vocabulary of an assessment (アセスメント).
//
// The 多軸評価 of the 2010 guideline (ひきこもりの評価・支援に関するガイドライン)
// is recorded axis by axis. Diagnoses (axes ①②③ and the group of ⑥) are
// recorded only as a clinician reported them; nothing in tsunagu infers a
// diagnosis or a group from other answers.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// ④ ひきこもりの段階.
inline constexpr std::array<std::string_view, 4> kWithdrawalPhaseValues{
    "準備段階", "開始段階", "ひきこもり段階", "社会との再開段階"};
inline constexpr EnumSpec kWithdrawalPhase{
    "withdrawal_phase", "ひきこもりの段階（多軸評価④）", kWithdrawalPhaseValues};

// ⑥ 診断と支援方針に基づく分類. The stored value is the group name; the
// description (same index) is shown beside it.
inline constexpr std::array<std::string_view, 3> kSupportGroupValues{
    "第1群", "第2群", "第3群"};
inline constexpr std::array<std::string_view, 3> kSupportGroupDescriptions{
    "統合失調症・気分障害・不安障害等",
    "広汎性発達障害・知的障害等",
    "パーソナリティ障害(傾向)・神経症的傾向・身体表現性障害・同一性の問題等"};
inline constexpr EnumSpec kSupportGroup{
    "support_group", "診断と支援方針に基づく分類（多軸評価⑥）",
    kSupportGroupValues};

// The three sides from which the situation is understood.
inline constexpr std::array<std::string_view, 3> kAssessmentSideValues{
    "生理的・身体的", "精神的・心理的", "社会環境的"};
inline constexpr EnumSpec kAssessmentSide{"assessment_side", "三つの側面",
                                          kAssessmentSideValues};

// 生活上の困難.
inline constexpr std::array<std::string_view, 4> kLifeDifficultyValues{
    "学業的", "職業的", "対人的", "その他"};
inline constexpr EnumSpec kLifeDifficulty{"life_difficulty", "生活上の困難",
                                          kLifeDifficultyValues};

// きっかけ: the reasons of the Cabinet Office survey, shortened as the
// field uses them (e.g. 退職したこと → 退職).
inline constexpr std::array<std::string_view, 9> kTriggerValues{
    "退職",   "人間関係",  "新型コロナの流行", "病気",  "不登校",
    "妊娠",   "介護・看護", "就職活動",        "その他"};
inline constexpr EnumSpec kTrigger{"trigger", "きっかけ", kTriggerValues};

}  // namespace tsunagu::domain
