#include "service/search_index.h"

#include <gtest/gtest.h>

namespace tsunagu::service {
namespace {

using Mode = SearchPlan::Mode;

TEST(PlanSearch, OneAndTwoCodePointsUseTheGramIndex) {
  EXPECT_EQ(plan_search("田").mode, Mode::grams);
  EXPECT_EQ(plan_search("田中").mode, Mode::grams);
  EXPECT_EQ(plan_search("ひき").mode, Mode::grams);
  EXPECT_EQ(plan_search("ひき").normalized, "ヒキ");
  // Half-width katakana folds to two full-width code points.
  EXPECT_EQ(plan_search("ﾀﾅ").normalized, "タナ");
  EXPECT_EQ(plan_search("ﾀﾅ").mode, Mode::grams);
  // Spaces are removed before counting: "田 中" is a 2-character query.
  EXPECT_EQ(plan_search("田 中").mode, Mode::grams);
}

TEST(PlanSearch, ThreeOrMoreUseTrigrams) {
  EXPECT_EQ(plan_search("たなか").mode, Mode::trigram);
  EXPECT_EQ(plan_search("たなか").normalized, "タナカ");
  EXPECT_EQ(plan_search("ﾀﾅｶ").normalized, "タナカ");
  EXPECT_EQ(plan_search("ひきこもり").mode, Mode::trigram);
}

TEST(PlanSearch, NothingLeftMeansNoSearch) {
  EXPECT_EQ(plan_search("").mode, Mode::empty);
  EXPECT_EQ(plan_search("　 ").mode, Mode::empty);
  EXPECT_EQ(plan_search("\x1F\x01").mode, Mode::empty);
}

TEST(IndexGrams, BigramsAndCodePointsDistinctAndNeverAcrossParts) {
  auto g = index_grams({"タナカ", "田中"});
  std::vector<std::string> want{"タナ", "ナカ", "タ", "ナ", "カ", "田中", "田", "中"};
  EXPECT_EQ(g, want);
  for (const auto& x : g) EXPECT_NE(x, "カ田");
  EXPECT_EQ(index_grams({"ヒキヒキ"}), (std::vector<std::string>{"ヒキ", "キヒ", "ヒ", "キ"}));
  EXPECT_TRUE(index_grams({}).empty());
}

TEST(IndexBody, JoinsPartsWithASeparatorNoQueryContains) {
  EXPECT_EQ(index_body({"タナカ", "田中"}), "タナカ\x1F田中");
  EXPECT_EQ(plan_search("カ\x1F田").normalized, "カ田");
}

TEST(HitQuery, BindsTheQueryAndNeverSplicesIt) {
  auto plan = plan_search("a\"b' OR 1=1");
  for (auto d : {store::Dialect::sqlite, store::Dialect::postgres}) {
    auto h = hit_query(d, plan, "org");
    EXPECT_EQ(h.sql.find("OR 1=1"), std::string::npos);
    EXPECT_FALSE(h.params.empty());
  }
  auto sq = hit_query(store::Dialect::sqlite, plan_search("田中"), "org");
  EXPECT_EQ(std::get<std::string>(sq.params[0]), "\"田中\"");
  auto pg = hit_query(store::Dialect::postgres, plan_search("50%_!"), "org");
  EXPECT_EQ(std::get<std::string>(pg.params[0]), "%50!%!_!!%");
}

}  // namespace
}  // namespace tsunagu::service
