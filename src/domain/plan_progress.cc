#include "domain/plan_progress.h"

namespace tsunagu::domain {
namespace {
bool in_range(int level) { return level >= kMinProgressLevel && level <= kMaxProgressLevel; }
}  // namespace

std::string_view progress_level_label(int level) {
  if (!in_range(level)) return {};
  return kProgressLevelValues[static_cast<std::size_t>(level)];
}

std::optional<ProgressDirection> describe_progress(std::optional<int> previous, int current) {
  if (!in_range(current) || (previous && !in_range(*previous))) return std::nullopt;
  if (!previous) return ProgressDirection::kFirst;
  if (current > *previous) return ProgressDirection::kForward;
  if (current < *previous) return ProgressDirection::kBackForNow;
  return ProgressDirection::kSame;
}

std::string_view direction_label(ProgressDirection d) {
  switch (d) {
    case ProgressDirection::kFirst: return kProgressDirectionValues[0];
    case ProgressDirection::kForward: return kProgressDirectionValues[1];
    case ProgressDirection::kSame: return kProgressDirectionValues[2];
    case ProgressDirection::kBackForNow: return kProgressDirectionValues[3];
  }
  return kProgressDirectionValues[2];
}

}  // namespace tsunagu::domain
