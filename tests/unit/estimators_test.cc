#include "domain/estimators.h"

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

// 万人 to one decimal, as the Cabinet Office publishes (54.1万人).
double man(double persons) { return std::round(persons / 1000.0) / 10.0; }

// Newcombe (1998), "Two-sided confidence intervals for the single
// proportion", Statistics in Medicine 17, Table I, method 3 (score).
TEST(Wilson, NewcombeTableValues) {
  auto a = wilson_interval(81, 263);
  EXPECT_NEAR(a.low, 0.2553, 5e-5);
  EXPECT_NEAR(a.high, 0.3662, 5e-5);
  auto b = wilson_interval(15, 148);
  EXPECT_NEAR(b.low, 0.0624, 5e-5);
  EXPECT_NEAR(b.high, 0.1605, 5e-5);
  auto c = wilson_interval(0, 20);
  EXPECT_DOUBLE_EQ(c.low, 0.0);
  EXPECT_NEAR(c.high, 0.1611, 5e-5);
  auto d = wilson_interval(1, 29);
  EXPECT_NEAR(d.low, 0.0061, 5e-5);
  EXPECT_NEAR(d.high, 0.1718, 5e-5);
}

// Seed 004: 内閣府「生活状況に関する調査」. Published inputs: valid responses
// and counts; populations from the same reports (15～39歳 3,445万人,
// 平成27年度; 40～64歳 4,235万人, 平成30年度). The 平成27年度 report
// multiplied the published rates (1.57 %, 0.51 %, 1.06 %); the 平成30年度
// report the unrounded ones — both reproduce to the published 0.1万人.
TEST(CabinetOffice, ReproducesHeisei27FifteenToThirtyNine) {
  const std::int64_t answered = 3115, population = 34'450'000;
  auto broad = cabinet_office_estimate(49, answered, population, 2);
  ASSERT_TRUE(broad);
  EXPECT_NEAR(broad->rate * 100, 1.57, 1e-9);
  EXPECT_DOUBLE_EQ(man(broad->estimate), 54.1);
  EXPECT_DOUBLE_EQ(man(cabinet_office_estimate(16, answered, population, 2)->estimate), 17.6);  // 狭義
  EXPECT_DOUBLE_EQ(man(cabinet_office_estimate(33, answered, population, 2)->estimate), 36.5);  // 準
  // The interval is computed from the counts: 49 of 3,115.
  EXPECT_NEAR(broad->rate_ci.low, 0.01192, 5e-5);
  EXPECT_NEAR(broad->rate_ci.high, 0.02073, 5e-5);
  EXPECT_LT(broad->estimate_ci.low, broad->estimate);
  EXPECT_GT(broad->estimate_ci.high, broad->estimate);
}

TEST(CabinetOffice, ReproducesHeisei30FortyToSixtyFour) {
  const std::int64_t answered = 3248, population = 42'350'000;
  auto broad = cabinet_office_estimate(47, answered, population);
  ASSERT_TRUE(broad);
  EXPECT_NEAR(broad->rate * 100, 1.45, 0.005);  // published 1.45 %
  EXPECT_DOUBLE_EQ(man(broad->estimate), 61.3);
  EXPECT_DOUBLE_EQ(man(cabinet_office_estimate(28, answered, population)->estimate), 36.5);  // 狭義
  EXPECT_DOUBLE_EQ(man(cabinet_office_estimate(19, answered, population)->estimate), 24.8);  // 準
  // 広義 = 狭義 + 準 in counts, so in estimates too.
  EXPECT_NEAR(broad->estimate,
              cabinet_office_estimate(28, answered, population)->estimate +
                  cabinet_office_estimate(19, answered, population)->estimate,
              1e-6);
}

TEST(CabinetOffice, RefusesImpossibleInputs) {
  EXPECT_FALSE(cabinet_office_estimate(1, 0, 100));
  EXPECT_FALSE(cabinet_office_estimate(5, 4, 100));
  EXPECT_FALSE(cabinet_office_estimate(-1, 4, 100));
  EXPECT_FALSE(cabinet_office_estimate(1, 4, -1));
  auto none = cabinet_office_estimate(0, 100, 1000);
  ASSERT_TRUE(none);
  EXPECT_DOUBLE_EQ(none->estimate, 0.0);
  EXPECT_GT(none->estimate_ci.high, 0.0);  // nobody found is not "nobody there"
}

