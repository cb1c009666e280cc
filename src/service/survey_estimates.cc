// The estimators' answers (service/surveys.h): the Cabinet Office
// arithmetic on given figures, and capture–recapture on linked counts —
// Chapman for two lists, log-linear models for three to five. No database:
// these read only the body.
#include <string>
#include <vector>

#include "domain/estimators.h"
#include "service/input.h"
#include "service/nested_input.h"
#include "service/problem.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

constexpr char kTwoListWarning[] =
    "2つの名簿だけでは、名簿どうしが独立かどうかを確かめられません。民生委員が相談窓口につないだ方は両方に載りやすいため、"
    "実際の人数はこの推計より多い可能性があります。数字は幅のある目安として扱ってください。";
constexpr char kFewOnBothCaution[] =
    "両方の名簿に載っている方が7人未満のため、推計は不安定です（1人の違いで大きく変わります）。幅のある目安として扱ってください。";

nlohmann::json interval_or_null(const std::optional<domain::Interval>& i) {
  return i ? nlohmann::json({i->low, i->high}) : nlohmann::json(nullptr);
}

nlohmann::json estimate_json(const domain::PrevalenceEstimate& e, std::int64_t cases) {
  return {{"cases", cases},
          {"rate", e.rate},
          {"rate_ci", {e.rate_ci.low, e.rate_ci.high}},
          {"estimate", e.estimate},
          {"estimate_ci", {e.estimate_ci.low, e.estimate_ci.high}}};
}

// Why a list of the cells gives no estimate: fewer than 2 persons on it.
std::optional<std::string> small_list(const nlohmann::json& names, const std::vector<std::int64_t>& counts) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::int64_t n = 0;
    for (std::size_t h = 1; h < counts.size(); ++h)
      if ((h >> i) & 1) n += counts[h];
    if (n < 2)
      return "名簿「" + names[i].get<std::string>() + "」に載っている方が" + std::to_string(n) +
             "人です。推計には、どの名簿にも2人以上が必要です。";
  }
  return std::nullopt;
}

}  // namespace

