#include "domain/outing.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tsunagu::domain {
namespace {

constexpr std::string_view kNarrowLevel = "自室からほとんど出ない";
constexpr std::string_view kSemiLevel = "趣味の用事のときだけ外出する";

bool has_reason(const OutingClassification& c, OutingRule rule) {
  return std::find(c.reasons.begin(), c.reasons.end(), rule) != c.reasons.end();
}

OutingInput long_standing(std::string_view level) {
  OutingInput input;
  input.level = level;
  input.since = Date{2020, 1, 1};
  input.assessed_on = Date{2025, 6, 1};
  return input;
}

TEST(ClassifyOuting, EachLevel) {
  const OutingClass expected[8] = {
      OutingClass::kNone,   OutingClass::kNone, OutingClass::kNone,
      OutingClass::kNone,   OutingClass::kSemi, OutingClass::kNarrow,
      OutingClass::kNarrow, OutingClass::kNarrow};
  for (std::size_t i = 0; i < kOutingLevelValues.size(); ++i) {
    auto c = classify_outing(long_standing(kOutingLevelValues[i]));
    ASSERT_TRUE(c.has_value()) << kOutingLevelValues[i];
    EXPECT_EQ(c->cls, expected[i]) << kOutingLevelValues[i];
    EXPECT_EQ(c->broad, expected[i] != OutingClass::kNone);
  }
}

TEST(ClassifyOuting, NamesAndReasons) {
  auto narrow = classify_outing(long_standing(kNarrowLevel));
  EXPECT_EQ(narrow->name(), "狭義");
  EXPECT_EQ(narrow->reasons, (std::vector<OutingRule>{OutingRule::kLevelNarrow,
                                                      OutingRule::kLastedSixMonths}));
  auto semi = classify_outing(long_standing(kSemiLevel));
  EXPECT_EQ(semi->name(), "準");
  EXPECT_TRUE(semi->broad);
  auto outside = classify_outing(long_standing("遊び等で頻繁に外出する"));
  EXPECT_EQ(outside->name(), "該当なし");
  EXPECT_EQ(outside->reasons, std::vector<OutingRule>{OutingRule::kLevelOutside});
  for (OutingRule rule : narrow->reasons) EXPECT_FALSE(explain(rule).empty());
}

TEST(ClassifyOuting, SixMonthsBoundary) {
  OutingInput input;
  input.level = kNarrowLevel;
  input.since = Date{2024, 3, 1};
  input.assessed_on = Date{2024, 8, 31};  // five months and thirty days
  auto c = classify_outing(input);
  EXPECT_EQ(c->cls, OutingClass::kNone);
  EXPECT_FALSE(c->broad);
  EXPECT_TRUE(has_reason(*c, OutingRule::kUnderSixMonths));

  input.assessed_on = Date{2024, 9, 1};  // exactly six months: counts
  c = classify_outing(input);
  EXPECT_EQ(c->cls, OutingClass::kNarrow);
  EXPECT_TRUE(has_reason(*c, OutingRule::kLastedSixMonths));
}

TEST(ClassifyOuting, EndOfMonthSinceDate) {
  OutingInput input;
  input.level = kSemiLevel;
  input.since = Date{2024, 8, 31};
  input.assessed_on = Date{2025, 2, 27};
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNone);
  input.assessed_on = Date{2025, 2, 28};  // 31 Aug + 6 months, non-leap
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kSemi);

  input.since = Date{2023, 8, 31};
  input.assessed_on = Date{2024, 2, 28};  // leap year: not yet
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNone);
  input.assessed_on = Date{2024, 2, 29};
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kSemi);
}

TEST(ClassifyOuting, DurationBandInsteadOfDate) {
  OutingInput input;
  input.level = kNarrowLevel;
  input.assessed_on = Date{2025, 6, 1};
  input.duration_band = "6か月未満";
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNone);
  input.duration_band = "6か月～1年未満";
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNarrow);
  input.duration_band = "10年以上";
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNarrow);
  // The since-date wins when both are present.
  input.since = Date{2025, 5, 1};
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNone);
}

TEST(ClassifyOuting, UnknownDurationIsNotCounted) {
  OutingInput input;
  input.level = kNarrowLevel;
  input.assessed_on = Date{2025, 6, 1};
  auto c = classify_outing(input);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->cls, OutingClass::kNone);
  EXPECT_TRUE(has_reason(*c, OutingRule::kDurationUnknown));
}

TEST(ClassifyOuting, ExcludedWhenEmployed) {
  OutingInput input = long_standing(kNarrowLevel);
  input.employed = true;
  auto c = classify_outing(input);
  EXPECT_EQ(c->cls, OutingClass::kNone);
  EXPECT_FALSE(c->broad);
  EXPECT_TRUE(has_reason(*c, OutingRule::kExcludedEmployed));
}

TEST(ClassifyOuting, ExcludedForPhysicalIllness) {
  OutingInput input = long_standing(kSemiLevel);
  input.reason_physical_illness = true;
  auto c = classify_outing(input);
  EXPECT_EQ(c->cls, OutingClass::kNone);
  EXPECT_TRUE(has_reason(*c, OutingRule::kExcludedPhysicalIllness));
}

TEST(ClassifyOuting, HomemakerExcludedOnlyWhenTalkingWithNonFamily) {
  OutingInput input = long_standing(kNarrowLevel);
  input.homemaker_or_childcare = true;
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNarrow);
  input.talked_with_non_family = true;
  auto c = classify_outing(input);
  EXPECT_EQ(c->cls, OutingClass::kNone);
  EXPECT_TRUE(has_reason(*c, OutingRule::kExcludedHomemakerTalking));
  // Talking with non-family alone excludes nobody.
  input.homemaker_or_childcare = false;
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNarrow);
}

TEST(ClassifyOuting, AllApplicableRulesAreListed) {
  OutingInput input;
  input.level = kNarrowLevel;
  input.since = Date{2025, 5, 1};
  input.assessed_on = Date{2025, 6, 1};
  input.employed = true;
  input.reason_physical_illness = true;
  auto c = classify_outing(input);
  EXPECT_EQ(c->reasons,
            (std::vector<OutingRule>{OutingRule::kLevelNarrow,
                                     OutingRule::kUnderSixMonths,
                                     OutingRule::kExcludedEmployed,
                                     OutingRule::kExcludedPhysicalIllness}));
}

TEST(ClassifyOuting, MalformedInput) {
  OutingInput input = long_standing("ほとんど外出しない");
  EXPECT_EQ(classify_outing(input), std::nullopt);
  input = long_standing(kNarrowLevel);
  input.since = Date{2025, 6, 2};  // after the assessment
  EXPECT_EQ(classify_outing(input), std::nullopt);
  input.since = Date{2025, 2, 30};
  EXPECT_EQ(classify_outing(input), std::nullopt);
  input = long_standing(kNarrowLevel);
  input.since.reset();
  input.duration_band = "半年以上";
  EXPECT_EQ(classify_outing(input), std::nullopt);
}

TEST(ClassifyOuting, SameDaySinceIsUnderSixMonths) {
  OutingInput input;
  input.level = kNarrowLevel;
  input.since = Date{2025, 6, 1};
  input.assessed_on = Date{2025, 6, 1};
  EXPECT_EQ(classify_outing(input)->cls, OutingClass::kNone);
}

}  // namespace
}  // namespace tsunagu::domain
