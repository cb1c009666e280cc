#include "service/two_factor_policy.h"

#include "domain/two_factor_rule.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::service {

void to_json(nlohmann::json& j, const TwoFactorPolicy& p) {
  j = {{"organisation_id", p.organisation_id}, {"required_roles", p.required_roles}, {"version", p.version}};
}

TwoFactorPolicy find_two_factor_policy(store::Connection& db, const std::string& organisation_id) {
  auto r = db.query_one("SELECT two_factor_roles, version FROM organisations WHERE id = ?", {organisation_id});
  if (!r) throw not_found();
  TwoFactorPolicy p{organisation_id, {}, r->integer(1)};
  for (auto role : domain::parse_two_factor_roles(r->text(0))) p.required_roles.emplace_back(domain::role_id(role));
  // std::set orders by the enum; the API lists them in kAllRoles' order.
  std::vector<std::string> ordered;
  for (auto role : domain::kAllRoles)
    for (const auto& id : p.required_roles)
      if (id == domain::role_id(role)) ordered.push_back(id);
  p.required_roles = std::move(ordered);
  return p;
}

TwoFactorPolicy update_two_factor_policy(store::Connection& db, const Actor& actor,
                                         const std::string& organisation_id, std::int64_t expected_version,
                                         const nlohmann::json& body) {
  auto current = find_two_factor_policy(db, organisation_id);
  if (current.version != expected_version) throw version_conflict(current);
  Input in(body);
  std::set<domain::Role> roles;
  bool listed = body.contains("required_roles") && body["required_roles"].is_array() &&
                body["required_roles"].size() <= domain::kAllRoles.size() * 2;
  if (!listed) {
    in.fail("required_roles", "二段階認証を必須にする役割を、役割の一覧（配列）で指定してください。");
  } else {
    for (const auto& v : body["required_roles"]) {
      auto role = v.is_string() ? domain::parse_role(v.get<std::string>()) : std::nullopt;
      if (!role) {
        in.fail("required_roles", "役割の指定に、選べない値が含まれています。");
        break;
      }
      roles.insert(*role);
    }
    if (!roles.count(domain::Role::admin))
      in.fail("required_roles", "管理者の二段階認証は常に必須です。外すことはできません。");
  }
  in.check();
  std::string stored = domain::format_two_factor_roles(roles);
  auto changed = db.execute(
      "UPDATE organisations SET two_factor_roles = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {stored, now_utc(), organisation_id, expected_version});
  if (changed == 0) throw version_conflict(find_two_factor_policy(db, organisation_id));
  audit(db, actor, {"update", "two_factor_policy", organisation_id, stored});
  return find_two_factor_policy(db, organisation_id);
}

}  // namespace tsunagu::service
