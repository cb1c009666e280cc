#include "domain/matching.h"

#include <gtest/gtest.h>

#include "domain/text_normalize.h"

using namespace tsunagu::domain;

namespace {
MatchCandidate candidate(std::string id) {
  MatchCandidate c;
  c.id = id;
  c.name = id;
  c.gender = "指定なし";
  c.cost = "無料";
  return c;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}
}  // namespace

TEST(SplitTerms, SplitsAtJapaneseSeparatorsAndDropsSuffixes) {
  auto t = split_terms("絵を描くこと、ゲーム・音楽\nパソコンが得意 犬");
  EXPECT_EQ(t, (std::vector<std::string>{"絵を描く", "ゲーム", "音楽", "パソコン"}));  // 犬: one character
  EXPECT_TRUE(split_terms("").empty());
  EXPECT_EQ(split_terms("音楽、音楽"), (std::vector<std::string>{"音楽"}));
}

TEST(SplitTerms, KeepsAtMostTwentyTerms) {
  std::string many;
  for (int i = 10; i < 40; ++i) many += "語" + std::to_string(i) + "、";
  EXPECT_EQ(split_terms(many).size(), 20u);
}

TEST(AgeRangeOfBand, Bands) {
  EXPECT_EQ(age_range_of_band("20代"), (std::pair{20, 29}));
  EXPECT_EQ(age_range_of_band("80代"), (std::pair{80, 89}));
  EXPECT_EQ(age_range_of_band("10歳未満"), (std::pair{0, 9}));
  EXPECT_EQ(age_range_of_band("90代以上"), (std::pair{90, 150}));
  EXPECT_FALSE(age_range_of_band("不明"));
  EXPECT_FALSE(age_range_of_band("95代"));
}

TEST(Matching, InterestAndStrengthGiveReasonsAndPoints) {
  MatchProfile p;
  p.interests = split_terms("絵を描くこと、音楽");
  p.strengths = split_terms("パソコン");
  auto c = candidate("a");
  c.search_text = normalize_for_search("アトリエ 絵を描く・ぱそこん教室");
  auto m = match(p, c);
  EXPECT_FALSE(m.excluded);
  EXPECT_TRUE(has(m.reasons, "関心: 絵を描く に合う"));
  EXPECT_TRUE(has(m.reasons, "できること: パソコン に合う"));  // ひらがな in the directory still matches
  EXPECT_FALSE(has(m.reasons, "関心: 音楽 に合う"));
  EXPECT_EQ(m.score, kInterestPoints + kStrengthPoints + kFreePoints);
}

TEST(Matching, AtMostThreeTermsCountPerField) {
  MatchProfile p;
  p.interests = {"音楽", "ゲーム", "料理", "散歩"};
  auto c = candidate("a");
  c.cost = "不明";
  c.search_text = normalize_for_search("音楽 ゲーム 料理 散歩");
  auto m = match(p, c);
  EXPECT_EQ(m.reasons.size(), 4u);
  EXPECT_EQ(m.score, 3 * kInterestPoints);
  EXPECT_TRUE(has(m.cautions, "費用がわかりません"));
}

TEST(Matching, AgeBoundaries) {
  MatchProfile p;
  auto c = candidate("a");
  c.age_min = 15;
  c.age_max = 39;
  p.age_low = p.age_high = 39;  // the last age taken
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_TRUE(has(match(p, c).reasons, "対象年齢（15歳〜39歳）に入る"));
  p.age_low = p.age_high = 40;  // one year over
  EXPECT_TRUE(match(p, c).excluded);
  EXPECT_TRUE(has(match(p, c).cautions, "対象年齢（15歳〜39歳）の外です"));
  p.age_low = p.age_high = 15;
  EXPECT_FALSE(match(p, c).excluded);
  p.age_low = p.age_high = 14;
  EXPECT_TRUE(match(p, c).excluded);
  // A band that straddles the limit is not excluded, but flagged.
  p.age_low = 30;
  p.age_high = 39;
  c.age_max = 34;
  auto m = match(p, c);
  EXPECT_FALSE(m.excluded);
  EXPECT_EQ(m.cautions.size(), 1u);
  // Unknown age: a caution, never an exclusion.
  p.age_low.reset();
  p.age_high.reset();
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_EQ(match(p, c).cautions.size(), 1u);
}

