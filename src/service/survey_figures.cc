// Figures of a survey: response, district rates, results per item, area
// populations and the survey's overlap with the case records
// (service/surveys.h). The estimators' answers are survey_estimates.cc.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "domain/age_band.h"
#include "domain/date.h"
#include "domain/estimators.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/nested_input.h"
#include "service/problem.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

using domain::Role;

nlohmann::json rate_or_null(std::optional<double> r) { return r ? nlohmann::json(*r) : nlohmann::json(nullptr); }

nlohmann::json response_json(const domain::ResponseCount& c) {
  auto rate = c.rate();
  return {{"distributed", c.distributed},
          {"returned", c.returned},
          {"no_one", c.no_one},
          {"not_returned", c.not_returned},
          {"rate", rate_or_null(rate)},
          {"low", rate && *rate < domain::kLowResponseRate}};
}

// Population of each district of the survey by band: for each district the
// survey's year, else the latest year before it. One query for all.
struct DistrictPopulation {
  std::int64_t year = 0;
  std::map<std::string, std::int64_t> bands;
};
std::map<std::string, DistrictPopulation> populations(store::Connection& db, const Survey& s) {
  std::map<std::string, DistrictPopulation> out;
  for (const auto& r : db.query(
           "SELECT p.area_id, p.year, p.age_band, p.population FROM area_populations p WHERE p.year <= ? AND p.area_id IN "
           "(SELECT d.id FROM areas d LEFT JOIN areas m ON m.id = d.parent_id WHERE d.level = 'district' "
           "AND (d.parent_id = ? OR m.parent_id = ?)) ORDER BY p.area_id, p.year DESC",
           {s.year, s.area_id, s.area_id})) {
    auto& d = out[r.text(0)];
    if (d.year == 0) d.year = r.integer(1);
    if (r.integer(1) == d.year) d.bands[r.text(2)] = r.integer(3);
  }
  return out;
}

constexpr std::string_view kRateDenominator =
    "人口千人あたりの数の分母は、地区では10歳以上（10代〜70代以上）の人口、年代ごとではその年代の人口です"
    "（調査の年度、なければその前の直近の年の登録）。地区の割合は、7つの年代すべての人口がそろっているときだけ出します。";

nlohmann::json per_thousand(std::int64_t persons, std::optional<std::int64_t> population) {
  if (!population || *population <= 0) return nullptr;
  return static_cast<double>(persons) * 1000.0 / static_cast<double>(*population);
}

}  // namespace

std::map<std::vector<std::string>, std::int64_t> persons_by(store::Connection& db, const Survey& s,
                                                           const std::string& columns, std::size_t n) {
  std::map<std::vector<std::string>, std::int64_t> out;
  auto key_of = [n](const store::Row& r) {
    std::vector<std::string> k;
    for (std::size_t i = 0; i < n; ++i) k.push_back(r.text(i));
    return k;
  };
  for (const auto& r : db.query("SELECT " + columns + ", COUNT(*) FROM survey_cards WHERE survey_id = ? AND state = '送信済み' GROUP BY " + columns,
                                {s.id}))
    out[key_of(r)] += r.integer(n);
  for (const auto& id : cards_counted_twice(db, s.id))
    if (auto r = db.query_one("SELECT " + columns + " FROM survey_cards WHERE id = ?", {id})) --out[key_of(*r)];
  return out;
}

nlohmann::json survey_responses(store::Connection& db, const Actor& actor, const Survey& s) {
  auto respondents = respondents_of(db, s.id);
  std::vector<domain::RespondentStatus> statuses;
  for (const auto& r : respondents) statuses.push_back({r.district_id, r.sent > 0, r.no_one});
  auto counts = domain::count_responses(statuses);
  auto districts = nlohmann::json::array();
  for (const auto& d : s.districts) {
    auto row = response_json(counts.contains(d.id) ? counts[d.id] : domain::ResponseCount{});
    row["district_id"] = d.id;
    row["district_name"] = d.name;
    districts.push_back(row);
  }
  nlohmann::json out = {{"districts", districts},
                        {"total", response_json(counts[""])},
                        {"low_rate_threshold", domain::kLowResponseRate}};
  // The reminders list names respondents: for the survey's staff only.
  if (actor.role != Role::analyst) {
    auto reminders = nlohmann::json::array();
    for (const auto& r : respondents)
      if (r.sent == 0 && !r.no_one)
        reminders.push_back({{"respondent_id", r.id}, {"label", r.label}, {"district_name", r.district_name},
                             {"drafts", r.drafts}});
    out["reminders"] = reminders;
  }
  return out;
}

