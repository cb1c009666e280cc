// 指定都市 (地方自治法第252条の19) and the row order of MHLW's tables.
//
// The 20 指定都市 run their own ひきこもり地域支援センター like a
// prefecture (seed 004: centres are placed in 都道府県・指定都市), and
// MHLW's tables (seed 004, 自治体別相談件数 令和3年度) print the 47
// prefectures by JIS code and then the 指定都市 as a block of their own, by
// code — a prefecture's row there does not include its 指定都市.
//
// An area is a 指定都市 when it is a municipality and its code is one of the
// 20 全国地方公共団体コード below, written with 5 digits (01100) or with the
// check digit (011002). The list changes by law only (the last addition:
// 熊本市, 2012), so it is data here rather than a setting.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::domain {

struct DesignatedCity {
  std::string_view code, name;  // 5-digit code without the check digit
};
inline constexpr std::array<DesignatedCity, 20> kDesignatedCities = {{
    {"01100", "札幌市"},   {"04100", "仙台市"}, {"11100", "さいたま市"}, {"12100", "千葉市"},   {"14100", "横浜市"},
    {"14130", "川崎市"},   {"14150", "相模原市"}, {"15100", "新潟市"},   {"22100", "静岡市"},   {"22130", "浜松市"},
    {"23100", "名古屋市"}, {"26100", "京都市"}, {"27100", "大阪市"},     {"27140", "堺市"},     {"28100", "神戸市"},
    {"33100", "岡山市"},   {"34100", "広島市"}, {"40100", "北九州市"},   {"40130", "福岡市"},   {"43100", "熊本市"},
}};

// True when `level` is a municipality and `code` (5 or 6 digits) names a
// 指定都市.
bool is_designated_city(std::string_view level, const std::optional<std::string>& code);

// The position of a row in an MHLW area table: every other area first (the
// prefectures by JIS code, municipalities by code), then the 指定都市 block,
// each by code; areas without a code after those with one; then by name.
struct MhlwRowKey {
  bool designated_city = false;
  bool no_code = false;
  std::string code, name;
  auto operator<=>(const MhlwRowKey&) const = default;
};
MhlwRowKey mhlw_row_key(std::string_view level, const std::optional<std::string>& code, std::string_view name);

}  // namespace tsunagu::domain
