// Area levels of the tree 国 → 都道府県 → 市区町村 → 地区 (issue 15 point 7:
// one root above the prefectures, so a nationwide or multi-prefecture table
// is one report). (Organisation kinds and program types live in
// domain/organisation.h.)
#pragma once

#include <array>
#include <string_view>

namespace tsunagu::domain {

struct AreaLevel {
  std::string_view id, label;
};
inline constexpr std::array<AreaLevel, 4> kAreaLevels = {AreaLevel{"national", "国"}, AreaLevel{"prefecture", "都道府県"},
                                                         AreaLevel{"municipality", "市区町村"},
                                                         AreaLevel{"district", "地区"}};
inline constexpr std::array<std::string_view, 4> kAreaLevelIds = {"national", "prefecture", "municipality", "district"};
// The one root of the tree, made by migration 0030; never created or moved
// through the API.
inline constexpr std::string_view kNationalLevel = "national";
inline constexpr std::string_view kNationalAreaName = "全国";

// The level an area's parent must have; "" for the top of the tree.
std::string_view parent_level_of(std::string_view level);

}  // namespace tsunagu::domain
