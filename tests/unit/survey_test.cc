#include "domain/survey.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(SurveyTemplate, EveryItemOffersDontKnowAsItsLastChoice) {
  auto items = survey_template();
  ASSERT_EQ(items.size(), 9u);
  for (const auto& item : items) {
    ASSERT_FALSE(item.choices.empty()) << item.key;
    EXPECT_EQ(item.choices.back(), kDontKnow) << item.key;
    EXPECT_EQ(std::count(item.choices.begin(), item.choices.end(), std::string(kDontKnow)), 1) << item.key;
  }
  EXPECT_EQ(items[0].key, "age_band");
  EXPECT_EQ(items[4].key, "outing");
  EXPECT_EQ(items[4].choices.size(), 9u);  // the eight Cabinet Office levels and 分からない
  EXPECT_EQ(items[3].choices.front(), "6か月未満");
}

TEST(SurveyTemplate, WithDontKnowAppendsOnceAndDropsBlanks) {
  EXPECT_EQ(with_dont_know({"はい", "", "いいえ", "はい"}), (std::vector<std::string>{"はい", "いいえ", "分からない"}));
  EXPECT_EQ(with_dont_know({"分からない", "はい"}), (std::vector<std::string>{"はい", "分からない"}));
}

TEST(SurveyAnswer, ChecksChoicesAndCardinality) {
  SurveyItem single{"support", "支援の状況", with_dont_know({"ある", "ない"}), false, false};
  SurveyItem multi{"needs", "必要な支援", with_dont_know({"居場所", "訪問", "特にない"}), true, false};
  EXPECT_FALSE(check_answer(single, {"ある"}));
  EXPECT_FALSE(check_answer(single, {"分からない"}));
  EXPECT_EQ(*check_answer(single, {"たぶん"}), "「支援の状況」の回答「たぶん」は選択肢にありません。");
  EXPECT_TRUE(check_answer(single, {}));
  EXPECT_TRUE(check_answer(single, {"ある", "ない"}));
  EXPECT_FALSE(check_answer(multi, {"居場所", "訪問"}));
  EXPECT_TRUE(check_answer(multi, {"居場所", "居場所"}));
  EXPECT_TRUE(check_answer(multi, {"居場所", "分からない"}));
  EXPECT_TRUE(check_answer(multi, {"特にない", "訪問"}));
}

TEST(SurveyResponses, NoOneCountsAsReturnedAndCardsWin) {
  auto c = count_responses({{"A", true, false}, {"A", false, true}, {"A", false, false}, {"B", true, true}, {"B", false, false}});
  EXPECT_EQ(c["A"].distributed, 3);
  EXPECT_EQ(c["A"].returned, 2);
  EXPECT_EQ(c["A"].no_one, 1);
  EXPECT_EQ(c["A"].not_returned, 1);
  EXPECT_EQ(c["B"].no_one, 0);  // a card was sent after all: not 該当なし
  EXPECT_EQ(c[""].distributed, 5);
  EXPECT_EQ(c[""].returned, 3);
  EXPECT_DOUBLE_EQ(*c[""].rate(), 0.6);
  EXPECT_FALSE(ResponseCount{}.rate());
}

TEST(SurveyDuplicates, SameKeyDifferentRespondentsOnly) {
  std::vector<CardKey> cards{
      {"c1", "r1", "D1", "40代", "男性", "親と同居"},
      {"c2", "r2", "D1", "40代", "男性", "親と同居"},
      {"c3", "r1", "D1", "40代", "男性", "親と同居"},  // same respondent as c1: two people they know
      {"c4", "r3", "D2", "40代", "男性", "親と同居"},  // another district
      {"c5", "r4", "D1", "40代", "分からない", "親と同居"},
      {"c6", "r5", "D1", "40代", "分からない", "親と同居"},  // two unknowns agree on nothing
  };
  auto pairs = possible_duplicates(cards);
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].card_a, "c1");
  EXPECT_EQ(pairs[0].card_b, "c2");
  EXPECT_EQ(pairs[1].card_a, "c2");
  EXPECT_EQ(pairs[1].card_b, "c3");
}

TEST(SurveyDuplicates, SamePersonDecisionsJoinTransitively) {
  std::vector<std::string> cards{"a", "b", "c", "d"};
  EXPECT_EQ(distinct_persons(cards, {}), 4);
  EXPECT_EQ(distinct_persons(cards, {{"b", "c"}, {"a", "c"}}), 2);
  auto reps = representatives(cards, {{"b", "c"}, {"a", "c"}});
  EXPECT_EQ(reps["c"], "a");
  EXPECT_EQ(reps["b"], "a");
  EXPECT_EQ(reps["d"], "d");
  EXPECT_EQ(distinct_persons(cards, {{"a", "zz"}}), 4);  // a card no longer counted is ignored
}

}  // namespace
}  // namespace tsunagu::domain
