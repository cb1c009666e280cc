// The roles of PRODUCT.md ("Users and roles"): what kind of work a user
// does, which decides what they may see. Identifiers are stable API values;
// labels are what the screens show.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tsunagu::domain {

enum class Role { coordinator, supervisor, ibasho_staff, supporter, surveyor, analyst, admin };

inline constexpr std::array<Role, 7> kAllRoles = {Role::coordinator, Role::supervisor, Role::ibasho_staff,
                                                  Role::supporter,   Role::surveyor,   Role::analyst,
                                                  Role::admin};

std::string_view role_id(Role r);
std::string_view role_label(Role r);
std::optional<Role> parse_role(std::string_view id);

}  // namespace tsunagu::domain