nlohmann::json district_rates(store::Connection& db, const Survey& s) {
  auto found = persons_by(db, s, "district_id, age_band", 2);
  auto pops = populations(db, s);
  auto respondents = respondents_of(db, s.id);
  std::vector<domain::RespondentStatus> statuses;
  for (const auto& r : respondents) statuses.push_back({r.district_id, r.sent > 0, r.no_one});
  auto responses = domain::count_responses(statuses);
  auto districts = nlohmann::json::array();
  std::int64_t all_persons = 0, all_population = 0;
  bool population_complete = true;
  for (const auto& d : s.districts) {
    const auto pop_it = pops.find(d.id);
    const bool has_population = pop_it != pops.end();
    auto bands = nlohmann::json::array();
    std::int64_t persons_total = 0, pop_total = 0;
    std::string missing;  // population bands with no population: 「20代、30代」
    for (auto band : domain::kSurveyAgeBand.values) {
      const std::string b(band);
      auto f = found.find({d.id, b});
      const std::int64_t n = f == found.end() ? 0 : f->second;
      persons_total += n;
      std::optional<std::int64_t> pop;
      if (has_population && pop_it->second.bands.contains(b)) pop = pop_it->second.bands.at(b);
      if (pop) pop_total += *pop;
      else if (domain::kPopulationAgeBand.contains(b)) missing += (missing.empty() ? "" : "、") + b;
      bands.push_back({{"age_band", b}, {"persons", n}, {"population", pop ? nlohmann::json(*pop) : nlohmann::json(nullptr)},
                       {"per_1000", per_thousand(n, pop)}});
    }
    // A district's rate divides its persons (of every band, 「分からない」
    // too) by its residents aged 10 and over: only when every band has its
    // population. Over the bands that have one it would divide persons of
    // any age by residents of some ages (12 persons ÷ the 40代's 3,000).
    const bool complete = missing.empty();
    nlohmann::json reason = nullptr;
    if (!has_population) reason = "この地区の人口が登録されていないため、割合は出せません。";
    else if (!complete)
      reason = "人口が登録されていない年代（" + missing + "）があるため、地区全体の割合は出せません。年代ごとの割合をご覧ください。";
    if (!complete) population_complete = false;
    all_persons += persons_total;
    all_population += pop_total;
    auto response = response_json(responses.contains(d.id) ? responses[d.id] : domain::ResponseCount{});
    districts.push_back({{"district_id", d.id},
                         {"district_name", d.name},
                         {"population_year", has_population ? nlohmann::json(pop_it->second.year) : nlohmann::json(nullptr)},
                         {"persons", persons_total},
                         {"population", complete ? nlohmann::json(pop_total) : nlohmann::json(nullptr)},
                         {"per_1000", complete ? per_thousand(persons_total, pop_total) : nlohmann::json(nullptr)},
                         {"per_1000_reason", reason},
                         {"bands", bands},
                         {"response_rate", response["rate"]},
                         {"caution", response["low"].get<bool>()
                                         ? nlohmann::json("回収率が低いため、この地区の数は実際より少ない可能性があります。")
                                         : nlohmann::json(nullptr)}});
  }
  return {{"districts", districts},
          {"persons", all_persons},
          {"population", population_complete ? nlohmann::json(all_population) : nlohmann::json(nullptr)},
          {"per_1000", population_complete ? per_thousand(all_persons, all_population) : nlohmann::json(nullptr)},
          {"per_1000_reason", population_complete ? nlohmann::json(nullptr)
                                                  : nlohmann::json("人口がそろっていない地区があるため、全体の割合は出せません。")},
          {"denominator", std::string(kRateDenominator)},
          {"note", "人数は送信済みの調査票から、同一人物と判断した票を1人として数えています。年代が「分からない」の方は地区の合計にだけ含みます。"}};
}

