#include "domain/two_factor_rule.h"

namespace tsunagu::domain {

std::set<Role> parse_two_factor_roles(std::string_view stored) {
  std::set<Role> out{Role::admin};
  while (!stored.empty()) {
    auto comma = stored.find(',');
    if (auto r = parse_role(stored.substr(0, comma))) out.insert(*r);
    if (comma == std::string_view::npos) break;
    stored.remove_prefix(comma + 1);
  }
  return out;
}

std::string format_two_factor_roles(const std::set<Role>& roles) {
  std::string out;
  for (Role r : kAllRoles) {
    if (r != Role::admin && !roles.count(r)) continue;
    if (!out.empty()) out += ',';
    out += role_id(r);
  }
  return out;
}

bool two_factor_required(Role role, std::string_view stored) {
  return role == Role::admin || parse_two_factor_roles(stored).count(role) > 0;
}

}  // namespace tsunagu::domain
