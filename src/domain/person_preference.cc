#include "domain/person_preference.h"

#include <algorithm>

namespace tsunagu::domain {

DispatchWishes dispatch_wishes_of(std::span<const std::string> preferences) {
  auto has = [&](std::size_t i) {
    return std::find(preferences.begin(), preferences.end(), kSupportPreferenceValues[i]) != preferences.end();
  };
  return {.same_sex = has(0), .same_generation = has(1), .peer = has(2)};
}

}  // namespace tsunagu::domain
