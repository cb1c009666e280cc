#include "report/survey_report.h"

#include <string>
#include <variant>

#include "domain/survey.h"

namespace tsunagu::report {
namespace {

Cell opt_number(const nlohmann::json& v) {
  if (v.is_null()) return std::monostate{};
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return v.get<double>();
}

Table responses_table(const nlohmann::json& r) {
  Table t;
  t.id = "survey_responses";
  t.title = "回収の状況";
  t.sheet_name = "回収状況";
  t.notes = {"※ 回収は、調査票を1枚以上送信したか「該当者なし」と回答した回答者の数です。"};
  t.columns = {{"district", "地区", ColumnKind::text},       {"distributed", "配布", ColumnKind::count},
               {"returned", "回収", ColumnKind::count},      {"no_one", "うち該当者なし", ColumnKind::count},
               {"not_returned", "未回収", ColumnKind::count}, {"rate", "回収率", ColumnKind::rate}};
  auto row = [](const std::string& label, const nlohmann::json& x) {
    return std::vector<Cell>{label, x["distributed"].get<std::int64_t>(), x["returned"].get<std::int64_t>(),
                             x["no_one"].get<std::int64_t>(), x["not_returned"].get<std::int64_t>(), opt_number(x["rate"])};
  };
  for (const auto& d : r["districts"]) t.rows.push_back(row(d["district_name"].get<std::string>(), d));
  t.rows.push_back(row("合計", r["total"]));
  return t;
}

Table rates_table(const nlohmann::json& r) {
  Table t;
  t.id = "survey_district_rates";
  t.title = "地区ごとの把握数と人口千人あたりの数";
  t.sheet_name = "地区別";
  t.notes = {"※ " + r["note"].get<std::string>(), "※ " + r["denominator"].get<std::string>(),
             "※ 回収率が" + std::to_string(static_cast<int>(domain::kLowResponseRate * 100)) +
                 "%未満の地区は、実際より少なく数えられている可能性があります。"};
  t.columns.push_back({"district", "地区", ColumnKind::text});
  for (auto band : domain::kSurveyAgeBand.values)
    t.columns.push_back({"band_" + std::to_string(t.columns.size()), std::string(band), ColumnKind::count, true});
  t.columns.push_back({"persons", "把握数", ColumnKind::count, true});
  t.total_column = t.columns.size() - 1;
  t.columns.push_back({"population", "人口", ColumnKind::count});
  t.columns.push_back({"per_1000", "人口千人あたり", ColumnKind::number});
  t.columns.push_back({"response_rate", "回収率", ColumnKind::rate});
  t.columns.push_back({"caution", "注意", ColumnKind::text});
  for (const auto& d : r["districts"]) {
    std::vector<Cell> row{d["district_name"].get<std::string>()};
    for (const auto& b : d["bands"]) row.emplace_back(b["persons"].get<std::int64_t>());
    row.emplace_back(d["persons"].get<std::int64_t>());
    row.push_back(opt_number(d["population"]));
    row.push_back(opt_number(d["per_1000"]));
    row.push_back(opt_number(d["response_rate"]));
    row.emplace_back(d["caution"].is_null() ? std::string() : d["caution"].get<std::string>());
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table items_table(const nlohmann::json& r) {
  Table t;
  t.id = "survey_items";
  t.title = "設問ごとの集計";
  t.sheet_name = "設問別";
  t.caption = {"対象: " + std::to_string(r["persons"].get<std::int64_t>()) + "人（同一人物と判断した票は1人）"};
  t.notes = {"※ 「分からない」も回答として数えています。複数回答の設問は、合計が人数を超えます。"};
  t.columns = {{"item", "設問", ColumnKind::text}, {"answer", "回答", ColumnKind::text}, {"persons", "人数", ColumnKind::count, true}};
  for (const auto& item : r["items"])
    for (const auto& a : item["answers"])
      t.rows.push_back({item["label"].get<std::string>(), a["answer"].get<std::string>(), a["count"].get<std::int64_t>()});
  return t;
}

// The lists of capture–recapture and the persons of each overlap (counts
// of persons: hidden when small for analysts).
Table linkage_table(const nlohmann::json& r) {
  Table t;
  t.id = "survey_linkage";
  t.title = "名簿の重なり（推計のもと）";
  t.sheet_name = "名簿の重なり";
  t.notes = {"※ " + r["key"].get<std::string>()};
  t.columns = {{"list", "名簿・重なり", ColumnKind::text}, {"persons", "人数", ColumnKind::count, true},
               {"linkable", "照合できた人数", ColumnKind::count, true}};
  std::vector<std::string> names;
  for (const auto& l : r["lists"]) {
    names.push_back(l["name"].get<std::string>());
    t.rows.push_back({names.back(), l["persons"].get<std::int64_t>(), l["linkable"].get<std::int64_t>()});
  }
  const auto label = [&names](const std::string& pattern) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size() && i < names.size(); ++i)
      if (pattern[i] == '1') out += (out.empty() ? "" : "・") + names[i];
    return out + "にだけ載っている方";
  };
  if (r["log_linear"].is_null()) {
    t.rows.push_back({label("11"), r["both"].get<std::int64_t>(), std::monostate{}});
  } else {
    for (const auto& c : r["log_linear"]["cells"])
      t.rows.push_back({label(c["pattern"].get<std::string>()), c["count"].get<std::int64_t>(), std::monostate{}});
  }
  return t;
}

// Chapman's two-list range with its warning, and with further lists every
// log-linear model side by side (the chosen one first).
Table estimates_table(const nlohmann::json& r) {
  Table t;
  t.id = "survey_estimates";
  t.title = "まだ誰ともつながっていない方の推計";
  t.sheet_name = "推計";
  t.notes = {"※ " + r["method"].get<std::string>(), "※ " + r["warning"].get<std::string>()};
  t.columns = {{"model", "方法・モデル", ColumnKind::text},        {"total", "推計数", ColumnKind::number},
               {"ci_low", "95%信頼区間（下限）", ColumnKind::number}, {"ci_high", "95%信頼区間（上限）", ColumnKind::number},
               {"unseen", "どの名簿にも載っていない方", ColumnKind::number}, {"aic", "AIC", ColumnKind::number},
               {"df", "自由度", ColumnKind::count}};
  const auto limit = [](const nlohmann::json& ci, std::size_t i) { return ci.is_null() ? Cell{} : opt_number(ci[i]); };
  // Why an estimate or its interval is missing, and when it is unstable.
  const auto add_notes = [&t](const nlohmann::json& j) {
    for (const char* key : {"reason", "caution"})
      if (j.contains(key) && j[key].is_string()) t.notes.push_back("※ " + j[key].get<std::string>());
  };
  add_notes(r);
  const auto& c = r["estimate"];
  if (!c.is_null())
    t.rows.push_back({std::string("Chapman（調査票と支援記録の2つ）"), c["total"].get<double>(), limit(c["ci"], 0),
                      limit(c["ci"], 1), c["unseen"].get<double>(), std::monostate{}, std::monostate{}});
  if (!r["log_linear"].is_null()) {
    t.notes.push_back("※ " + r["log_linear"]["method"].get<std::string>());
    t.notes.push_back("※ " + r["log_linear"]["note"].get<std::string>());
    add_notes(r["log_linear"]);
    bool first = true;
    for (const auto& m : r["log_linear"]["models"]) {
      const std::string name = "対数線形モデル：" + m["name"].get<std::string>() + (first ? "（AIC が最小）" : "");
      first = false;
      if (!m["converged"].get<bool>()) {
        t.rows.push_back({name + "（推計できません）", std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
                          std::monostate{}, m["df"].get<std::int64_t>()});
        continue;
      }
      t.rows.push_back({name, m["total"].get<double>(), m["ci"][0].get<double>(), m["ci"][1].get<double>(),
                        m["unseen"].get<double>(), m["aic"].get<double>(), m["df"].get<std::int64_t>()});
    }
  }
  return t;
}

}  // namespace

std::vector<Table> survey_report_tables(store::Connection& db, const service::Actor& actor, const service::Survey& s) {
  std::vector<Table> out{responses_table(service::survey_responses(db, actor, s)), rates_table(service::district_rates(db, s)),
                         items_table(service::item_results(db, s))};
  const auto linked = service::capture_recapture(db, s);
  out.push_back(linkage_table(linked));
  out.push_back(estimates_table(linked));
  for (auto& t : out) t.caption.insert(t.caption.begin(), s.title + "（" + std::to_string(s.year) + "年度・" + s.area_name + "）");
  return out;
}

void hide_survey_derived_cells(std::vector<Table>& tables) {
  // An estimate gives back the overlap it was computed from (Chapman:
  // m = (n1+1)(n2+1)/(N+1) − 1): when a count of the linkage is hidden,
  // the estimates are hidden with it.
  bool linkage_hidden = false;
  for (const auto& t : tables)
    if (t.id == "survey_linkage")
      for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < t.columns.size(); ++c) linkage_hidden = linkage_hidden || t.is_hidden(r, c);
  for (auto& t : tables)
    if (t.id == "survey_estimates" && linkage_hidden)
      for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 1; c < t.columns.size(); ++c)
          if (!std::holds_alternative<std::monostate>(t.rows[r][c])) hide_cell(t, r, c);
  for (auto& t : tables) {
    if (t.id != "survey_district_rates") continue;
    const auto persons = t.column_index("persons"), rate = t.column_index("per_1000");
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (t.is_hidden(r, persons)) hide_cell(t, r, rate);
  }
}

}  // namespace tsunagu::report
