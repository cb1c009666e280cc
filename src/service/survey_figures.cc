// Figures of a survey: response, district rates, results per item, area
// populations, the Cabinet Office arithmetic and capture–recapture
// (service/surveys.h).
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

constexpr char kTwoListWarning[] =
    "2つの名簿だけでは、名簿どうしが独立かどうかを確かめられません。民生委員が相談窓口につないだ方は両方に載りやすいため、"
    "実際の人数はこの推計より多い可能性があります。数字は幅のある目安として扱ってください。";

nlohmann::json chapman_json(std::int64_t n1, std::int64_t n2, std::int64_t m) {
  auto e = domain::chapman(n1, n2, m);
  if (!e) return nullptr;
  return {{"total", e->total}, {"ci", {e->ci.low, e->ci.high}}, {"unseen", e->unseen}, {"seen", e->seen}};
}


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

// Persons (sent cards, 同一人物 counted once) grouped by `columns` (a
// constant list of survey_cards columns): counted in the database, then
// the few cards another card stands for taken out.
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

nlohmann::json per_thousand(std::int64_t persons, std::optional<std::int64_t> population) {
  if (!population || *population <= 0) return nullptr;
  return static_cast<double>(persons) * 1000.0 / static_cast<double>(*population);
}

}  // namespace

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
    for (auto band : domain::kSurveyAgeBand.values) {
      const std::string b(band);
      auto f = found.find({d.id, b});
      const std::int64_t n = f == found.end() ? 0 : f->second;
      persons_total += n;
      std::optional<std::int64_t> pop;
      if (has_population && pop_it->second.bands.contains(b)) pop = pop_it->second.bands.at(b);
      if (pop) pop_total += *pop;
      bands.push_back({{"age_band", b}, {"persons", n}, {"population", pop ? nlohmann::json(*pop) : nlohmann::json(nullptr)},
                       {"per_1000", per_thousand(n, pop)}});
    }
    if (!has_population) population_complete = false;
    all_persons += persons_total;
    all_population += pop_total;
    auto response = response_json(responses.contains(d.id) ? responses[d.id] : domain::ResponseCount{});
    districts.push_back({{"district_id", d.id},
                         {"district_name", d.name},
                         {"population_year", has_population ? nlohmann::json(pop_it->second.year) : nlohmann::json(nullptr)},
                         {"persons", persons_total},
                         {"population", has_population ? nlohmann::json(pop_total) : nlohmann::json(nullptr)},
                         {"per_1000", has_population ? per_thousand(persons_total, pop_total) : nlohmann::json(nullptr)},
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

nlohmann::json set_area_population(store::Connection& db, const Actor& actor, const std::string& area_id,
                                   const nlohmann::json& body) {
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
      auto pop = sub.integer("population", "人口", true, std::numeric_limits<std::int64_t>::min(), 100'000'000);
      if (pop && *pop <= 0)
        sub.fail("population", "人口は1人以上で入力してください（0人の年代は、割合を計算できないため登録できません）。");
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

namespace {

nlohmann::json estimate_json(std::int64_t cases, std::int64_t answered, std::int64_t population) {
  auto e = domain::cabinet_office_estimate(cases, answered, population);
  return {{"cases", cases},
          {"rate", e->rate},
          {"rate_ci", {e->rate_ci.low, e->rate_ci.high}},
          {"estimate", e->estimate},
          {"estimate_ci", {e->estimate_ci.low, e->estimate_ci.high}}};
}

}  // namespace

nlohmann::json prevalence_estimate(const nlohmann::json& body) {
  Input in(body);
  struct AgeGroup {
    std::string label;
    std::int64_t answered = 0, narrow = 0, semi = 0, population = 0;
  };
  std::vector<AgeGroup> groups;
  const auto& list = body.contains("groups") ? body["groups"] : nlohmann::json();
  if (!list.is_array() || list.empty() || list.size() > 20) {
    in.fail("groups", "年齢層ごとの数を1つ以上（20まで）指定してください。");
  } else {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string field = "groups[" + std::to_string(i) + "]";
      if (!list[i].is_object()) {
        in.fail(field, "年齢層は {label, answered, narrow, semi, population} の形で指定してください。");
        continue;
      }
      Input sub(list[i]);
      AgeGroup g;
      g.label = sub.text("label", "年齢層", {.required = true, .max = 40});
      auto answered = sub.integer("answered", "有効回答数", true, 1, 100'000'000);
      auto narrow = sub.integer("narrow", "狭義の該当者数", true, 0, 100'000'000);
      auto semi = sub.integer("semi", "準の該当者数", true, 0, 100'000'000);
      auto population = sub.integer("population", "人口", true, 1, 2'000'000'000);
      if (answered && narrow && semi && *narrow + *semi > *answered)
        sub.fail("narrow", "該当者数（狭義＋準）が有効回答数を超えています。");
      if (!nested_ok(in, sub, field)) continue;
      g.answered = *answered;
      g.narrow = *narrow;
      g.semi = *semi;
      g.population = *population;
      groups.push_back(g);
    }
  }
  in.check();
  auto rows = nlohmann::json::array();
  std::int64_t answered = 0, narrow = 0, semi = 0, population = 0;
  nlohmann::json total = nullptr;
  for (const auto& g : groups) {
    rows.push_back({{"label", g.label},
                    {"answered", g.answered},
                    {"population", g.population},
                    {"broad", estimate_json(g.narrow + g.semi, g.answered, g.population)},
                    {"narrow", estimate_json(g.narrow, g.answered, g.population)},
                    {"semi", estimate_json(g.semi, g.answered, g.population)}});
    answered += g.answered;
    narrow += g.narrow;
    semi += g.semi;
    population += g.population;
  }
  if (groups.size() > 1) {
    // In total: each group's estimate added (the groups are sampled
    // separately); the interval from the pooled sample, as a guide.
    double broad_sum = 0, narrow_sum = 0, semi_sum = 0;
    for (const auto& r : rows) {
      broad_sum += r["broad"]["estimate"].get<double>();
      narrow_sum += r["narrow"]["estimate"].get<double>();
      semi_sum += r["semi"]["estimate"].get<double>();
    }
    total = {{"answered", answered},
             {"population", population},
             {"broad", estimate_json(narrow + semi, answered, population)},
             {"narrow", estimate_json(narrow, answered, population)},
             {"semi", estimate_json(semi, answered, population)}};
    total["broad"]["estimate"] = broad_sum;
    total["narrow"]["estimate"] = narrow_sum;
    total["semi"]["estimate"] = semi_sum;
  }
  return {{"groups", rows},
          {"total", total},
          {"method", domain::kIntervalMethod},
          {"definition", "広義のひきこもり群＝狭義（近所のコンビニなどには出かける・自室からは出るが、家からは出ない・自室からほとんど出ない）＋準（趣味の用事のときだけ外出する）、その状態が6か月以上"},
          {"note", "推計数＝出現率×人口（内閣府の方法）。信頼区間は標本のばらつきだけを表し、回答しなかった方の偏りは含みません。"}};
}

namespace {

// The linkage key: district, gender and age band, all known. Built and used
// here only; it never leaves this function's caller.
std::optional<std::string> link_key(const std::string& district, const std::string& gender, const std::string& band) {
  if (district.empty() || band.empty() || gender.empty() || band == domain::kDontKnow || gender == domain::kDontKnow ||
      gender == "不明")
    return std::nullopt;
  return district + "\x1f" + gender + "\x1f" + band;
}

// A case person's band on the card's scale (10代 … 70代以上).
std::string card_band(const std::optional<std::string>& birth, const std::optional<std::string>& stored, const std::string& on) {
  if (birth) {
    auto b = domain::parse_iso_date(*birth);
    auto d = domain::parse_iso_date(on);
    if (b && d)
      if (auto age = domain::age_on(*b, *d)) {
        if (*age < 10) return "";
        if (*age >= 70) return "70代以上";
        return std::to_string(*age / 10 * 10) + "代";
      }
  }
  if (!stored) return "";
  if (*stored == "70代" || *stored == "80代" || *stored == "90代以上") return "70代以上";
  for (auto b : domain::kSurveyAgeBand.values)
    if (*stored == b) return *stored;
  return "";
}

}  // namespace

nlohmann::json capture_recapture(store::Connection& db, const Survey& s) {
  std::map<std::string, std::int64_t> survey_keys, case_keys;
  std::int64_t survey_persons = 0, survey_unlinkable = 0, case_unlinkable = 0, cases_total = 0;
  for (const auto& [k, n] : persons_by(db, s, "district_id, gender, age_band", 3)) {
    survey_persons += n;
    if (auto key = link_key(k[0], k[1], k[2])) survey_keys[*key] += n;
    else survey_unlinkable += n;
  }
  std::set<std::string> districts;
  for (const auto& d : s.districts) districts.insert(d.id);
  // 本人 of the cases of the organisations in the survey's area (the area
  // itself, its municipalities, their districts), counted once per person.
  for (const auto& r : db.query(
           "SELECT DISTINCT p.id, p.district_id, p.sex, p.birth_date, p.age_band FROM cases c "
           "JOIN persons p ON p.id = c.subject_person_id JOIN organisations o ON o.id = c.organisation_id "
           "JOIN areas a ON a.id = o.area_id LEFT JOIN areas m ON m.id = a.parent_id "
           "WHERE (a.id = ? OR a.parent_id = ? OR m.parent_id = ?) AND c.opened_on <= ?",
           {s.area_id, s.area_id, s.area_id, s.ends_on})) {
    const auto district = r.opt_text(1).value_or("");
    if (!district.empty() && !districts.contains(district)) continue;  // lives outside the survey's area
    ++cases_total;
    if (auto k = link_key(district, r.opt_text(2).value_or(""), card_band(r.opt_text(3), r.opt_text(4), s.ends_on)))
      ++case_keys[*k];
    else
      ++case_unlinkable;
  }
  std::int64_t n1 = 0, n2 = 0, m = 0, ambiguous = 0;
  for (const auto& [k, n] : survey_keys) n1 += n;
  for (const auto& [k, n] : case_keys) {
    n2 += n;
    if (survey_keys.contains(k)) {
      m += std::min(n, survey_keys[k]);
      if (n > 1 || survey_keys[k] > 1) ambiguous += std::min(n, survey_keys[k]);
    }
  }
  const nlohmann::json estimate = chapman_json(n1, n2, m);
  return {{"survey_persons", survey_persons},
          {"case_persons", cases_total},
          {"survey_linkable", n1},
          {"case_linkable", n2},
          {"both", m},
          {"survey_only", n1 - m},
          {"case_only", n2 - m},
          {"ambiguous_matches", ambiguous},
          {"survey_unlinkable", survey_unlinkable},
          {"case_unlinkable", case_unlinkable},
          {"method", "Chapman 推定量（2つの名簿）、95%信頼区間は Seber の分散による"},
          {"key", "地区・性別・年代が一致（分からない項目がある票・記録は照合から除く）。照合はサーバーの中だけで行い、誰と誰が一致したかは表示しません。"},
          {"warning", kTwoListWarning},
          {"estimate", estimate}};
}

nlohmann::json capture_recapture_estimate(const nlohmann::json& body) {
  Input in(body);
  const auto& lists = body.contains("lists") ? body["lists"] : nlohmann::json();
  std::size_t k = 0;
  if (!lists.is_array() || lists.size() < 2 || lists.size() > 5) {
    in.fail("lists", "名簿は2つから5つまで、名前の配列で指定してください。");
  } else {
    k = lists.size();
    for (std::size_t i = 0; i < k; ++i)
      if (!lists[i].is_string() || lists[i].get<std::string>().empty() || utf8_length(lists[i].get<std::string>()) > 40)
        in.fail("lists[" + std::to_string(i) + "]", "名簿の名前は40文字までの文字で入力してください。");
  }
  std::vector<std::int64_t> counts(k ? (std::size_t{1} << k) : 0, 0);
  std::vector<bool> given(counts.size(), false);
  const auto& cells = body.contains("cells") ? body["cells"] : nlohmann::json();
  if (!cells.is_array() || cells.empty() || cells.size() > 31) {
    in.fail("cells", "名簿の重なりごとの人数を配列で指定してください。");
  } else if (k) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string field = "cells[" + std::to_string(i) + "]";
      if (!cells[i].is_object()) {
        in.fail(field, "重なりは {pattern, count} の形で指定してください。");
        continue;
      }
      Input sub(cells[i]);
      auto pattern = sub.text("pattern", "重なり", {.required = true, .max = 5});
      auto count = sub.integer("count", "人数", true, 0, 100'000'000);
      std::size_t h = 0;
      bool ok = pattern.size() == k;
      for (std::size_t j = 0; ok && j < k; ++j) {
        if (pattern[j] == '1') h |= std::size_t{1} << j;
        else if (pattern[j] != '0') ok = false;
      }
      if (!ok || h == 0)
        sub.fail("pattern", "重なりは名簿の数と同じ桁の 0 と 1 で書いてください（どの名簿にも載っていない 0…0 は指定できません）。");
      else if (given[h])
        sub.fail("pattern", "重なり " + pattern + " が2回指定されています。");
      if (!nested_ok(in, sub, field)) continue;
      given[h] = true;
      counts[h] = *count;
    }
  }
  in.check();
  nlohmann::json out = {{"lists", lists}};
  if (k == 2) {
    const std::int64_t n1 = counts[1] + counts[3], n2 = counts[2] + counts[3], m = counts[3];
    out["method"] = "Chapman 推定量（2つの名簿）、95%信頼区間は Seber の分散による";
    out["warning"] = kTwoListWarning;
    out["estimate"] = chapman_json(n1, n2, m);
    return out;
  }
  auto r = domain::log_linear_models(static_cast<int>(k), counts);
  auto models = nlohmann::json::array();
  for (const auto& m : r->models) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& [a, b] : m.interactions) terms.push_back({lists[static_cast<std::size_t>(a)], lists[static_cast<std::size_t>(b)]});
    models.push_back({{"name", m.name},
                      {"dependence", terms},
                      {"converged", m.converged},
                      {"total", m.converged ? nlohmann::json(m.total) : nlohmann::json(nullptr)},
                      {"unseen", m.converged ? nlohmann::json(m.unseen) : nlohmann::json(nullptr)},
                      {"ci", m.converged ? nlohmann::json({m.ci.low, m.ci.high}) : nlohmann::json(nullptr)},
                      {"deviance", m.converged ? nlohmann::json(m.deviance) : nlohmann::json(nullptr)},
                      {"df", m.df},
                      {"aic", m.converged ? nlohmann::json(m.aic) : nlohmann::json(nullptr)}});
  }
  out["seen"] = r->seen;
  out["models"] = models;
  out["chosen"] = models.empty() || !models[0]["converged"].get<bool>() ? nlohmann::json(nullptr) : models[0];
  out["method"] =
      "対数線形モデル（名簿ごとの主効果と、2つの名簿の依存の項の組み合わせすべて）を最尤法で当てはめ、AIC の小さい順に並べています。"
      "信頼区間は、載っていない方の数の対数についての Wald 法（95%）です。";
  out["note"] = "AIC の差が小さいモデルどうしは、データからは選び分けられません。上位のモデルの幅をあわせて見てください。";
  return out;
}

}  // namespace tsunagu::service
