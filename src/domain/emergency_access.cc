#include "domain/emergency_access.h"

namespace tsunagu::domain {

bool emergency_access_valid(std::string_view now, std::string_view expires_at) {
  return !now.empty() && !expires_at.empty() && now < expires_at;
}

bool emergency_access_duration_ok(std::int64_t seconds) {
  return seconds >= 1 && seconds <= kEmergencyAccessMaxSeconds;
}

}  // namespace tsunagu::domain
