#include "domain/outcome.h"

#include <algorithm>

namespace tsunagu::domain {

ProgressDirection movement(int first_level, int latest_level) {
  if (latest_level > first_level) return ProgressDirection::kForward;
  if (latest_level < first_level) return ProgressDirection::kBackForNow;
  return ProgressDirection::kSame;
}

std::optional<ProgressDirection> outing_movement(int first_position,
                                                 int latest_position) {
  auto ok = [](int p) { return p >= 0 && p <= 7; };
  if (!ok(first_position) || !ok(latest_position)) return std::nullopt;
  // Reverse the scale so that "more going out" is the higher level.
  return movement(7 - first_position, 7 - latest_position);
}

std::optional<double> median_from_histogram(
    std::vector<std::pair<std::int64_t, std::int64_t>> histogram) {
  std::erase_if(histogram, [](const auto& b) { return b.second <= 0; });
  std::sort(histogram.begin(), histogram.end());
  std::int64_t n = 0;
  for (const auto& b : histogram) n += b.second;
  if (n == 0) return std::nullopt;
  // 0-based ranks of the middle value(s).
  std::int64_t lo = (n - 1) / 2, hi = n / 2;
  std::optional<std::int64_t> lo_value, hi_value;
  std::int64_t seen = 0;
  for (const auto& [value, count] : histogram) {
    if (!lo_value && lo < seen + count) lo_value = value;
    if (!hi_value && hi < seen + count) {
      hi_value = value;
      break;
    }
    seen += count;
  }
  return (static_cast<double>(*lo_value) + static_cast<double>(*hi_value)) / 2.0;
}

}  // namespace tsunagu::domain
