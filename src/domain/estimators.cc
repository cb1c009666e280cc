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

std::optional<ChapmanEstimate> chapman(std::int64_t n1, std::int64_t n2, std::int64_t m, double z) {
  if (n1 < 0 || n2 < 0 || m < 0 || m > n1 || m > n2) return std::nullopt;
  const double a = static_cast<double>(n1), b = static_cast<double>(n2), k = static_cast<double>(m);
  ChapmanEstimate e;
  e.seen = n1 + n2 - m;
  e.total = (a + 1) * (b + 1) / (k + 1) - 1;
  e.variance = (a + 1) * (b + 1) * (a - k) * (b - k) / ((k + 1) * (k + 1) * (k + 2));
  const double half = z * std::sqrt(e.variance);
  e.ci = {std::max(static_cast<double>(e.seen), e.total - half), e.total + half};
  e.unseen = e.total - static_cast<double>(e.seen);
  return e;
}

}  // namespace tsunagu::domain
