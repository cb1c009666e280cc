// 住民基本台帳 population as municipalities publish it, read from CSV text
// (service/surveys.h, import_population_csv). The browser decodes the file
// (UTF-8 or Shift_JIS) and sends the text; nothing is written unless every
// line is right.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/survey.h"
#include "service/csv_text.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

using csv::ascii_digits;
using csv::column;
using csv::fields_of;
using csv::leading_number;

constexpr std::size_t kMaxCsvBytes = 2'000'000, kMaxLines = 60'000;

// The population band of an age cell: "40", "40歳", "40～44歳", "40-44",
// "100歳以上". Empty: under 10 (not counted); nullopt: not an age, or a range
// across two bands.
std::optional<std::string> band_of(const std::string& cell) {
  const std::string s = ascii_digits(cell);
  auto first = leading_number(s);
  if (!first) return std::nullopt;
  long lo = first->first, hi = lo;
  // A second number later in the cell is the range's end, unless the cell says 以上.
  if (s.find("以上") == std::string::npos)
    for (std::size_t i = first->second; i < s.size(); ++i)
      if (auto second = leading_number(s, i)) {
        hi = second->first;
        break;
      }
  if (hi < lo) return std::nullopt;
  if (lo < 10) return hi < 10 ? std::optional<std::string>("") : std::nullopt;
  if (lo >= 70) return std::string("70代以上");
  if (lo / 10 != hi / 10) return std::nullopt;
  return std::to_string(lo / 10 * 10) + "代";
}

}  // namespace

nlohmann::json import_population_csv(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto year = in.integer("year", "年", true, 1950, 2100);
  const std::string text = csv::read_text(in, body, "csv", kMaxCsvBytes);
  in.check();
  const auto lines = csv::lines_of(text, kMaxLines);
  std::vector<FieldError> errors;
  if (lines.size() > kMaxLines) throw invalid({{"csv", "CSV は" + std::to_string(kMaxLines) + "行までにしてください。"}});
  const auto header = fields_of(lines.at(0));
  const auto area_col = column(header, {"地区", "町丁", "地域", "コード"});
  const auto age_col = column(header, {"年齢"});
  const auto pop_col = column(header, {"人口", "総数", "計"});
  if (!area_col || !age_col || !pop_col)
    throw invalid({{"csv", "1行目に「地区」（またはコード）、「年齢」、「人口」（または総数・計）の列が必要です。"}});
  // area cell → id, once per distinct cell; districts only.
  std::map<std::string, std::optional<std::string>> areas;
  std::map<std::string, std::map<std::string, std::int64_t>> totals;  // area id → band → population
  std::map<std::string, std::string> names;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const auto f = fields_of(lines[n]);
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    const std::string where = std::to_string(n + 1) + "行目";
    if (f.size() <= std::max({*area_col, *age_col, *pop_col})) {
      errors.push_back({"csv", where + ": 列が足りません。"});
      continue;
    }
    const auto& cell = f[*area_col];
    if (!areas.contains(cell)) {
      auto r = cell.size() <= 100 ? db.query_one("SELECT id, name FROM areas WHERE level = 'district' AND (name = ? OR code = ?)",
                                                 {cell, cell})
                                  : std::nullopt;
      areas[cell] = r ? std::optional(r->text(0)) : std::nullopt;
      if (r) names[r->text(0)] = r->text(1);
    }
    if (!areas[cell]) {
      errors.push_back({"csv", where + ": 地区「" + utf8_prefix(cell, 60) + "」が、地区として登録されていません。"});
      continue;
    }
    if (!may_set_population(db, actor, *areas[cell])) {
      errors.push_back({"csv", where + ": 地区「" + utf8_prefix(cell, 60) + "」の人口は登録できません。" + std::string(kPopulationWriters)});
      continue;
    }
    auto band = band_of(f[*age_col]);
    if (!band) {
      errors.push_back({"csv", where + ": 年齢「" + utf8_prefix(f[*age_col], 30) + "」を読み取れません（40、40歳、40～44歳、100歳以上 など）。"});
      continue;
    }
    std::string digits;
    for (char ch : ascii_digits(f[*pop_col]))
      if (ch != ',' && ch != ' ') digits += ch;
    auto pop = leading_number(digits);
    if (!pop || pop->second != digits.size()) {
      errors.push_back({"csv", where + ": 人口「" + utf8_prefix(f[*pop_col], 30) + "」は0以上の整数で入力してください。"});
      continue;
    }
    if (band->empty()) continue;  // under 10: no band on the cards
    totals[*areas[cell]][*band] += pop->first;
    if (errors.size() >= 20) break;
  }
  if (totals.empty() && errors.empty()) errors.push_back({"csv", "取り込める行がありません。"});
  for (const auto& [area, bands] : totals)
    for (auto band : domain::kPopulationAgeBand.values)
      if (!bands.contains(std::string(band)) || bands.at(std::string(band)) <= 0)
        errors.push_back({"csv", names[area] + "の" + std::string(band) + "の人口がありません（0人の年代は割合を計算できないため取り込めません）。"});
  if (!errors.empty()) throw invalid(errors);
  auto items = nlohmann::json::array();
  for (const auto& [area, bands] : totals) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [band, pop] : bands) list.push_back({{"age_band", band}, {"population", pop}});
    auto saved = set_area_population(db, actor, area, {{"year", *year}, {"bands", list}});
    saved["area_name"] = names[area];
    items.push_back(saved);
  }
  return {{"year", *year}, {"items", items}};
}

}  // namespace tsunagu::service
