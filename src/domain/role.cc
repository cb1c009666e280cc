#include "domain/role.h"

namespace tsunagu::domain {
namespace {
struct RoleInfo {
  Role role;
  std::string_view id, label;
};
constexpr RoleInfo kRoles[] = {
    {Role::coordinator, "coordinator", "相談員・コーディネーター"},
    {Role::supervisor, "supervisor", "所長・主任相談員"},
    {Role::ibasho_staff, "ibasho_staff", "居場所スタッフ"},
    {Role::supporter, "supporter", "サポーター・ピアサポーター"},
    {Role::surveyor, "surveyor", "民生委員・児童委員"},
    {Role::analyst, "analyst", "自治体統計担当"},
    {Role::admin, "admin", "システム管理者"},
};
}  // namespace

std::string_view role_id(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.id;
  return {};
}
std::string_view role_label(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.label;
  return {};
}
std::optional<Role> parse_role(std::string_view id) {
  for (const auto& i : kRoles)
    if (i.id == id) return i.role;
  return std::nullopt;
}

}  // namespace tsunagu::domain