TEST(Matching, GenderSpecificPlaces) {
  MatchProfile p;
  auto c = candidate("a");
  c.gender = "女性のみ";
  p.sex = "女性";
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_TRUE(has(match(p, c).reasons, "女性のみの場で、本人の性別に合う"));
  p.sex = "男性";
  EXPECT_TRUE(match(p, c).excluded);
  p.sex = "その他";  // the person decides: asked, not excluded
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_TRUE(has(match(p, c).cautions, "女性のみの場です。本人の希望を確かめてください"));
  p.sex.reset();
  EXPECT_FALSE(match(p, c).excluded);
  c.gender = "男性のみ";
  p.sex = "女性";
  EXPECT_TRUE(match(p, c).excluded);
}

TEST(Matching, OnlineOnlyAndGoingOutLittle) {
  MatchProfile p;
  auto in_person = candidate("a"), online = candidate("b");
  online.online = true;
  online.in_person = false;
  p.online_only = true;
  EXPECT_TRUE(match(p, in_person).excluded);
  EXPECT_TRUE(has(match(p, online).reasons, "オンラインで参加できる"));
  p.online_only = false;
  EXPECT_FALSE(match(p, in_person).excluded);
  EXPECT_EQ(match(p, online).score, kFreePoints);  // no bonus without a reason for it
  p.goes_out_little = true;
  EXPECT_EQ(match(p, online).score, kFreePoints + kOnlinePoints);
  EXPECT_TRUE(has(match(p, online).reasons, "オンラインで参加できる（家から参加できる）"));
}

TEST(Matching, Cost) {
  MatchProfile p;
  auto c = candidate("a");
  c.cost = "有料";
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_EQ(match(p, c).score, 0);
  p.free_only = true;
  EXPECT_TRUE(match(p, c).excluded);
  c.cost = "一部有料";
  EXPECT_FALSE(match(p, c).excluded);
  EXPECT_EQ(match(p, c).score, -kPartlyPaidPenalty);
  c.cost = "無料";
  EXPECT_EQ(match(p, c).score, kFreePoints);
}

TEST(Matching, Area) {
  MatchProfile p;
  p.area_ids = {"district", "city", "pref"};
  auto c = candidate("a");
  c.cost = "有料";
  c.area_id = "city";
  c.area_name = "さくら市";
  EXPECT_EQ(match(p, c).score, kAreaPoints);
  EXPECT_TRUE(has(match(p, c).reasons, "地域: さくら市 内"));
  c.area_id = "other";
  c.area_name = "あおば町";
  EXPECT_EQ(match(p, c).score, -kOutsideAreaPenalty);
  c.online = true;  // outside the area but online: no penalty
  EXPECT_EQ(match(p, c).score, 0);
  p.area_ids.clear();  // the person's district unknown: nothing said
  EXPECT_TRUE(match(p, c).cautions.empty());
}

TEST(Matching, RankPutsExcludedLastAndKeepsOrderOnTies) {
  MatchProfile p;
  p.interests = {"音楽"};
  p.sex = "男性";
  auto a = candidate("a"), b = candidate("b"), c = candidate("c"), d = candidate("d");
  c.search_text = normalize_for_search("音楽");
  d.search_text = normalize_for_search("音楽");
  d.gender = "女性のみ";
  auto r = rank(p, {a, b, c, d});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].id, "c");
  EXPECT_EQ(r[1].id, "a");
  EXPECT_EQ(r[2].id, "b");
  EXPECT_EQ(r[3].id, "d");
  EXPECT_TRUE(r[3].excluded);
}
