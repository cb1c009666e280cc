// Estimators of 実態把握: the Cabinet Office arithmetic (a sample's rate
// scaled to a population) and capture–recapture between two lists.
//
// Cabinet Office (seed 004, 内閣府「生活状況に関する調査」): rate = persons
// with the condition ÷ valid responses; estimate = rate × population of the
// age group (49 ÷ 3,115 = 1.57 %, × 3,445万 = 54.1万). The 95 % interval is
// the Wilson score interval, stated as such wherever it is shown: it stays
// inside [0, 1] and behaves for the small counts (16 of 3,115) where the
// textbook Wald interval does not. The interval covers sampling error only;
// who did not answer the survey is not in it.
//
// Capture–recapture (Chapman 1951, variance of Seber 1970): two lists of
// n1 and n2 persons with m on both estimate the total as
// (n1+1)(n2+1)/(m+1) − 1. It assumes the two lists are independent: a
// person known to the 民生委員 is neither more nor less likely to be known
// to the centre. Two lists cannot test that assumption, and here it is
// probably false (民生委員 refer people to the centre, so the lists are
// positively dependent and the estimate too low) — the figure is a range
// to discuss, not a fact. The 95 % interval is Chao's log-normal one
// (Chao 1987): the unseen count f0 = N − (n1 + n2 − m) is skewed, so the
// interval is built on its log and can never fall below the persons seen,
// where a symmetric normal interval truncated there says little at the
// edges (few on both lists, or nearly everyone on both).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tsunagu::domain {

inline constexpr double kZ95 = 1.959963984540054;
inline constexpr std::string_view kIntervalMethod = "Wilson スコア法による95%信頼区間";

struct Interval {
  double low = 0, high = 0;
};

// Wilson score interval for `cases` of `n` at z (95 % by default).
// Preconditions: 0 <= cases <= n, n > 0.
Interval wilson_interval(std::int64_t cases, std::int64_t n, double z = kZ95);

struct PrevalenceEstimate {
  double rate = 0;          // cases ÷ answered
  Interval rate_ci;         // Wilson, 95 %
  double estimate = 0;      // rate × population
  Interval estimate_ci;     // the rate's interval × population
};

// The Cabinet Office arithmetic. When `rate_percent_digits` is given, the
// rate is first rounded to that many decimals of a percent (the 平成27年度
// report multiplied the published 1.57 %, not 49 ÷ 3,115); the interval is
// always computed from the counts. nullopt when answered <= 0, cases < 0,
// cases > answered or population < 0.
std::optional<PrevalenceEstimate> cabinet_office_estimate(std::int64_t cases, std::int64_t answered,
                                                          std::int64_t population,
                                                          std::optional<int> rate_percent_digits = std::nullopt);

// The Cabinet Office arithmetic over age groups sampled separately
// (strata): the total estimate is the groups' estimates added (each with
// its own rate and population), its rate that total ÷ the groups'
// population, so that rate × population gives the estimate shown. Pooling
// the answers instead would weight each group by its sample, not by its
// population. The interval is MOVER (Zou & Donner 2008) on the groups'
// Wilson intervals: the distances from each group's estimate to its
// Wilson limits, combined in quadrature, below and above the total. For
// large samples it is the stratified normal interval (variance
// Σ N_h² p_h(1−p_h)/n_h); unlike that one it stays honest for a group
// where nobody (or everybody) was found, whose normal variance is 0.
// nullopt when `groups` is empty or a group is refused by
// cabinet_office_estimate.
struct Stratum {
  std::int64_t cases = 0, answered = 0, population = 0;
};
std::optional<PrevalenceEstimate> stratified_estimate(const std::vector<Stratum>& groups,
                                                      std::optional<int> rate_percent_digits = std::nullopt);
inline constexpr std::string_view kStratifiedIntervalMethod =
    "合計の95%信頼区間は、年齢層ごとの Wilson 区間から MOVER 法（Zou & Donner 2008）で合成した層別の区間です"
    "（各層の推計から区間の端までの幅を二乗和の平方根で合わせる）。";

