#include "domain/retention.h"

namespace tsunagu::domain {

bool valid_retention_years(std::int64_t years) {
  return years >= kMinRetentionYears && years <= kMaxRetentionYears;
}

Date retention_cutoff(const Date& today, int years) { return add_months(today, -12 * years); }

bool retention_passed(const std::optional<std::string>& ended_on, const std::optional<int>& years,
                      const Date& today) {
  if (!years || !ended_on) return false;
  auto ended = parse_iso_date(*ended_on);
  if (!ended) return false;
  return *ended < retention_cutoff(today, *years);
}

}  // namespace tsunagu::domain
