// Outcome indicators beyond employment (PRODUCT.md principle 4).
//
// Outcomes are described as movement, never as a rate of success: on each
// of the three axes (日常生活自立 / 社会生活自立 / 経済的自立) a goal's latest
// progress record is compared with its first; the outing level of the
// latest assessment with the first; stage moves are counted both ways.
// Going back is named in the plan vocabulary (一時的に戻る), not as failure,
// and no figure here is an employment rate.
//
// Continuity is the median number of days between a case's consecutive
// contacts. The database returns a histogram (days → how many gaps), which
// is bounded by the number of distinct gaps however many contacts there are,
// and the median is taken from it here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/plan_progress.h"

namespace tsunagu::domain {

// The three axes of a plan, in the order reports list them.
inline constexpr std::array<std::string_view, 3> kOutcomeAxisValues{
    "日常生活自立", "社会生活自立", "経済的自立"};

// Movement from a first to a latest level on the same scale where a higher
// level is further along: 前進 / 変化なし / 一時的に戻る.
ProgressDirection movement(int first_level, int latest_level);

// Movement of the 外出状況 between two assessments, given as positions in
// kOutingLevelValues (0 = 仕事や学校で平日は毎日外出する … 7 = 自室からほとんど
// 出ない): a smaller position is more going out, i.e. 前進. nullopt if either
// position is outside 0..7.
std::optional<ProgressDirection> outing_movement(int first_position,
                                                 int latest_position);

// Median of the values of a histogram of (value, count) pairs, in any order;
// counts <= 0 are ignored. With an even number of values, the mean of the
// two middle ones (so the result may end in .5). nullopt when empty.
std::optional<double> median_from_histogram(
    std::vector<std::pair<std::int64_t, std::int64_t>> histogram);

}  // namespace tsunagu::domain
