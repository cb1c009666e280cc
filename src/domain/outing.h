// 外出状況 and the Cabinet Office classification of ひきこもり.
//
// THIS IS A DESCRIPTIVE SURVEY CLASSIFICATION, NEVER A GATE FOR SUPPORT.
// It reproduces how the Cabinet Office counts 広義のひきこもり群 in its
// surveys, so that assessments and survey cards can be tabulated the same
// way and fed to the estimator. Nobody is refused or deprioritised because
// of its result: a person in 該当なし — employed, out of the house daily, or
// withdrawn for only two months — is supported like anyone else (PRODUCT.md
// principle 1: duration is data, not a gate).
//
// Rules (Cabinet Office, 2022 survey, seed 004):
//   - 狭義: the last three outing options; 準: 趣味の用事のときだけ外出する;
//     広義 = 狭義 + 準; the first four options are outside the definition.
//   - only when the state has lasted 6 months or more: counted in full
//     months from the since-date to the assessment date with 民法 month
//     arithmetic, so exactly six months counts and 31 Aug → 28 Feb (29 in a
//     leap year) is exactly six months; five months and thirty days is not.
//   - excluded: (1) those employed; (2) those whose reason for the current
//     state is a physical illness; (3) 専業主婦・主夫・家事手伝い, or those
//     whose reason is 出産・育児, who talked with someone outside the family
//     (「よく」 or 「ときどき」) in the last six months.
// The result lists every rule that applied, so a screen can explain it.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/enumeration.h"

namespace tsunagu::domain {

// The eight answers to 「ふだんどのくらい外出しますか」, verbatim.
inline constexpr std::array<std::string_view, 8> kOutingLevelValues{
    "仕事や学校で平日は毎日外出する",
    "仕事や学校で週に3～4日外出する",
    "遊び等で頻繁に外出する",
    "人づきあいのためにときどき外出する",
    "趣味の用事のときだけ外出する",
    "近所のコンビニなどには出かける",
    "自室からは出るが、家からは出ない",
    "自室からほとんど出ない"};
inline constexpr EnumSpec kOutingLevel{"outing_level", "外出状況",
                                       kOutingLevelValues};

// Class names as stored and reported. 広義 is not a separate result: it is
// 狭義 or 準 (see OutingClassification::broad).
inline constexpr std::array<std::string_view, 4> kOutingClassValues{
    "狭義", "準", "広義", "該当なし"};
inline constexpr EnumSpec kOutingClassName{"outing_class", "ひきこもり群の分類",
                                           kOutingClassValues};

enum class OutingClass { kNarrow, kSemi, kNone };

enum class OutingRule {
  kLevelNarrow,               // one of the last three options
  kLevelSemi,                 // 趣味の用事のときだけ外出する
  kLevelOutside,              // one of the first four options
  kLastedSixMonths,           // the state has lasted 6 months or more
  kUnderSixMonths,            // it has lasted less than 6 months
  kDurationUnknown,           // neither since-date nor duration band known
  kExcludedEmployed,          // exclusion (1)
  kExcludedPhysicalIllness,   // exclusion (2)
  kExcludedHomemakerTalking,  // exclusion (3)
};

struct OutingInput {
  std::string_view level;  // a kOutingLevel value
  // When the current outing state began. Wins over duration_band if both
  // are given.
  std::optional<Date> since;
  // A kDurationBand value, for records that hold only the band (survey cards).
  std::optional<std::string_view> duration_band;
  Date assessed_on;
  bool employed = false;                 // 現在、就業者である
  bool reason_physical_illness = false;  // 身体的な病気等が外出状況の理由
  // 専業主婦・主夫・家事手伝い, or 出産・育児 is the reason for the state.
  bool homemaker_or_childcare = false;
  // Talked 「よく」 or 「ときどき」 with someone outside the family in the
  // last six months.
  bool talked_with_non_family = false;
};

struct OutingClassification {
  OutingClass cls = OutingClass::kNone;
  bool broad = false;  // 広義 = cls is kNarrow or kSemi
  // Every rule that applied, in the order level, duration, exclusions.
  std::vector<OutingRule> reasons;

  // "狭義", "準" or "該当なし".
  std::string_view name() const;
};

// Classifies one answer. nullopt if the input is malformed: level or
// duration_band not a known value, since invalid or after assessed_on.
// Unknown duration is not malformed: it yields 該当なし with kDurationUnknown.
std::optional<OutingClassification> classify_outing(const OutingInput& input);

// Japanese sentence explaining a rule, for the screen.
std::string_view explain(OutingRule rule);

}  // namespace tsunagu::domain
