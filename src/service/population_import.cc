// 住民基本台帳 population as municipalities publish it, read from CSV text
// (service/surveys.h, import_population_csv). The browser decodes the file
// (UTF-8 or Shift_JIS) and sends the text; nothing is written unless every
// row is right.
//
// Columns are found by their whole names (csv::column_named), the total
// first: a part of a name picked the wrong column without a word — 男性人口
// for 人口 (rates doubled), 集計日 for 計, 全国地方公共団体コード (the
// municipality's code) for the district's. A layout by sex is read only by
// its 計 rows, and an age given twice for a district is refused, so that no
// resident is counted twice.
#include <algorithm>
#include <array>
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
using csv::column_named;
using csv::leading_number;

constexpr std::size_t kMaxLines = 60'000, kMaxErrors = 20;
constexpr std::int64_t kMaxPopulation = 100'000'000;  // as set_area_population
constexpr long kOldest = 120;                          // 100歳以上 covers 100 … 120

// Single ages or a range of them: "40", "40歳", "40～44歳", "40-44",
// "100歳以上" (to kOldest). nullopt: not an age.
struct Ages {
  long lo = 0, hi = 0;
};
std::optional<Ages> ages_of(const std::string& cell) {
  const std::string s = ascii_digits(cell);
  auto first = leading_number(s);
  if (!first) return std::nullopt;
  Ages a{first->first, first->first};
  if (s.find("以上") != std::string::npos) {
    a.hi = std::max(a.lo, kOldest);
  } else {
    // A second number later in the cell is the range's end.
    for (std::size_t i = first->second; i < s.size(); ++i)
      if (auto second = leading_number(s, i)) {
        a.hi = second->first;
        break;
      }
  }
  if (a.hi < a.lo || a.lo > kOldest) return std::nullopt;
  return a;
}

// The population band of some ages. Empty: under 10 (not counted);
// nullopt: a range across two bands.
std::optional<std::string> band_of(const Ages& a) {
  if (a.lo < 10) return a.hi < 10 ? std::optional<std::string>("") : std::nullopt;
  if (a.lo >= 70) return std::string("70代以上");
  if (a.lo / 10 != a.hi / 10) return std::nullopt;
  return std::to_string(a.lo / 10 * 10) + "代";
}

bool one_of(const std::string& cell, std::initializer_list<const char*> names) {
  const auto key = csv::header_key(cell);
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}
// A row or column of both sexes together.
bool both_sexes(const std::string& cell) { return one_of(cell, {"計", "総数", "合計", "男女計", "総計"}); }
bool one_sex(const std::string& cell) { return one_of(cell, {"男", "女", "男性", "女性"}); }

// The columns of the header; a Problem that says what is missing.
struct Columns {
  std::size_t area = 0, age = 0, population = 0;
  std::optional<std::size_t> sex;  // a layout by sex, one row per sex
  std::size_t widest() const { return std::max({area, age, population, sex.value_or(0)}); }
};
Columns columns_of(const std::vector<std::string>& header) {
  const auto area = column_named(header, {"地区", "地区名", "町丁", "町丁名", "町丁目", "町丁目名", "町名", "地域", "地域名",
                                          "行政区", "行政区名", "地区コード", "町丁コード", "コード"});
  const auto age = column_named(header, {"年齢", "年齢区分", "年齢階級", "年齢階層", "年齢(各歳)", "年齢(5歳階級)", "各歳", "歳"});
  const auto population = column_named(header, {"総数", "総人口", "人口総数", "計", "合計", "男女計", "人口(計)", "人口計", "人口",
                                                "人口(人)", "総数(人)"});
  const auto sex = column_named(header, {"性別", "男女", "男女別", "性"});
  if (!population && column_named(header, {"男", "女", "男性", "女性", "男性人口", "女性人口", "人口(男)", "人口(女)"}))
    throw invalid({{"csv", "男女別の人口の列だけでは取り込めません。男女の計の列（「総数」「総人口」または「計」）を入れてください。"}});
  if (!area || !age || !population)
    throw invalid({{"csv", "1行目に「地区」（または地区名・地区コード）、「年齢」、「人口」（または総数・総人口・計）の列が必要です。"}});
  return {*area, *age, *population, sex};
}

// The rows of the file read into district → band → population, each
// district's ages marked with the row that gave them.
struct Reader {
  store::Connection& db;
  const Actor& actor;
  std::vector<FieldError> errors;
  std::map<std::string, std::optional<std::string>> areas;  // cell → district id
  std::map<std::string, std::string> names;                  // district id → name
  std::map<std::string, std::map<std::string, std::int64_t>> totals;
  std::map<std::string, std::array<std::size_t, kOldest + 1>> seen;  // district → age → row
  bool read_both_sexes = false;

  void fail(const std::string& detail) {
    if (errors.size() < kMaxErrors) errors.push_back({"csv", detail});
  }

