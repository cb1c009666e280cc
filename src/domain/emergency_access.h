// Emergency access (緊急アクセス, "break the glass"): a supervisor of another
// organisation opens a case, for reading only, with a stated reason, for a
// limited time. PRODUCT.md: data of one organisation is invisible to another
// unless "a logged emergency access (with reason) opens it".
//
// The rules here are pure: how long a grant lasts and when it stops. The
// service records grants, the one permission check (service/permission.h)
// honours the valid ones, and every step lands in the audit log.
#pragma once

#include <cstdint>
#include <string_view>

namespace tsunagu::domain {

// How long a grant lasts unless the deployment says otherwise: long enough
// for the night or weekend in which the owning organisation cannot be
// reached, short enough that access does not linger.
inline constexpr std::int64_t kEmergencyAccessDefaultSeconds = 4 * 60 * 60;
// The longest a deployment may configure (`serve --emergency-access-seconds`):
// one day. Longer needs a referral with consent or a 支援会議, not an emergency.
inline constexpr std::int64_t kEmergencyAccessMaxSeconds = 24 * 60 * 60;

// Limits of the stated reason, in code points.
inline constexpr std::size_t kEmergencyReasonMin = 5;
inline constexpr std::size_t kEmergencyReasonMax = 1000;

// True while a grant that expires at `expires_at` is valid at `now` (both
// UTC ISO-8601 of the same fixed width, so text order is time order). The
// grant ends AT its expiry instant: at exactly `expires_at` it is refused.
bool emergency_access_valid(std::string_view now, std::string_view expires_at);

// True when a configured duration is acceptable: 1 second (tests) up to
// kEmergencyAccessMaxSeconds.
bool emergency_access_duration_ok(std::int64_t seconds);

}  // namespace tsunagu::domain
