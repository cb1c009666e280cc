// The organisation's setting for the staff-load view: after how many days
// without a contact an open case is pointed out (organisations.
// no_contact_days, domain/staff_load.h for the limits). Kept by the
// organisation's supervisor or an admin; the organisation's version guards
// the edit like any other change to the organisation.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// {organisation_id, no_contact_days, version}. Throws 404 not_found when the
// organisation does not exist.
nlohmann::json staff_load_settings(store::Connection& db, const std::string& organisation_id);

// Body {no_contact_days}. Throws 404 not_found, 412 version_conflict (with
// "current"), 400 validation_failed outside the limits.
nlohmann::json set_staff_load_settings(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                       std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
