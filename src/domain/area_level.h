// Area levels of the tree 都道府県 → 市区町村 → 地区. (Organisation kinds
// and program types live in domain/organisation.h.)
#pragma once

#include <array>
#include <string_view>

namespace tsunagu::domain {

struct AreaLevel {
  std::string_view id, label;
};
inline constexpr std::array<AreaLevel, 3> kAreaLevels = {
    AreaLevel{"prefecture", "都道府県"}, AreaLevel{"municipality", "市区町村"}, AreaLevel{"district", "地区"}};
inline constexpr std::array<std::string_view, 3> kAreaLevelIds = {"prefecture", "municipality", "district"};

// The level an area's parent must have; "" for the top of the tree.
std::string_view parent_level_of(std::string_view level);

}  // namespace tsunagu::domain
