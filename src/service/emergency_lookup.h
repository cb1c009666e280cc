// Naming the case of an emergency access (緊急アクセス) as people name it on
// the phone: the owning organisation and the case number, or the whole
// title. A separate use case from the grant (service/emergency_access.h)
// because a lookup can be abused: tried title after title, it would tell
// whether someone is another organisation's client. So each miss is
// audited and the misses are limited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/problem.h"
#include "store/db.h"

namespace tsunagu::service {

// Misses allowed to one person within an hour; then the lookup is refused
// for the rest of the hour. A real emergency names one case and may mistype
// it a few times.
inline constexpr std::int64_t kEmergencyLookupFailuresPerHour = 10;

// The case an emergency access asks for as people name it on the phone:
// {organisation_id, case_number | case_title}. The number as staff type it
// (domain/case_number.h); the title whole (folded as search folds it, so
// width and kana differences do not matter), never a part of it, so the
// lookup cannot be used to browse another organisation's titles. A
// 400 validation_failed names the field to correct: no organisation, no
// number or title, no such case, or a title two cases share. A lookup that
// finds no single case is audited (denied, entity emergency_access, the
// organisation asked; the number, or the title's length, never its text),
// and after kEmergencyLookupFailuresPerHour of them in an hour the
// actor gets 429 emergency_lookup_limited until the hour has passed. Those
// two come back as `refusal` (already audited) for the route to answer, so
// the request's transaction commits the audit entry instead of rolling it
// back; malformed input still throws.
struct EmergencyLookup {
  std::string case_id;
  std::optional<Problem> refusal;
};
EmergencyLookup find_case_for_emergency(store::Connection& db, const Actor& actor, const nlohmann::json& body);

}  // namespace tsunagu::service
