// Which roles must sign in with a second factor (an authenticator app's
// code), per organisation.
//
// Administrators always must: they manage every account, so an admin
// account taken over is every account taken over; no setting turns that
// off. Supervisors must by default (they approve, see staff load and the
// audit log) and an administrator may lift that for their organisation;
// every other role is optional unless the organisation requires it.
// Stored as role ids separated by commas ("admin,supervisor").
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "domain/role.h"

namespace tsunagu::domain {

inline constexpr std::string_view kDefaultTwoFactorRoles = "admin,supervisor";

// The roles in a stored list; unknown ids are skipped; admin is always in.
std::set<Role> parse_two_factor_roles(std::string_view stored);
// The stored form, in the order of kAllRoles; admin is always in.
std::string format_two_factor_roles(const std::set<Role>& roles);
// Whether `role` must use a second factor under the stored list.
bool two_factor_required(Role role, std::string_view stored);

}  // namespace tsunagu::domain