nlohmann::json two_list_estimate(const nlohmann::json& names, std::int64_t n1, std::int64_t n2, std::int64_t m) {
  nlohmann::json out = {{"lists", names},
                        {"method", "Chapman 推定量（2つの名簿）。95%信頼区間は Chao の対数正規法（分散は Seber）による"},
                        {"warning", kTwoListWarning},
                        {"estimate", nullptr},
                        {"reason", nullptr},
                        {"caution", nullptr}};
  if (auto why = domain::chapman_refusal(n1, n2, m)) {
    if (*why == domain::ChapmanRefusal::no_overlap)
      out["reason"] = "2つの名簿の両方に載っている方がいないため、推計できません（重なりがないと、全体の人数を見積もる手がかりがありません）。";
    else if (auto small = small_list(names, {0, n1 - m, n2 - m, m}))
      out["reason"] = *small;
    else
      out["reason"] = "名簿の人数と重なりの人数の組み合わせが正しくありません。";
    return out;
  }
  const auto e = *domain::chapman(n1, n2, m);
  out["estimate"] = {{"total", e.total}, {"ci", interval_or_null(e.ci)}, {"unseen", e.unseen}, {"seen", e.seen}};
  if (!e.ci)
    out["reason"] = "一方の名簿の全員がもう一方の名簿にも載っているため、推計は載っている方の数と同じになり、信頼区間は求められません"
                    "（幅0の区間は確かさを示すものではありません）。";
  if (e.few_on_both) out["caution"] = kFewOnBothCaution;
  return out;
}

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
  // The 平成27年度 report multiplied rates rounded to 2 decimals of a
  // percent (1.57 %); giving the digits reproduces such published figures.
  const auto digits = in.integer("rate_percent_digits", "出現率を丸める桁数（%の小数点以下）", false, 0, 4);
  in.check();
  const auto digits_or = digits ? std::optional<int>(static_cast<int>(*digits)) : std::nullopt;
  auto rows = nlohmann::json::array();
  std::int64_t answered = 0, narrow = 0, semi = 0, population = 0;
  std::vector<domain::Stratum> broad_groups, narrow_groups, semi_groups;
  const auto one = [&](std::int64_t cases, const AgeGroup& g) {
    return estimate_json(*domain::cabinet_office_estimate(cases, g.answered, g.population, digits_or), cases);
  };
  for (const auto& g : groups) {
    rows.push_back({{"label", g.label},
                    {"answered", g.answered},
                    {"population", g.population},
                    {"broad", one(g.narrow + g.semi, g)},
                    {"narrow", one(g.narrow, g)},
                    {"semi", one(g.semi, g)}});
    answered += g.answered;
    narrow += g.narrow;
    semi += g.semi;
    population += g.population;
    broad_groups.push_back({g.narrow + g.semi, g.answered, g.population});
    narrow_groups.push_back({g.narrow, g.answered, g.population});
    semi_groups.push_back({g.semi, g.answered, g.population});
  }
  nlohmann::json total = nullptr;
  if (groups.size() > 1) {
    // The groups are sampled separately: the total is stratified (the
    // groups' estimates added, domain::stratified_estimate), never the
    // pooled answers, which weight each group by its sample.
    const auto stratified = [&](const std::vector<domain::Stratum>& g, std::int64_t cases) {
      return estimate_json(*domain::stratified_estimate(g, digits_or), cases);
    };
    total = {{"answered", answered},
             {"population", population},
             {"broad", stratified(broad_groups, narrow + semi)},
             {"narrow", stratified(narrow_groups, narrow)},
             {"semi", stratified(semi_groups, semi)},
             {"method", domain::kStratifiedIntervalMethod},
             {"note", "合計の出現率は、推計数の合計÷人口の合計です（回答を合算した割合ではありません）。"}};
  }
  return {{"groups", rows},
          {"total", total},
          {"rate_percent_digits", digits ? nlohmann::json(*digits) : nlohmann::json(nullptr)},
          {"method", domain::kIntervalMethod},
          {"definition", "広義のひきこもり群＝狭義（近所のコンビニなどには出かける・自室からは出るが、家からは出ない・自室からほとんど出ない）＋準（趣味の用事のときだけ外出する）、その状態が6か月以上"},
          {"note", "推計数＝出現率×人口（内閣府の方法）。信頼区間は標本のばらつきだけを表し、回答しなかった方の偏りは含みません。"}};
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
  if (auto why = small_list(lists, counts)) throw invalid({{"cells", *why}});
  if (k == 2) return two_list_estimate(lists, counts[1] + counts[3], counts[2] + counts[3], counts[3]);
  return log_linear_estimate(lists, counts);
}

nlohmann::json log_linear_estimate(const nlohmann::json& lists, const std::vector<std::int64_t>& counts) {
  const auto k = lists.size();
  nlohmann::json out = {{"lists", lists}};
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
  // Persons on two lists or more: what links the lists at all.
  std::int64_t linked = 0;
  for (std::size_t h = 1; h < counts.size(); ++h)
    if (h & (h - 1)) linked += counts[h];
  out["seen"] = r->seen;
  out["models"] = models;
  out["chosen"] = models.empty() || !models[0]["converged"].get<bool>() ? nlohmann::json(nullptr) : models[0];
  out["method"] =
      "対数線形モデル（名簿ごとの主効果と、2つの名簿の依存の項の組み合わせすべて）を最尤法で当てはめ、AIC の小さい順に並べています。"
      "信頼区間は、載っていない方の数の対数についての Wald 法（95%）です。";
  out["note"] = "AIC の差が小さいモデルどうしは、データからは選び分けられません。上位のモデルの幅をあわせて見てください。";
  out["reason"] = out["chosen"].is_null()
                      ? nlohmann::json("どのモデルも推計できませんでした。2つ以上の名簿に載っている方が少ないか、誰もいない名簿があるためです。")
                      : nlohmann::json(nullptr);
  out["caution"] = linked < domain::kFewOnBoth
                       ? nlohmann::json("2つ以上の名簿に載っている方が7人未満のため、推計は不安定です。幅のある目安として扱ってください。")
                       : nlohmann::json(nullptr);
  return out;
}

}  // namespace tsunagu::service