struct ChapmanEstimate {
  double total = 0;              // estimated persons in the population, both lists' and nobody's
  double variance = 0;           // Seber's
  std::optional<Interval> ci;    // Chao's log-normal 95 %; none when the variance is 0 (below)
  double unseen = 0;             // total − persons on at least one list (f0)
  std::int64_t seen = 0;         // n1 + n2 − m
  bool few_on_both = false;      // m < kFewOnBoth: the estimate swings with one person more or less
};

// Below this many on both lists Chapman's estimate is unstable (its bias
// and variance grow quickly; Seber 1982 asks for m ≥ 7).
inline constexpr std::int64_t kFewOnBoth = 7;

// Why two lists give no estimate.
enum class ChapmanRefusal {
  impossible,      // a count below zero, or m above a list
  list_too_small,  // a list of fewer than 2 persons says nothing of a total
  no_overlap,      // m = 0: the lists share nobody, so they cannot be linked into a total
};
std::optional<ChapmanRefusal> chapman_refusal(std::int64_t n1, std::int64_t n2, std::int64_t m);

// Chapman's estimator for two lists; nullopt exactly when chapman_refusal
// gives a reason. When m equals a whole list the other list's persons are
// all the estimate finds (f0 = 0, variance 0): `ci` is left empty rather
// than claiming a range of width 0.
std::optional<ChapmanEstimate> chapman(std::int64_t n1, std::int64_t n2, std::int64_t m, double z = kZ95);

// --- three or more lists: log-linear models (Fienberg 1972; IWGDMF 1995) ---
//
// k lists (3 ≤ k ≤ 5) give 2^k − 1 observed capture histories; the cell of
// those on no list is missing. A Poisson log-linear model of the observed
// cells — main effects of each list, and a chosen set of two-list
// interaction terms (the dependence between two lists) — is fitted by
// maximum likelihood (Newton–Raphson) and projected to the missing cell:
// unseen = exp(intercept). Every set of two-list terms is fitted (2^(k(k−1)/2)
// models: 8 for three lists) and the models are returned sorted by AIC, the
// chosen one first: the alternatives side by side, because the data do not
// decide between models with near AICs. The interval is Wald's on the log
// of the unseen count (exp(β0 ± z·se)), stated as such. With all two-list
// terms and three lists the model has no degree of freedom left (it fits the
// observed cells exactly) and its projection is Fienberg's closed form
// z111·z100·z010·z001 ÷ (z110·z101·z011).
struct LogLinearFit {
  std::vector<std::pair<int, int>> interactions;  // lists (0-based, i < j) with a dependence term
  std::string name;            // "独立" or "1×2, 1×3" (lists numbered from 1)
  bool converged = false;      // false: no finite estimate (e.g. a zero cell drives a term to −∞)
  double unseen = 0, total = 0;
  Interval ci;                 // of the total: seen + exp(β0 ± z·se)
  double deviance = 0;         // G² against the observed cells
  int df = 0;                  // observed cells − parameters
  double aic = 0;              // deviance + 2 × parameters (compare within one table)
};
struct LogLinearResult {
  std::int64_t seen = 0;
  std::vector<LogLinearFit> models;  // converged ones sorted by AIC, then the others
};
// `counts[h]` for h = 1 … 2^k − 1: persons with capture history h (bit i
// set: on list i); counts[0] is ignored. nullopt when k is not 3–5, the
// size is not 2^k, or a count is negative.
std::optional<LogLinearResult> log_linear_models(int k, const std::vector<std::int64_t>& counts, double z = kZ95);

// Capture histories of lists linked by a key without names (issue 18 point
// 6): `lists[i]` maps each key to the persons of list i who carry it. The
// persons of one key are interchangeable — the key is all the link knows —
// so the j-th person of a key on one list is taken to be the j-th on every
// list with more than j persons of that key: with two lists the persons on
// both are min(a, b) per key; a key with 3 cards, 1 case record and 2 rows
// of a further list gives the histories 111, 101 and 001. Returns counts of
// size 2^k (bit i set: on list i), counts[0] = 0.
std::vector<std::int64_t> capture_histories(const std::vector<std::map<std::string, std::int64_t>>& lists);

}  // namespace tsunagu::domain
