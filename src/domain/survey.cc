#include "domain/survey.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/assessment.h"
#include "domain/duration_band.h"
#include "domain/outing.h"

namespace tsunagu::domain {
namespace {

std::vector<std::string> strings(std::span<const std::string_view> values) {
  return {values.begin(), values.end()};
}

// A list of PRODUCT.md's values with 「分からない」 appended.
std::vector<std::string> plus_dont_know(std::span<const std::string_view> values) {
  return with_dont_know(strings(values));
}

}  // namespace

std::vector<SurveyItem> survey_template() {
  return {
      {"age_band", "年代", strings(kSurveyAgeBand.values), false, false},
      {"gender", "性別", strings(kSurveyGender.values), false, false},
      {"household", "世帯の状況", strings(kSurveyHousehold.values), false, false},
      {"duration", "今の状態になってからの期間", plus_dont_know(kDurationBand.values), false, false},
      {"outing", "ふだんの外出の様子（外出状況）", plus_dont_know(kOutingLevel.values), false, false},
      {"trigger", "きっかけと思われること", plus_dont_know(kTrigger.values), true, false},
      {"support", "いま支えになっている人や機関", strings(kSurveySupport.values), false, false},
      {"knows_centre", "ご本人やご家族が相談窓口を知っているか", {"知っている", "知らない", std::string(kDontKnow)}, false,
       false},
      {"needs", "必要と思われる支援", strings(kSurveyNeed.values), true, false},
  };
}

std::vector<std::string> with_dont_know(const std::vector<std::string>& choices) {
  std::vector<std::string> out;
  for (const auto& c : choices)
    if (!c.empty() && c != kDontKnow && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  out.emplace_back(kDontKnow);
  return out;
}

std::optional<std::string> check_answer(const SurveyItem& item, const std::vector<std::string>& answer) {
  if (answer.empty()) return "「" + item.label + "」に答えてください（分からないときは「分からない」を選べます）。";
  if (!item.multiple && answer.size() != 1) return "「" + item.label + "」は1つだけ選んでください。";
  std::set<std::string> seen;
  for (const auto& a : answer) {
    if (std::find(item.choices.begin(), item.choices.end(), a) == item.choices.end())
      return "「" + item.label + "」の回答「" + a + "」は選択肢にありません。";
    if (!seen.insert(a).second) return "「" + item.label + "」で「" + a + "」が2回選ばれています。";
  }
  if (answer.size() > 1 && (seen.contains(std::string(kDontKnow)) || seen.contains("特にない")))
    return "「" + item.label + "」で「分からない」や「特にない」を選ぶときは、ほかの回答と一緒に選べません。";
  return std::nullopt;
}

std::optional<double> ResponseCount::rate() const {
  if (distributed == 0) return std::nullopt;
  return static_cast<double>(returned) / static_cast<double>(distributed);
}

std::map<std::string, ResponseCount> count_responses(const std::vector<RespondentStatus>& respondents) {
  std::map<std::string, ResponseCount> out;
  out[""];
  for (const auto& r : respondents) {
    for (auto* c : {&out[r.district_id], &out[""]}) {
      ++c->distributed;
      if (r.sent_card || r.no_one) ++c->returned;
      if (r.no_one && !r.sent_card) ++c->no_one;
      if (!r.sent_card && !r.no_one) ++c->not_returned;
    }
  }
  return out;
}

std::vector<DuplicatePair> possible_duplicates(const std::vector<CardKey>& cards) {
  // Group by the key, then pair within a group across respondents.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<const CardKey*>> groups;
  for (const auto& c : cards) {
    if (c.age_band == kDontKnow || c.gender == kDontKnow || c.household == kDontKnow) continue;
    groups[{c.district_id, c.age_band, c.gender, c.household}].push_back(&c);
  }
  std::vector<DuplicatePair> out;
  for (const auto& [key, members] : groups)
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        if (members[i]->respondent_id == members[j]->respondent_id) continue;
        auto a = members[i]->id, b = members[j]->id;
        if (b < a) std::swap(a, b);
        out.push_back({a, b});
      }
  std::sort(out.begin(), out.end(),
            [](const DuplicatePair& x, const DuplicatePair& y) { return std::tie(x.card_a, x.card_b) < std::tie(y.card_a, y.card_b); });
  return out;
}

std::map<std::string, std::string> representatives(const std::vector<std::string>& card_ids,
                                                   const std::vector<DuplicatePair>& same_person) {
  std::map<std::string, std::string> parent;
  for (const auto& id : card_ids) parent[id] = id;
  auto find = [&](std::string x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& p : same_person) {
    if (!parent.contains(p.card_a) || !parent.contains(p.card_b)) continue;  // a card no longer counted
    auto a = find(p.card_a), b = find(p.card_b);
    if (a == b) continue;
    if (b < a) std::swap(a, b);
    parent[b] = a;
  }
  std::map<std::string, std::string> out;
  for (const auto& id : card_ids) out[id] = find(id);
  return out;
}

std::int64_t distinct_persons(const std::vector<std::string>& card_ids,
                              const std::vector<DuplicatePair>& same_person) {
  std::int64_t n = 0;
  for (const auto& [card, rep] : representatives(card_ids, same_person))
    if (card == rep) ++n;
  return n;
}

}  // namespace tsunagu::domain
