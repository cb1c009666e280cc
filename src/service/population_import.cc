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
#include "service/input.h"
#include "service/problem.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxCsvBytes = 2'000'000, kMaxLines = 60'000;

// One CSV line into fields (quotes and doubled quotes; no line breaks inside fields).
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        out.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      out.emplace_back();
    } else if (ch != '\r') {
      out.back() += ch;
    }
  }
  for (auto& f : out) {
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.pop_back();
    std::size_t b = 0;
    while (b < f.size() && (f[b] == ' ' || f[b] == '\t')) ++b;
    f.erase(0, b);
  }
  return out;
}

// Full-width digits (０–９: EF BC 90–99) to ASCII; other bytes kept.
std::string ascii_digits(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Leading whole number of `s` and where it ends; nullopt when none.
std::optional<std::pair<long, std::size_t>> leading_number(const std::string& s, std::size_t from = 0) {
  std::size_t i = from;
  long v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - from < 9) v = v * 10 + (s[i++] - '0');
  if (i == from) return std::nullopt;
  return std::pair{v, i};
}

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

std::optional<std::size_t> column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (std::size_t i = 0; i < header.size(); ++i)
    for (const char* n : names)
      if (header[i].find(n) != std::string::npos) return i;
  return std::nullopt;
}

}  // namespace

nlohmann::json import_population_csv(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto year = in.integer("year", "年", true, 1950, 2100);
  std::string csv;
  if (!body.contains("csv") || !body["csv"].is_string() || body["csv"].get_ref<const std::string&>().empty())
    in.fail("csv", "CSV の内容を指定してください。");
  else if (body["csv"].get_ref<const std::string&>().size() > kMaxCsvBytes)
    in.fail("csv", "CSV は2MBまでにしてください。");
  else
    csv = body["csv"].get<std::string>();
  in.check();
  if (csv.rfind("\xEF\xBB\xBF", 0) == 0) csv.erase(0, 3);  // BOM
  std::vector<std::string> lines;
  for (std::size_t at = 0; at <= csv.size() && lines.size() <= kMaxLines;) {
    auto nl = csv.find('\n', at);
    lines.push_back(csv.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
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
