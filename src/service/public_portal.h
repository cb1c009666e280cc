// The public portal (issue 19, 窓口の明確化・周知): what anyone may read
// without an account — the 窓口 of the area (organisations that chose to be
// listed, with what they offer, hours and how to reach them, and whether
// they answer anonymous consultations), the groups marked public (居場所,
// 家族会, 当事者会, 講演会 …) and their sessions of the coming weeks.
// Nothing personal is in it: no staff names, no participants, no counts.
//
// An organisation's public profile is written by its supervisor or the
// administrator (organisation_public_profile / update_public_profile).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// Days ahead whose sessions the portal lists.
inline constexpr int kPortalSessionDays = 60;

// The portal for everyone (`municipality` null) or for the residents of one
// municipality: its own and its districts' 窓口 and groups, the
// prefecture's (which serve every municipality), and groups that accept its
// residents (自治体間連携). Throws 400 validation_failed for an id that is
// not a municipality.
nlohmann::json public_portal(store::Connection& db, const std::optional<std::string>& municipality);

// {public_listing, offers, hours, phone, address, url, access,
//  consultation_open, reply_days, close_days, protocol, version}. (How long
// threads are kept is the retention policy's thread_years.)
nlohmann::json organisation_public_profile(store::Connection& db, const std::string& organisation_id);
// Body: any of the fields above. Throws 400 validation_failed, 404,
// 412 version_conflict (the organisation's version).
nlohmann::json update_public_profile(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                     std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
