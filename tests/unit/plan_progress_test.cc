#include "domain/plan_progress.h"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::domain {
namespace {

TEST(PlanProgress, FirstRecordHasNoDirection) {
  EXPECT_EQ(describe_progress(std::nullopt, 0), ProgressDirection::kFirst);
  EXPECT_EQ(describe_progress(std::nullopt, 4), ProgressDirection::kFirst);
}

TEST(PlanProgress, UpSameAndBackAreAllOrdinaryMoves) {
  EXPECT_EQ(describe_progress(1, 2), ProgressDirection::kForward);
  EXPECT_EQ(describe_progress(0, 4), ProgressDirection::kForward);
  EXPECT_EQ(describe_progress(2, 2), ProgressDirection::kSame);
  EXPECT_EQ(describe_progress(3, 1), ProgressDirection::kBackForNow);
  EXPECT_EQ(describe_progress(4, 0), ProgressDirection::kBackForNow);
}

TEST(PlanProgress, LevelsOutsideTheScaleAreRefusedAtTheBoundaries) {
  EXPECT_FALSE(describe_progress(std::nullopt, -1));
  EXPECT_FALSE(describe_progress(std::nullopt, 5));
  EXPECT_FALSE(describe_progress(-1, 2));
  EXPECT_FALSE(describe_progress(5, 2));
  EXPECT_TRUE(describe_progress(0, 0));
  EXPECT_TRUE(describe_progress(4, 4));
}

TEST(PlanProgress, LabelsCarryNoFailureWording) {
  for (auto v : kProgressDirectionValues)
    for (const char* bad : {"失敗", "後退", "未達", "脱落", "悪化"}) EXPECT_EQ(std::string(v).find(bad), std::string::npos);
  for (auto v : kProgressLevelValues)
    for (const char* bad : {"失敗", "後退", "未達", "できない"}) EXPECT_EQ(std::string(v).find(bad), std::string::npos);
  EXPECT_EQ(direction_label(ProgressDirection::kBackForNow), "一時的に戻る");
  EXPECT_EQ(direction_label(ProgressDirection::kForward), "前進");
  EXPECT_EQ(direction_label(ProgressDirection::kSame), "変化なし");
  EXPECT_EQ(progress_level_label(0), "これから");
  EXPECT_EQ(progress_level_label(5), "");
}

}  // namespace
}  // namespace tsunagu::domain
