// Progress on a plan goal (目標の歩み), recorded over time.
//
// Progress goes up and down; both are ordinary (進んだり戻ったり, PRODUCT.md
// principle 1). The scale describes where the person is with a goal in
// their own pace, not a grade, and a lower record than the previous one is
// named 一時的に戻る — nothing here says 失敗, 後退 or 未達, and no level is
// "not achieved".
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// Levels 0..4 (the stored value is the index), with their labels.
inline constexpr std::array<std::string_view, 5> kProgressLevelValues{
    "これから", "きざしがある", "取り組んでいる", "だいぶできている",
    "自分のペースでできている"};
inline constexpr EnumSpec kProgressLevel{"progress_level", "目標の歩み",
                                         kProgressLevelValues};
inline constexpr int kMinProgressLevel = 0;
inline constexpr int kMaxProgressLevel = 4;

enum class ProgressDirection { kFirst, kForward, kSame, kBackForNow };

inline constexpr std::array<std::string_view, 4> kProgressDirectionValues{
    "はじめての記録", "前進", "変化なし", "一時的に戻る"};
inline constexpr EnumSpec kProgressDirectionName{
    "progress_direction", "前回からの動き", kProgressDirectionValues};

// Label of a level; empty for a level outside 0..4.
std::string_view progress_level_label(int level);

// How `current` relates to the goal's previous record (nullopt: none yet).
// nullopt when either level is outside 0..4. Never refuses a move.
std::optional<ProgressDirection> describe_progress(std::optional<int> previous,
                                                   int current);

// "はじめての記録", "前進", "変化なし" or "一時的に戻る".
std::string_view direction_label(ProgressDirection d);

}  // namespace tsunagu::domain
