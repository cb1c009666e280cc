// Every enumeration of the domain, in one list.
//
// GET /api/v1/meta (src/http/meta_routes.cc) publishes this list, so the
// front end renders its choices from the same arrays the server validates
// against and keeps no copy of its own. Tests check that names are unique,
// values distinct, labels complete, and that every EnumSpec of src/domain is
// listed (tests/unit/enum_catalog_test.cc); the API test
// tests/api/meta.test.mjs checks that no list of the catalog is copied into
// web/src.
#pragma once

#include <span>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

// All EnumSpecs, grouped by topic (contact, case, person, assessment, plan,
// referral and sharing, resource, meeting, organisation and area, role).
// Stable order and names: the API keys its enumerations by EnumSpec::name.
// Roles (domain/role.h) and area levels (domain/area_level.h) appear here as
// EnumSpecs built from their own tables, ids as values, with labels.
std::span<const EnumSpec> enum_catalog();

// The EnumSpec with `name`, or nullptr.
const EnumSpec* find_enum(std::string_view name);

}  // namespace tsunagu::domain