// Age groups sampled separately: the total is stratified. Group A finds 50
// of 100, group B 0 of 10,000, each of a population of 1,000,000. Pooling
// the answers (50 of 10,100 × 2,000,000) gave 7,515–13,040 around an
// estimate of 500,000; the stratified normal interval is 402,002–597,998
// (variance Σ N²p(1−p)/n = 10¹²·0.25/100, B adding nothing), and MOVER on
// the Wilson intervals comes within 0.5 % of it.
TEST(Stratified, TotalIntervalHoldsItsEstimate) {
  auto t = stratified_estimate({{50, 100, 1'000'000}, {0, 10'000, 1'000'000}});
  ASSERT_TRUE(t);
  EXPECT_DOUBLE_EQ(t->estimate, 500'000.0);
  EXPECT_LT(t->estimate_ci.low, t->estimate);
  EXPECT_GT(t->estimate_ci.high, t->estimate);
  const double wald_half = kZ95 * std::sqrt(1e12 * 0.25 / 100);
  EXPECT_NEAR(t->estimate - wald_half, 402'002, 1);
  EXPECT_NEAR(t->estimate_ci.low, 402'002, 2'500);
  EXPECT_NEAR(t->estimate_ci.high, 597'998, 2'500);
  // The rate is the estimate over the population, so rate × population = estimate.
  EXPECT_DOUBLE_EQ(t->rate * 2'000'000, t->estimate);
  EXPECT_DOUBLE_EQ(t->rate_ci.low * 2'000'000, t->estimate_ci.low);
}

// A group where nobody was found still widens the total: its normal
// variance is 0, its Wilson interval is not.
TEST(Stratified, AGroupWithNobodyFoundStillCounts) {
  auto one = stratified_estimate({{0, 200, 5'000'000}});
  ASSERT_TRUE(one);
  EXPECT_DOUBLE_EQ(one->estimate, 0.0);
  EXPECT_GT(one->estimate_ci.high, 50'000.0);  // Wilson 0 of 200 reaches 1.9 %
  auto both = stratified_estimate({{0, 200, 5'000'000}, {200, 200, 1'000}});  // p = 0 and p = 1
  ASSERT_TRUE(both);
  EXPECT_DOUBLE_EQ(both->estimate, 1'000.0);
  EXPECT_LT(both->estimate_ci.low, 1'000.0);
  EXPECT_GT(both->estimate_ci.high, 50'000.0);
  // One group alone is its own Wilson interval.
  auto single = stratified_estimate({{49, 3115, 34'450'000}});
  auto plain = cabinet_office_estimate(49, 3115, 34'450'000);
  EXPECT_NEAR(single->estimate_ci.low, plain->estimate_ci.low, 1e-6);
  EXPECT_NEAR(single->estimate_ci.high, plain->estimate_ci.high, 1e-6);
}

TEST(Stratified, RefusesNoGroupOrAnImpossibleOne) {
  EXPECT_FALSE(stratified_estimate({}));
  EXPECT_FALSE(stratified_estimate({{5, 4, 100}}));
}

// The textbook example of Lincoln–Petersen (n = 10 marked, K = 15 caught
// again, k = 5 of them marked: N = 30), with Chapman's correction:
// (11 × 16) ÷ 6 − 1 = 28.33; Seber's variance 16·11·5·10 ÷ (36·7) = 34.92.
// Chao's log-normal interval: f0 = 8.33, C = exp(1.96·√ln(1 + 34.92/8.33²))
// = 3.49, so 20 + 8.33/3.49 … 20 + 8.33·3.49 = 22.4 … 49.1.
TEST(Chapman, TextbookExample) {
  auto e = chapman(10, 15, 5);
  ASSERT_TRUE(e);
  EXPECT_NEAR(e->total, 28.333, 5e-4);
  EXPECT_NEAR(e->variance, 34.921, 5e-4);
  EXPECT_EQ(e->seen, 20);
  EXPECT_NEAR(e->unseen, 8.333, 5e-4);
  ASSERT_TRUE(e->ci);
  EXPECT_NEAR(e->ci->low, 22.4, 0.05);
  EXPECT_NEAR(e->ci->high, 49.1, 0.05);
  EXPECT_TRUE(e->few_on_both);  // 5 on both
}

// Chao's interval where the symmetric one failed: few on both lists.
TEST(Chapman, ChaoIntervalAtTheEdges) {
  auto a = chapman(60, 6, 3);
  ASSERT_TRUE(a && a->ci);
  EXPECT_NEAR(a->ci->low, 75, 1);
  EXPECT_NEAR(a->ci->high, 212, 1);
  // 総社市-like figures: 207 found by the survey, 60 known to the centre, 3 on both.
  auto b = chapman(207, 60, 3);
  ASSERT_TRUE(b && b->ci);
  EXPECT_NEAR(b->total, 208.0 * 61.0 / 4.0 - 1, 1e-9);
  EXPECT_NEAR(b->ci->low, 1'481, 2);
  EXPECT_NEAR(b->ci->high, 7'208, 5);
  EXPECT_GT(b->ci->low, static_cast<double>(b->seen));
  EXPECT_TRUE(b->few_on_both);
  auto many = chapman(200, 150, 60);
  ASSERT_TRUE(many);
  EXPECT_FALSE(many->few_on_both);
  EXPECT_LT(many->ci->low, many->total);
  EXPECT_GT(many->ci->high, many->total);
}

// Everybody on the shorter list is on the longer one too: the estimate is
// the longer list, the variance 0, and no interval is claimed.
TEST(Chapman, OverlapOfAWholeListGivesNoInterval) {
  auto e = chapman(12, 30, 12);
  ASSERT_TRUE(e);
  EXPECT_DOUBLE_EQ(e->total, 30.0);
  EXPECT_DOUBLE_EQ(e->variance, 0.0);
  EXPECT_DOUBLE_EQ(e->unseen, 0.0);
  EXPECT_FALSE(e->ci);
}

TEST(Chapman, RefusesWhatGivesNoEstimate) {
  EXPECT_EQ(chapman_refusal(5, 3, 4), ChapmanRefusal::impossible);
  EXPECT_EQ(chapman_refusal(-1, 3, 0), ChapmanRefusal::impossible);
  EXPECT_EQ(chapman_refusal(1, 30, 1), ChapmanRefusal::list_too_small);
  EXPECT_EQ(chapman_refusal(0, 30, 0), ChapmanRefusal::list_too_small);
  EXPECT_EQ(chapman_refusal(4, 3, 0), ChapmanRefusal::no_overlap);  // the lists share nobody
  EXPECT_EQ(chapman_refusal(4, 3, 1), std::nullopt);
  EXPECT_FALSE(chapman(4, 3, 0));
  EXPECT_FALSE(chapman(1, 30, 1));
}

}  // namespace
}  // namespace tsunagu::domain

namespace tsunagu::domain {
namespace {

// Capture histories h = 1 … 7 of three lists (bit 0: list 1, bit 1: list
// 2, bit 2: list 3).
std::vector<std::int64_t> three(std::int64_t z100, std::int64_t z010, std::int64_t z110, std::int64_t z001,
                                std::int64_t z101, std::int64_t z011, std::int64_t z111) {
  return {0, z100, z010, z110, z001, z101, z011, z111};
}

const LogLinearFit& model(const LogLinearResult& r, const std::string& name) {
  for (const auto& m : r.models)
    if (m.name == name) return m;
  throw std::runtime_error("no model " + name);
}

// A table made exactly independent (N = 1,000; the lists catch 50 %, 40 %
// and 30 % independently): the independence model fits it with no
// deviance and finds the 210 on no list.
TEST(LogLinear, IndependentListsGiveTheTrueTotal) {
  auto r = log_linear_models(3, three(210, 140, 140, 90, 90, 60, 60));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->seen, 790);
  EXPECT_EQ(r->models.size(), 8u);
  const auto& ind = model(*r, "独立");
  ASSERT_TRUE(ind.converged);
  EXPECT_NEAR(ind.unseen, 210.0, 1e-6);
  EXPECT_NEAR(ind.total, 1000.0, 1e-6);
  EXPECT_NEAR(ind.deviance, 0.0, 1e-8);
  EXPECT_EQ(ind.df, 3);
  EXPECT_LT(ind.ci.low, 1000.0);
  EXPECT_GT(ind.ci.high, 1000.0);
  EXPECT_EQ(r->models.front().name, "独立");  // no extra term is worth its AIC here
}

// With every two-list term the model is saturated on the seven observed
// cells, and its projection is Fienberg's (1972) closed form.
TEST(LogLinear, AllTwoListTermsGiveFienbergsClosedForm) {
  auto counts = three(43, 31, 12, 27, 9, 7, 4);
  auto r = log_linear_models(3, counts);
  ASSERT_TRUE(r);
  const auto& all = model(*r, "1×2, 1×3, 2×3");
  ASSERT_TRUE(all.converged);
  EXPECT_EQ(all.df, 0);
  EXPECT_NEAR(all.deviance, 0.0, 1e-8);
  EXPECT_NEAR(all.unseen, 4.0 * 43 * 31 * 27 / (12.0 * 9 * 7), 1e-6);
}

// With the 1×2 term only, list 3 is independent of lists 1 and 2 taken
// together: the projection is Petersen's estimate between list 3 and the
// union of lists 1 and 2, z001 × (persons on 1 or 2 but not 3) ÷ (persons
// on 1 or 2 and on 3).
TEST(LogLinear, OneDependenceTermReducesToPetersenAgainstTheOtherLists) {
  auto r = log_linear_models(3, three(43, 31, 12, 27, 9, 7, 4));
  ASSERT_TRUE(r);
  const auto& m = model(*r, "1×2");
  ASSERT_TRUE(m.converged);
  EXPECT_EQ(m.df, 2);
  EXPECT_NEAR(m.unseen, 27.0 * (43 + 31 + 12) / (9 + 7 + 4), 1e-6);
  // The models are listed by AIC, converged ones first.
  for (std::size_t i = 1; i < r->models.size(); ++i) {
    if (r->models[i].converged) {
      EXPECT_LE(r->models[i - 1].aic, r->models[i].aic);
    }
  }
}

TEST(LogLinear, RefusesWhatIsNotATableOfThreeToFiveLists) {
  EXPECT_FALSE(log_linear_models(2, {0, 1, 2, 3}));
  EXPECT_FALSE(log_linear_models(3, {0, 1, 2}));
  EXPECT_FALSE(log_linear_models(3, three(1, 2, 3, -4, 5, 6, 7)));
  auto four = log_linear_models(4, std::vector<std::int64_t>(16, 5));
  ASSERT_TRUE(four);
  EXPECT_EQ(four->models.size(), 64u);
}

}  // namespace
}  // namespace tsunagu::domain

namespace tsunagu::domain {
namespace {

// A published three-list example: the hepatitis A outbreak at a college in
// northern Taiwan, 1995 (Chao, Tsay, Lin, Shau & Chao, "The applications of
// capture–recapture models to epidemiological data", Statistics in Medicine
// 20:3123–3157, 2001, Table II; the data set HAV of the R package CARE1).
// Lists: P (serum tests, 135), Q (hospital reports, 122), E (the
// epidemiologists', 126); 271 persons on at least one. Histories P Q E:
// 100 69, 010 55, 110 21, 001 63, 101 17, 011 18, 111 28 (the list sizes
// and 271 agree with CARE1's documentation). Independence gives N ≈ 388; the
// model with every two-list term projects 1,042 unseen (N ≈ 1,313, as published); the
// serum screening of every student later found 545 infected — the paper's
// lesson that the saturated model's range is wide and the choice matters.
TEST(LogLinear, HepatitisAOutbreakOfChaoEtAl2001) {
  auto r = log_linear_models(3, three(69, 55, 21, 63, 17, 18, 28));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->seen, 271);
  const auto& all = model(*r, "1×2, 1×3, 2×3");
  ASSERT_TRUE(all.converged);
  EXPECT_EQ(all.df, 0);
  EXPECT_NEAR(all.total, 271.0 + 28.0 * 69 * 55 * 63 / (21.0 * 17 * 18), 1e-6);
  EXPECT_EQ(std::lround(all.total), 1313);
  EXPECT_LT(all.ci.low, all.total);
  EXPECT_GT(all.ci.high, all.total);
  const auto& ind = model(*r, "独立");
  ASSERT_TRUE(ind.converged);
  EXPECT_EQ(ind.df, 3);
  EXPECT_EQ(std::lround(ind.total), 388);  // the independence model's N of the paper's table of models
}

// The link's histories: per key, the j-th person of one list is the j-th of
// every list with more persons of that key.
TEST(CaptureHistories, PersonsOfAKeyAreMatchedInOrder) {
  std::vector<std::map<std::string, std::int64_t>> lists{
      {{"a", 3}, {"b", 1}},  // cards
      {{"a", 1}, {"c", 2}},  // case records
      {{"a", 2}, {"b", 1}},  // a further list
  };
  auto h = capture_histories(lists);
  ASSERT_EQ(h.size(), 8u);
  EXPECT_EQ(h[0b111], 1);  // a: the first of each
  EXPECT_EQ(h[0b101], 2);  // a: one more on cards and the further list; b: on both
  EXPECT_EQ(h[0b001], 1);  // a: the third card
  EXPECT_EQ(h[0b010], 2);  // c: case records only
  EXPECT_EQ(h[0b100] + h[0b011] + h[0b110], 0);
  // Two lists: the persons on both are min(a, b) per key, as before.
  auto two = capture_histories({{{"k", 4}}, {{"k", 2}}});
  EXPECT_EQ(two[3], 2);
  EXPECT_EQ(two[1], 2);
  EXPECT_EQ(two[2], 0);
}

}  // namespace
}  // namespace tsunagu::domain
