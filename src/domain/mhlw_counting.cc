#include "domain/mhlw_counting.h"

#include <cstdio>

#include "domain/contact.h"

namespace tsunagu::domain {

UtcRange fiscal_year_utc_range(int fiscal_year) {
  // 1 April 00:00 in Tokyo is 31 March 15:00 UTC.
  char from[40], to[40];
  std::snprintf(from, sizeof from, "%04d-03-31T15:00:00.000Z", fiscal_year);
  std::snprintf(to, sizeof to, "%04d-03-31T15:00:00.000Z", fiscal_year + 1);
  return {from, to};
}


std::optional<std::size_t> channel_column(std::string_view channel) {
  for (std::size_t i = 0; i < kContactChannelValues.size(); ++i)
    if (kContactChannelValues[i] == channel) return i;
  return std::nullopt;
}

std::string person_key(const std::optional<std::string>& subject_person_id, std::string_view case_id) {
  // The prefix keeps the two kinds of key apart (a case id never equals a
  // person id, but the rule should not depend on that).
  return subject_person_id ? "p:" + *subject_person_id : "c:" + std::string(case_id);
}

bool referral_counts(std::string_view state, bool was_accepted) { return state != "取消" || was_accepted; }

}  // namespace tsunagu::domain
