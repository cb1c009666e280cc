// 実態把握調査: the questionnaire a municipality sends to 民生委員・児童委員
// (and 地域包括支援センター, 学校 …), the anonymous cards they return, the
// response rate and the possible duplicates. Pure rules, no I/O.
//
// The cards are anonymous by design (PRODUCT.md, survey): district, age
// band, gender, household and the items — never a name or an address.
// Volunteers answer from what they already know, so every item offers
// 「分からない」 as an explicit answer: an unknown is data, not a gap, and the
// report shows it. The template follows the seeds (柳川市-style cards; the
// Cabinet Office's 外出状況 and 期間).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::string_view kDontKnow = "分からない";

// Who is asked to answer a survey.
inline constexpr std::array<std::string_view, 5> kSurveyRespondentKindValues{
    "民生委員・児童委員", "地域包括支援センター", "学校", "相談支援事業所", "その他"};
inline constexpr EnumSpec kSurveyRespondentKind{"survey_respondent_kind", "回答をお願いする方",
                                                kSurveyRespondentKindValues};

// A card is kept as a draft on the respondent's phone until they send it.
inline constexpr std::array<std::string_view, 2> kSurveyCardStateValues{"下書き", "送信済み"};
inline constexpr EnumSpec kSurveyCardState{"survey_card_state", "調査票の状態", kSurveyCardStateValues};

// Staff's decision on two cards that may describe the same person. 未判断
// is also where a decision is taken back to (the decision is reversible).
inline constexpr std::array<std::string_view, 3> kSurveyDuplicateDecisionValues{"未判断", "同一人物", "別人"};
inline constexpr EnumSpec kSurveyDuplicateDecision{"survey_duplicate_decision", "重複の判断",
                                                   kSurveyDuplicateDecisionValues};

// The card's own lists, each ending in 「分からない」.
inline constexpr std::array<std::string_view, 8> kSurveyAgeBandValues{
    "10代", "20代", "30代", "40代", "50代", "60代", "70代以上", kDontKnow};
inline constexpr EnumSpec kSurveyAgeBand{"survey_age_band", "年代", kSurveyAgeBandValues};
// The bands a district's population is entered by (the card's bands
// without 「分からない」).
inline constexpr std::array<std::string_view, 7> kPopulationAgeBandValues{
    "10代", "20代", "30代", "40代", "50代", "60代", "70代以上"};
inline constexpr EnumSpec kPopulationAgeBand{"population_age_band", "人口の年代", kPopulationAgeBandValues};

inline constexpr std::array<std::string_view, 4> kSurveyGenderValues{"男性", "女性", "その他", kDontKnow};
inline constexpr EnumSpec kSurveyGender{"survey_gender", "性別", kSurveyGenderValues};

inline constexpr std::array<std::string_view, 7> kSurveyHouseholdValues{
    "単身", "親と同居", "高齢の親と同居（8050など）", "配偶者・子と同居", "きょうだいと同居", "その他", kDontKnow};
inline constexpr EnumSpec kSurveyHousehold{"survey_household", "世帯の状況", kSurveyHouseholdValues};

inline constexpr std::array<std::string_view, 5> kSurveySupportValues{
    "相談機関の支援を受けている", "医療機関にかかっている", "家族以外の支えは見当たらない", "その他", kDontKnow};
inline constexpr EnumSpec kSurveySupport{"survey_support", "支援の状況", kSurveySupportValues};

inline constexpr std::array<std::string_view, 9> kSurveyNeedValues{
    "相談窓口の情報", "家族への支援", "居場所", "訪問による支援", "就労に向けた支援",
    "医療",           "生活の支援（経済面など）", "特にない", kDontKnow};
inline constexpr EnumSpec kSurveyNeed{"survey_need", "必要と思われる支援", kSurveyNeedValues};

// One question of a questionnaire. `choices` always ends in 「分からない」.
struct SurveyItem {
  std::string key;    // ASCII, stable: "outing", "custom_1"
  std::string label;  // the question as printed
  std::vector<std::string> choices;
  bool multiple = false;  // several answers may be ticked
  bool custom = false;    // added by the organisation
};

// The template every survey starts from, in the order of the printed card:
// 年代, 性別, 世帯の状況, 期間, 外出状況, きっかけ, 支援の状況, 窓口を知って
// いるか, 必要と思われる支援. age_band, gender and household are also the
// card's own columns (duplicates are matched on them).
std::vector<SurveyItem> survey_template();

// `choices` with 「分からない」 appended when missing, blanks and repeats
// dropped, order kept.
std::vector<std::string> with_dont_know(const std::vector<std::string>& choices);

// Why an answer to `item` cannot be kept; nullopt when it can. A single
// item takes exactly one of its choices; a multiple item one or more,
// distinct, and 「分からない」 (or 「特にない」) only alone.
std::optional<std::string> check_answer(const SurveyItem& item, const std::vector<std::string>& answer);

// --- responses ---
struct RespondentStatus {
  std::string district_id;
  bool sent_card = false;  // at least one card sent
  bool no_one = false;     // answered 「該当者なし」
};
struct ResponseCount {
  std::int64_t distributed = 0, returned = 0, no_one = 0, not_returned = 0;
  // returned ÷ distributed; nullopt when nothing was distributed.
  std::optional<double> rate() const;
};
// A respondent has returned the survey when they sent at least one card or
// answered 該当者なし; 該当なし counts only those without a card. By
// district, and overall under the key "".
std::map<std::string, ResponseCount> count_responses(const std::vector<RespondentStatus>& respondents);

// Below this response rate a district's figures carry a caution: the
// seeds report 60 %–90 %, and under 70 % the unreturned part is large
// enough to change a district's ranking.
inline constexpr double kLowResponseRate = 0.70;

// --- duplicates ---
struct CardKey {
  std::string id, respondent_id, district_id, age_band, gender, household;
};
struct DuplicatePair {
  std::string card_a, card_b;  // card_a < card_b
};
// Pairs of cards from different respondents that agree on district, age
// band, gender and household, none of them 「分からない」 (two unknowns
// agree on nothing). Ordered by (card_a, card_b).
std::vector<DuplicatePair> possible_duplicates(const std::vector<CardKey>& cards);

// How many persons the cards stand for: cards, minus one for every card
// that staff decided is the same person as another (union of the 同一人物
// pairs: three cards joined by two decisions are one person).
std::int64_t distinct_persons(const std::vector<std::string>& card_ids,
                              const std::vector<DuplicatePair>& same_person);
// For each card, the card that stands for its person (the smallest id of
// its 同一人物 group; itself when alone). A card counts as a person iff it
// is its own representative.
std::map<std::string, std::string> representatives(const std::vector<std::string>& card_ids,
                                                   const std::vector<DuplicatePair>& same_person);

}  // namespace tsunagu::domain