  std::optional<std::string> district(const std::string& cell) {
    if (!areas.contains(cell)) {
      auto r = cell.size() <= 100 ? db.query_one("SELECT id, name FROM areas WHERE level = 'district' AND (name = ? OR code = ?)",
                                                 {cell, cell})
                                  : std::nullopt;
      areas[cell] = r ? std::optional(r->text(0)) : std::nullopt;
      if (r) names[r->text(0)] = r->text(1);
    }
    return areas[cell];
  }

  void read(const csv::Record& rec, const Columns& c) {
    const auto& f = rec.fields;
    const std::string where = std::to_string(rec.line) + "行目: ";
    if (f.size() <= c.widest()) return fail(where + "列が足りません。");
    if (c.sex) {
      if (one_sex(f[*c.sex])) return;  // the 計 row of the same ages counts them
      if (!both_sexes(f[*c.sex]))
        return fail(where + "性別「" + utf8_prefix(f[*c.sex], 20) + "」を読み取れません（男・女・計）。");
      read_both_sexes = true;
    }
    if (both_sexes(f[c.age])) return;  // a subtotal of the district's ages
    const std::string cell = csv::trim_wide(f[c.area]);
    const auto id = district(cell);
    if (!id) return fail(where + "地区「" + utf8_prefix(cell, 60) + "」が、地区として登録されていません。");
    const std::string name = "地区「" + utf8_prefix(cell, 60) + "」";
    if (!may_set_population(db, actor, *id)) return fail(where + name + "の人口は登録できません。" + std::string(kPopulationWriters));
    const auto ages = ages_of(f[c.age]);
    const auto band = ages ? band_of(*ages) : std::nullopt;
    if (!band)
      return fail(where + "年齢「" + utf8_prefix(f[c.age], 30) + "」を読み取れません（40、40歳、40～44歳、100歳以上 など）。");
    std::string digits;
    for (char ch : ascii_digits(f[c.population]))
      if (ch != ',' && ch != ' ') digits += ch;
    auto pop = leading_number(digits);
    if (!pop || pop->second != digits.size())
      return fail(where + name + "の人口「" + utf8_prefix(f[c.population], 30) + "」は0以上の整数で入力してください。");
    if (pop->first > kMaxPopulation)
      return fail(where + name + "の人口「" + utf8_prefix(f[c.population], 30) + "」が大きすぎます（1億人まで）。");
    auto& marks = seen[*id];
    for (long a = ages->lo; a <= ages->hi; ++a)
      if (marks[static_cast<std::size_t>(a)])
        return fail(where + name + "の年齢「" + utf8_prefix(f[c.age], 30) + "」は、" +
                    std::to_string(marks[static_cast<std::size_t>(a)]) + "行目と重なっています（同じ地区・年齢の行は1つにしてください）。");
    for (long a = ages->lo; a <= ages->hi; ++a) marks[static_cast<std::size_t>(a)] = rec.line;
    if (band->empty()) return;  // under 10: no band on the cards
    auto& total = totals[*id][*band];
    total += pop->first;
    if (total > kMaxPopulation && total - pop->first <= kMaxPopulation)
      fail(where + name + "の" + *band + "の人口の合計が1億人を超えています。");
  }
};

}  // namespace

nlohmann::json import_population_csv(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto year = in.integer("year", "年", true, 1950, 2100);
  const std::string text = csv::read_text(in, body, "csv", csv::kMaxCsvBytes);
  in.check();
  const auto records = csv::records_of(text, kMaxLines);
  if (records.size() > kMaxLines) throw invalid({{"csv", "CSV は" + std::to_string(kMaxLines) + "行までにしてください。"}});
  const auto columns = columns_of(records.at(0).fields);
  Reader reader{db, actor, {}, {}, {}, {}, {}, false};
  for (std::size_t n = 1; n < records.size() && reader.errors.size() < kMaxErrors; ++n) reader.read(records[n], columns);
  if (columns.sex && !reader.read_both_sexes && reader.errors.empty())
    reader.fail("性別の列がありますが、男女の計（「計」・「総数」）の行がありません。男女別の行だけでは取り込めません。");
  if (reader.totals.empty() && reader.errors.empty()) reader.fail("取り込める行がありません。");
  for (const auto& [area, bands] : reader.totals)
    for (auto band : domain::kPopulationAgeBand.values)
      if (!bands.contains(std::string(band)) || bands.at(std::string(band)) <= 0)
        reader.fail(reader.names[area] + "の" + std::string(band) + "の人口がありません（0人の年代は割合を計算できないため取り込めません）。");
  if (!reader.errors.empty()) throw invalid(reader.errors);
  auto items = nlohmann::json::array();
  for (const auto& [area, bands] : reader.totals) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [band, pop] : bands) list.push_back({{"age_band", band}, {"population", pop}});
    auto saved = set_area_population(db, actor, area, {{"year", *year}, {"bands", list}});
    saved["area_name"] = reader.names[area];
    items.push_back(saved);
  }
  return {{"year", *year}, {"items", items}};
}

}  // namespace tsunagu::service
