#include "domain/stage_model.h"

#include <gtest/gtest.h>

#include <array>

namespace tsunagu::domain {
namespace {

TEST(StageModel, BuiltinModels) {
  auto models = builtin_stage_models();
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0].key, "guideline2010");
  for (const StageModel& model : models) {
    EXPECT_TRUE(is_well_formed(model)) << model.key;
    EXPECT_EQ(find_stage_model(model.key), &model);
  }
  EXPECT_EQ(find_stage_model("unknown"), nullptr);
}

TEST(StageModel, StagesVerbatimAndOrdered) {
  const StageModel* g = find_stage_model("guideline2010");
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->stages.size(), 4u);
  EXPECT_EQ(g->stages[0], "出会い・評価段階");
  EXPECT_EQ(g->stages[1], "個人的支援段階");
  EXPECT_EQ(g->stages[2], "中間的・過渡的な支援段階");
  EXPECT_EQ(g->stages[3], "社会参加の試行段階");
  const StageModel* b = find_stage_model("bunkyo_step");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->stages.back(), "はたらく・まなぶ");
  const StageModel* d = find_stage_model("discovery5");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->stages.size(), 5u);
  EXPECT_EQ(stage_index(*d, "出口"), 3);
  EXPECT_EQ(stage_index(*d, "就労"), std::nullopt);
}

TEST(StageModel, DescribeMoves) {
  const StageModel& b = *find_stage_model("bunkyo_step");
  auto forward = describe_stage_move(b, "相談", "つながる");
  ASSERT_TRUE(forward.has_value());
  EXPECT_EQ(forward->direction, StageDirection::kForward);
  EXPECT_EQ(forward->steps, 2);
  EXPECT_EQ(forward->label(), "前へ");

  auto back = describe_stage_move(b, "はたらく・まなぶ", "いばしょ");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->direction, StageDirection::kBack);
  EXPECT_EQ(back->steps, 2);
  EXPECT_EQ(back->label(), "戻る");

  auto same = describe_stage_move(b, "いばしょ", "いばしょ");
  EXPECT_EQ(same->direction, StageDirection::kSame);
  EXPECT_EQ(same->steps, 0);
  EXPECT_EQ(same->label(), "同じ");

  EXPECT_EQ(describe_stage_move(b, "相談", "発見"), std::nullopt);
}

TEST(StageModel, EveryPairIsAPossibleMove) {
  for (const StageModel& model : builtin_stage_models()) {
    for (auto from : model.stages) {
      for (auto to : model.stages) {
        EXPECT_TRUE(describe_stage_move(model, from, to).has_value());
      }
    }
  }
}

TEST(StageModel, ConfiguredModelWellFormedness) {
  constexpr std::array<std::string_view, 2> ok{"面談", "居場所"};
  constexpr std::array<std::string_view, 2> dup{"面談", "面談"};
  constexpr std::array<std::string_view, 2> blank{"面談", ""};
  EXPECT_TRUE(is_well_formed({"custom", "独自", ok}));
  EXPECT_FALSE(is_well_formed({"custom", "独自", dup}));
  EXPECT_FALSE(is_well_formed({"custom", "独自", blank}));
  EXPECT_FALSE(is_well_formed({"", "独自", ok}));
  EXPECT_FALSE(is_well_formed({"custom", "独自", {}}));
}

}  // namespace
}  // namespace tsunagu::domain
