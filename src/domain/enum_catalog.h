// Every enumeration of the domain, in one list.
//
// The HTTP layer publishes this list (GET /api/v1/enums or similar) so the
// front end renders choices from the same arrays the server validates
// against; a test checks that names are unique and values are distinct.
#pragma once

#include <span>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// All EnumSpecs, grouped by topic (contact, case, person, assessment, plan,
// referral, organisation, meeting, survey).
std::span<const EnumSpec> enum_catalog();

// The EnumSpec with `name`, or nullptr.
const EnumSpec* find_enum(std::string_view name);

}  // namespace tsunagu::domain
