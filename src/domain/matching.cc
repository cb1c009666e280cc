#include "domain/matching.h"

#include <algorithm>
#include <array>

#include "domain/text_normalize.h"

namespace tsunagu::domain {
namespace {

constexpr std::array<std::string_view, 16> kSeparators{"、", "，", "。", "・", "／", "　", "；", "「", "」",
                                                       ",",  "/",  ";",  " ",  "\n", "\r", "\t"};
// Longest first, so 「が好きです」 goes before 「です」.
constexpr std::array<std::string_view, 6> kSuffixes{"が好きです", "が得意です", "が好き", "が得意", "こと", "です"};
constexpr std::size_t kMaxTerms = 20;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Adds the points of the matched terms (at most kMaxCountedTerms) and one
// reason per matched term.
void match_terms(const std::vector<std::string>& terms, const std::string& text, std::string_view label,
                 int points, Match& m) {
  std::size_t counted = 0;
  for (const auto& term : terms) {
    std::string norm = normalize_for_search(term);
    if (norm.empty() || text.find(norm) == std::string::npos) continue;
    m.reasons.push_back(std::string(label) + ": " + term + " に合う");
    if (counted++ < kMaxCountedTerms) m.score += points;
  }
}

std::string age_span(const MatchCandidate& c) {
  std::string s = "対象年齢（";
  if (c.age_min) s += std::to_string(*c.age_min) + "歳";
  s += "〜";
  if (c.age_max) s += std::to_string(*c.age_max) + "歳";
  return s + "）";
}

void match_age(const MatchProfile& p, const MatchCandidate& c, Match& m) {
  if (!c.age_min && !c.age_max) return;
  if (!p.age_low || !p.age_high) {
    m.cautions.push_back("本人の年齢がわからないため、" + age_span(c) + "を確かめてください");
    return;
  }
  std::int64_t lo = c.age_min.value_or(0), hi = c.age_max.value_or(1000);
  if (*p.age_high < lo || *p.age_low > hi) {
    m.excluded = true;
    m.cautions.push_back(age_span(c) + "の外です");
  } else if (*p.age_low >= lo && *p.age_high <= hi) {
    m.score += kAgePoints;
    m.reasons.push_back(age_span(c) + "に入る");
  } else {
    m.cautions.push_back("年代からは" + age_span(c) + "に入るかどうかわかりません。確かめてください");
  }
}

void match_gender(const MatchProfile& p, const MatchCandidate& c, Match& m) {
  if (c.gender != "女性のみ" && c.gender != "男性のみ") return;
  std::string_view fits = c.gender == "女性のみ" ? "女性" : "男性";
  std::string_view other = c.gender == "女性のみ" ? "男性" : "女性";
  if (p.sex && *p.sex == fits) {
    m.score += kGenderPoints;
    m.reasons.push_back(c.gender + "の場で、本人の性別に合う");
  } else if (p.sex && *p.sex == other) {
    m.excluded = true;
    m.cautions.push_back(c.gender + "の場です");
  } else {
    m.cautions.push_back(c.gender + "の場です。本人の希望を確かめてください");
  }
}

void match_mode(const MatchProfile& p, const MatchCandidate& c, Match& m) {
  if (p.online_only && !c.online) {
    m.excluded = true;
    m.cautions.push_back("オンラインでは参加できません（オンラインのみの希望）");
    return;
  }
  if (c.online && (p.online_only || p.goes_out_little)) {
    m.score += kOnlinePoints;
    m.reasons.push_back(p.goes_out_little && !p.online_only ? "オンラインで参加できる（家から参加できる）"
                                                             : "オンラインで参加できる");
  }
}

void match_cost(const MatchProfile& p, const MatchCandidate& c, Match& m) {
  if (c.cost == "無料") {
    m.score += kFreePoints;
    m.reasons.push_back("無料で利用できる");
  } else if (c.cost == "有料" && p.free_only) {
    m.excluded = true;
    m.cautions.push_back("有料です（無料の場のみの希望）");
  } else if (c.cost == "一部有料" && p.free_only) {
    m.score -= kPartlyPaidPenalty;
    m.cautions.push_back("一部有料です（無料の場のみの希望）");
  } else if (c.cost == "不明") {
    m.cautions.push_back("費用がわかりません");
  }
}

void match_area(const MatchProfile& p, const MatchCandidate& c, Match& m) {
  if (!c.area_id || p.area_ids.empty()) return;
  std::string name = c.area_name.value_or("登録された地域");
  if (contains(p.area_ids, *c.area_id)) {
    m.score += kAreaPoints;
    m.reasons.push_back("地域: " + name + " 内");
  } else if (c.online) {
    m.cautions.push_back("本人の地域の外（" + name + "）ですが、オンラインで参加できます");
  } else {
    m.score -= kOutsideAreaPenalty;
    m.cautions.push_back("本人の地域の外（" + name + "）です");
  }
}

}  // namespace

std::vector<std::string> split_terms(std::string_view text) {
  std::string s(text);
  for (auto sep : kSeparators)
    for (auto pos = s.find(sep); pos != std::string::npos; pos = s.find(sep, pos + 1)) s.replace(pos, sep.size(), "\n");
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size() && out.size() < kMaxTerms) {
    auto end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::string term = s.substr(start, end - start);
    start = end + 1;
    for (auto suffix : kSuffixes)
      if (ends_with(term, suffix)) {
        term.resize(term.size() - suffix.size());
        break;
      }
    auto n = codepoint_length(term);
    if (n >= 2 && n <= 30 && !contains(out, term)) out.push_back(term);
  }
  return out;
}

std::optional<std::pair<int, int>> age_range_of_band(std::string_view band) {
  if (band == "10歳未満") return std::pair{0, 9};
  if (band == "90代以上") return std::pair{90, 150};
  // "10代" … "80代": two ASCII digits then 代.
  if (band.size() == 2 + std::string_view("代").size() && band.substr(2) == "代" && band[0] >= '1' && band[0] <= '8' &&
      band[1] == '0') {
    int low = (band[0] - '0') * 10;
    return std::pair{low, low + 9};
  }
  return std::nullopt;
}

Match match(const MatchProfile& profile, const MatchCandidate& candidate) {
  Match m;
  m.id = candidate.id;
  match_terms(profile.interests, candidate.search_text, "関心", kInterestPoints, m);
  match_terms(profile.strengths, candidate.search_text, "できること", kStrengthPoints, m);
  match_age(profile, candidate, m);
  match_gender(profile, candidate, m);
  match_mode(profile, candidate, m);
  match_cost(profile, candidate, m);
  match_area(profile, candidate, m);
  return m;
}

std::vector<Match> rank(const MatchProfile& profile, const std::vector<MatchCandidate>& candidates) {
  std::vector<Match> out;
  out.reserve(candidates.size());
  for (const auto& c : candidates) out.push_back(match(profile, c));
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.excluded != b.excluded) return !a.excluded;
    if (a.excluded) return false;
    return a.score > b.score;
  });
  return out;
}

}  // namespace tsunagu::domain