nlohmann::json item_results(store::Connection& db, const Survey& s) {
  // The counts kept by every card write, less the answers of the cards
  // another card of the same person stands for.
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  for (const auto& r : db.query("SELECT item_key, answer, count FROM survey_answer_counts WHERE survey_id = ?", {s.id}))
    counts[{r.text(0), r.text(1)}] = r.integer(2);
  const auto twice = cards_counted_twice(db, s.id);
  for (const auto& id : twice)
    if (auto r = db.query_one("SELECT answers FROM survey_cards WHERE id = ?", {id})) {
      const auto answers = nlohmann::json::parse(r->text(0));
      for (const auto& [key, list] : answers.items())
        for (const auto& a : list) --counts[{key, a.get<std::string>()}];
    }
  const std::int64_t sent =
      db.query_one("SELECT COUNT(*) FROM survey_cards WHERE survey_id = ? AND state = '送信済み'", {s.id})->integer(0);
  auto items = nlohmann::json::array();
  for (const auto& item : s.items) {
    auto answers = nlohmann::json::array();
    for (const auto& c : item.choices) answers.push_back({{"answer", c}, {"count", counts[{item.key, c}]}});
    items.push_back({{"key", item.key}, {"label", item.label}, {"multiple", item.multiple}, {"answers", answers},
                     {"dont_know", counts[{item.key, std::string(domain::kDontKnow)}]}});
  }
  return {{"persons", sent - static_cast<std::int64_t>(twice.size())}, {"items", items}};
}

nlohmann::json area_population(store::Connection& db, const std::string& area_id, std::int64_t year) {
  auto bands = nlohmann::json::array();
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> found;
  for (const auto& r : db.query("SELECT age_band, population FROM area_populations WHERE area_id = ? AND year = ?",
                                {area_id, year}))
    found[r.text(0)] = r.integer(1);
  for (auto band : domain::kPopulationAgeBand.values) {
    const std::string b(band);
    if (!found.contains(b)) continue;
    bands.push_back({{"age_band", b}, {"population", found[b]}});
    total += found[b];
  }
  return {{"area_id", area_id}, {"year", year}, {"bands", bands}, {"total", total}};
}

bool may_set_population(store::Connection& db, const Actor& actor, const std::string& area_id) {
  if (actor.role == Role::admin) return true;
  if (actor.role != Role::supervisor) return false;
  return db
      .query_one("SELECT 1 FROM organisations o JOIN areas oa ON oa.id = o.area_id JOIN areas a ON a.id = ? "
                 "LEFT JOIN areas p ON p.id = a.parent_id WHERE o.id = ? AND oa.level IN ('prefecture', 'municipality') "
                 "AND (a.id = oa.id OR a.parent_id = oa.id OR p.parent_id = oa.id)",
                 {area_id, actor.organisation_id})
      .has_value();
}

nlohmann::json set_area_population(store::Connection& db, const Actor& actor, const std::string& area_id,
                                   const nlohmann::json& body) {
  if (!may_set_population(db, actor, area_id))
    throw Problem(403, "forbidden", std::string(kPopulationWriters));
  Input in(body);
  auto year = in.integer("year", "年", true, 1950, 2100);
  std::map<std::string, std::int64_t> bands;
  const auto& list = body.contains("bands") ? body["bands"] : nlohmann::json();
  if (!list.is_array() || list.empty() || list.size() > domain::kPopulationAgeBand.size()) {
    in.fail("bands", "年代ごとの人口を1つ以上指定してください。");
  } else {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string field = "bands[" + std::to_string(i) + "]";
      if (!list[i].is_object()) {
        in.fail(field, "年代ごとの人口は {age_band, population} の形で指定してください。");
        continue;
      }
      Input sub(list[i]);
      auto band = sub.choice("age_band", "年代", domain::kPopulationAgeBand.values, true);
      // Any whole number is read, so that the message below says what is
      // wrong in words rather than as the limits of a 64-bit integer.
      auto pop = sub.integer("population", "人口", true, std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max());
      if (pop && *pop <= 0)
        sub.fail("population", "人口は1人以上で入力してください（0人の年代は、割合を計算できないため登録できません）。");
      else if (pop && *pop > 100'000'000)
        sub.fail("population", "人口は1億人までで入力してください。");
      if (band && bands.contains(*band)) sub.fail("age_band", *band + "が2回指定されています。");
      if (!nested_ok(in, sub, field)) continue;
      bands[*band] = *pop;
    }
  }
  in.check();
  const std::string now = now_utc();
  for (const auto& [band, pop] : bands) {
    db.execute("DELETE FROM area_populations WHERE area_id = ? AND year = ? AND age_band = ?", {area_id, *year, band});
    db.execute(
        "INSERT INTO area_populations (area_id, year, age_band, population, updated_by, updated_at) VALUES (?,?,?,?,?,?)",
        {area_id, *year, band, pop, actor.user_id, now});
  }
  audit(db, actor, {"update", "area_population", area_id, std::to_string(*year) + "年 " + std::to_string(bands.size()) + "区分"});
  return area_population(db, area_id, *year);
}

}  // namespace tsunagu::service
