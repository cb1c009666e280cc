// Matching (マッチング, seed 003): ranking the resources of the directory
// for one case against the person's interests and strengths (興味関心・
// できること of the latest assessment) and limits (age, sex, online only,
// cost, area).
//
// The ranking ONLY SUGGESTS. It explains itself in Japanese, one sentence
// per rule that fired, so that staff can talk it through with the person;
// nothing is sent and no one is referred without a person choosing.
// Limits that rule a resource out (a women-only place for a man, ages the
// place does not take) exclude it with the reason, rather than hiding it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// Whom a resource of the directory takes (女子会 and the like) and what it
// costs; matching reads both.
inline constexpr std::array<std::string_view, 3> kResourceGenderValues{
    "指定なし", "女性のみ", "男性のみ"};
inline constexpr EnumSpec kResourceGender{"resource_gender", "対象の性別",
                                          kResourceGenderValues};
inline constexpr std::array<std::string_view, 4> kResourceCostValues{
    "無料", "一部有料", "有料", "不明"};
inline constexpr EnumSpec kResourceCost{"resource_cost", "費用",
                                        kResourceCostValues};

// What is known of the person, as the service loaded it.
struct MatchProfile {
  // The person's age, or the range of their recorded band ("20代" → 20..29);
  // both empty when unknown.
  std::optional<int> age_low, age_high;
  std::optional<std::string> sex;           // 男性 / 女性 / その他 / 不明
  std::vector<std::string> interests;       // terms (split_terms of 興味関心)
  std::vector<std::string> strengths;       // terms (split_terms of できること)
  bool online_only = false;                 // the person can only take part online
  bool free_only = false;                   // the person can only use free places
  bool goes_out_little = false;             // 外出状況: the three 狭義 answers
  std::vector<std::string> area_ids;        // the person's district and its ancestors
};

// A resource, as far as matching needs it.
struct MatchCandidate {
  std::string id, name;
  std::optional<std::int64_t> age_min, age_max;
  std::string gender;  // 指定なし / 女性のみ / 男性のみ
  bool in_person = true, online = false;
  std::string cost;    // 無料 / 一部有料 / 有料 / 不明
  std::optional<std::string> area_id, area_name;
  std::string search_text;  // normalize_for_search of name, services and tags
};

struct Match {
  std::string id;
  int score = 0;
  bool excluded = false;
  std::vector<std::string> reasons;   // why it fits ("関心: 絵を描く に合う")
  std::vector<std::string> cautions;  // why it was lowered or excluded
};

// Points per rule; the ranking is their sum. Named so the tests and the
// API documentation say the same thing.
inline constexpr int kInterestPoints = 30;   // per matched interest, at most 3 counted
inline constexpr int kStrengthPoints = 20;   // per matched strength, at most 3 counted
inline constexpr int kOnlinePoints = 15;     // online, when the person goes out little
inline constexpr int kAreaPoints = 15;       // in the person's area
inline constexpr int kAgePoints = 10;        // the person's age inside the target ages
inline constexpr int kGenderPoints = 10;     // a women-only / men-only place that fits
inline constexpr int kFreePoints = 5;        // free of charge
inline constexpr int kOutsideAreaPenalty = 15;  // in person only, outside the person's area
inline constexpr int kPartlyPaidPenalty = 10;   // 一部有料 when only free places will do
inline constexpr std::size_t kMaxCountedTerms = 3;

// Splits a free-text field (興味関心, できること) into terms: at 、，,。・/／
// and line breaks and spaces; trims; drops a trailing 「こと」「が好き」
// 「が得意」 so that 「絵を描くこと」 is looked for as 「絵を描く」; keeps
// terms of 2 to 30 code points, without duplicates, in order, at most 20.
std::vector<std::string> split_terms(std::string_view text);

// Age range of a person band (kPersonAgeBandValues): "20代" → {20, 29},
// "10歳未満" → {0, 9}, "90代以上" → {90, 150}; nullopt for 不明 or unknown.
std::optional<std::pair<int, int>> age_range_of_band(std::string_view band);

// Scores one resource for the profile.
Match match(const MatchProfile& profile, const MatchCandidate& candidate);

// Every candidate scored: those not excluded first, by score (highest
// first), ties in the given order (the directory's order: by name); the
// excluded ones after them, in the given order.
std::vector<Match> rank(const MatchProfile& profile, const std::vector<MatchCandidate>& candidates);

}  // namespace tsunagu::domain
