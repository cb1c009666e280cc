#include "domain/estimators.h"

#include <algorithm>
#include <cmath>

namespace tsunagu::domain {

Interval wilson_interval(std::int64_t cases, std::int64_t n, double z) {
  const double nn = static_cast<double>(n), p = static_cast<double>(cases) / nn, z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<PrevalenceEstimate> cabinet_office_estimate(std::int64_t cases, std::int64_t answered,
                                                          std::int64_t population,
                                                          std::optional<int> rate_percent_digits) {
  if (answered <= 0 || cases < 0 || cases > answered || population < 0) return std::nullopt;
  PrevalenceEstimate e;
  e.rate = static_cast<double>(cases) / static_cast<double>(answered);
  if (rate_percent_digits) {
    const double scale = std::pow(10.0, *rate_percent_digits);
    e.rate = std::round(e.rate * 100 * scale) / scale / 100;
  }
  e.rate_ci = wilson_interval(cases, answered);
  const double pop = static_cast<double>(population);
  e.estimate = e.rate * pop;
  e.estimate_ci = {e.rate_ci.low * pop, e.rate_ci.high * pop};
  return e;
}

std::optional<PrevalenceEstimate> stratified_estimate(const std::vector<Stratum>& groups,
                                                      std::optional<int> rate_percent_digits) {
  if (groups.empty()) return std::nullopt;
  PrevalenceEstimate t;
  double population = 0, below = 0, above = 0;  // squared distances to the limits
  for (const auto& g : groups) {
    auto e = cabinet_office_estimate(g.cases, g.answered, g.population, rate_percent_digits);
    if (!e) return std::nullopt;
    t.estimate += e->estimate;
    population += static_cast<double>(g.population);
    const double to_low = std::max(0.0, e->estimate - e->estimate_ci.low);
    const double to_high = std::max(0.0, e->estimate_ci.high - e->estimate);
    below += to_low * to_low;
    above += to_high * to_high;
  }
  t.estimate_ci = {std::max(0.0, t.estimate - std::sqrt(below)), t.estimate + std::sqrt(above)};
  if (population > 0) {
    t.rate = t.estimate / population;
    t.rate_ci = {t.estimate_ci.low / population, t.estimate_ci.high / population};
  }
  return t;
}

std::optional<ChapmanRefusal> chapman_refusal(std::int64_t n1, std::int64_t n2, std::int64_t m) {
  if (n1 < 0 || n2 < 0 || m < 0 || m > n1 || m > n2) return ChapmanRefusal::impossible;
  if (n1 < 2 || n2 < 2) return ChapmanRefusal::list_too_small;
  if (m == 0) return ChapmanRefusal::no_overlap;
  return std::nullopt;
}

std::optional<ChapmanEstimate> chapman(std::int64_t n1, std::int64_t n2, std::int64_t m, double z) {
  if (chapman_refusal(n1, n2, m)) return std::nullopt;
  const double a = static_cast<double>(n1), b = static_cast<double>(n2), k = static_cast<double>(m);
  ChapmanEstimate e;
  e.seen = n1 + n2 - m;
  e.total = (a + 1) * (b + 1) / (k + 1) - 1;
  e.variance = (a + 1) * (b + 1) * (a - k) * (b - k) / ((k + 1) * (k + 1) * (k + 2));
  // f0 = total − seen = (n1 − m)(n2 − m)/(m + 1): 0 exactly when the
  // variance is 0 (one list lies wholly inside the other).
  e.unseen = (a - k) * (b - k) / (k + 1);
  e.few_on_both = m < kFewOnBoth;
  if (e.unseen > 0) {
    const double c = std::exp(z * std::sqrt(std::log(1 + e.variance / (e.unseen * e.unseen))));
    const double seen = static_cast<double>(e.seen);
    e.ci = Interval{seen + e.unseen / c, seen + e.unseen * c};
  }
  return e;
}

}  // namespace tsunagu::domain

namespace tsunagu::domain {
namespace {

// Solves A x = b in place (A symmetric positive definite, small) by
// Gaussian elimination with partial pivoting; false when singular.
bool solve(std::vector<std::vector<double>> a, std::vector<double>& b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
    if (std::abs(a[piv][c]) < 1e-12) return false;
    std::swap(a[c], a[piv]);
    std::swap(b[c], b[piv]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t k = c + 1; k < n; ++k) b[c] -= a[c][k] * b[k];
    b[c] /= a[c][c];
  }
  return true;
}

LogLinearFit fit(int k, const std::vector<std::int64_t>& counts, const std::vector<std::pair<int, int>>& terms, double z,
                 std::int64_t seen) {
  LogLinearFit out;
  out.interactions = terms;
  if (terms.empty()) out.name = "独立";
  for (const auto& [i, j] : terms) {
    if (!out.name.empty()) out.name += ", ";
    out.name += std::to_string(i + 1) + "×" + std::to_string(j + 1);
  }
  const std::size_t cells = (std::size_t{1} << k) - 1, p = 1 + static_cast<std::size_t>(k) + terms.size();
  // Design: intercept, main effects, the chosen two-list terms.
  std::vector<std::vector<double>> x(cells, std::vector<double>(p, 0.0));
  std::vector<double> y(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    const std::size_t h = c + 1;
    y[c] = static_cast<double>(counts[h]);
    x[c][0] = 1;
    for (int i = 0; i < k; ++i) x[c][1 + static_cast<std::size_t>(i)] = (h >> i) & 1;
    for (std::size_t t = 0; t < terms.size(); ++t)
      x[c][1 + static_cast<std::size_t>(k) + t] = ((h >> terms[t].first) & 1) && ((h >> terms[t].second) & 1);
  }
  out.df = static_cast<int>(cells) - static_cast<int>(p);
  // The design is 0/1: each cell's columns that are 1, so that the
  // iterations touch only those (five lists fit 1,024 models per answer).
  std::vector<std::vector<std::size_t>> ones(cells);
  for (std::size_t c = 0; c < cells; ++c)
    for (std::size_t j = 0; j < p; ++j)
      if (x[c][j] != 0) ones[c].push_back(j);
  std::vector<double> beta(p, 0.0);
  double mean = 0;
  for (double v : y) mean += v;
  beta[0] = std::log(std::max(mean / static_cast<double>(cells), 0.5));
  std::vector<std::vector<double>> info(p, std::vector<double>(p));
  std::vector<double> mu(cells);
  for (int iter = 0; iter < 200; ++iter) {
    for (std::size_t c = 0; c < cells; ++c) {
      double eta = 0;
      for (auto j : ones[c]) eta += beta[j];
      mu[c] = std::exp(std::min(eta, 700.0));
    }
    std::vector<double> score(p, 0.0);
    for (auto& row : info) std::fill(row.begin(), row.end(), 0.0);
    for (std::size_t c = 0; c < cells; ++c)
      for (auto a : ones[c]) {
        score[a] += y[c] - mu[c];
        for (auto b : ones[c]) info[a][b] += mu[c];
      }
    std::vector<double> step = score;
    if (!solve(info, step)) return out;
    double largest = 0;
    for (std::size_t j = 0; j < p; ++j) {
      beta[j] += step[j];
      largest = std::max(largest, std::abs(step[j]));
    }
    // A parameter running off (a zero cell drives a term to −∞): no finite
    // estimate; stop at once rather than walk on for the iterations left.
    for (double b : beta)
      if (b > 50 || b < -50) return out;
    if (largest < 1e-10) {
      out.converged = true;
      break;
    }
  }
  if (!out.converged) return out;
  // Standard error of the intercept from the inverse information.
  std::vector<double> e0(p, 0.0);
  e0[0] = 1;
  if (!solve(info, e0)) {
    out.converged = false;
    return out;
  }
  const double se = std::sqrt(std::max(e0[0], 0.0));
  out.unseen = std::exp(beta[0]);
  out.total = static_cast<double>(seen) + out.unseen;
  out.ci = {static_cast<double>(seen) + std::exp(beta[0] - z * se), static_cast<double>(seen) + std::exp(beta[0] + z * se)};
  for (std::size_t c = 0; c < cells; ++c)
    out.deviance += 2 * ((y[c] > 0 ? y[c] * std::log(y[c] / mu[c]) : 0.0) - (y[c] - mu[c]));
  out.deviance = std::max(out.deviance, 0.0);
  out.aic = out.deviance + 2 * static_cast<double>(p);
  return out;
}

}  // namespace

std::optional<LogLinearResult> log_linear_models(int k, const std::vector<std::int64_t>& counts, double z) {
  if (k < 3 || k > 5 || counts.size() != (std::size_t{1} << k)) return std::nullopt;
  LogLinearResult r;
  for (std::size_t h = 1; h < counts.size(); ++h) {
    if (counts[h] < 0) return std::nullopt;
    r.seen += counts[h];
  }
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < k; ++i)
    for (int j = i + 1; j < k; ++j) pairs.emplace_back(i, j);
  for (std::size_t mask = 0; mask < (std::size_t{1} << pairs.size()); ++mask) {
    std::vector<std::pair<int, int>> terms;
    for (std::size_t t = 0; t < pairs.size(); ++t)
      if ((mask >> t) & 1) terms.push_back(pairs[t]);
    r.models.push_back(fit(k, counts, terms, z, r.seen));
  }
  std::stable_sort(r.models.begin(), r.models.end(), [](const LogLinearFit& a, const LogLinearFit& b) {
    if (a.converged != b.converged) return a.converged;
    return a.converged && a.aic < b.aic;
  });
  return r;
}

std::vector<std::int64_t> capture_histories(const std::vector<std::map<std::string, std::int64_t>>& lists) {
  std::vector<std::int64_t> counts(std::size_t{1} << lists.size(), 0);
  std::map<std::string, std::vector<std::int64_t>> by_key;  // key → persons on each list
  for (std::size_t i = 0; i < lists.size(); ++i)
    for (const auto& [key, n] : lists[i]) {
      auto& row = by_key[key];
      row.resize(lists.size(), 0);
      row[i] = std::max<std::int64_t>(n, 0);
    }
  for (const auto& [key, row] : by_key) {
    // Persons j < min over some lists share a history: walk the distinct
    // list sizes upwards, each step a block of persons with one history.
    std::vector<std::int64_t> sizes(row.begin(), row.end());
    std::sort(sizes.begin(), sizes.end());
    std::int64_t below = 0;
    for (auto level : sizes) {
      if (level <= below) continue;
      std::size_t h = 0;
      for (std::size_t i = 0; i < row.size(); ++i)
        if (row[i] >= level) h |= std::size_t{1} << i;
      counts[h] += level - below;
      below = level;
    }
  }
  counts[0] = 0;
  return counts;
}

}  // namespace tsunagu::domain
