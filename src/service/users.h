// Users: the staff, supporters, 民生委員 and analysts who sign in. A user
// belongs to one organisation and has one role (domain/role.h). Admins
// manage users of the whole deployment; supervisors see their own staff.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

struct User {
  std::string id, login, display_name, role, organisation_id, organisation_name;
  bool active = true;
  std::int64_t version = 1;
  bool two_factor_active = false;    // an authenticator app is enrolled
  bool two_factor_required = false;  // the organisation requires it of the role
};
void to_json(nlohmann::json& j, const User& u);

// Users the reach covers: all, or only the actor's organisation.
std::vector<User> list_users(store::Connection& db, const Actor& actor, Reach reach);
std::optional<User> find_user(store::Connection& db, const std::string& id);
// Throws 400 validation_failed (field errors; also a login already in use).
User create_user(store::Connection& db, const Actor& actor, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
User update_user(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body);

// For the CLI and demo data: no actor, no JSON. Throws 409 login_taken when
// the login is in use.
// Does not judge the password: the CLI checks password_refusal first; the
// demo data keeps its well-known passwords on purpose.
std::string add_user(store::Connection& db, const std::string& login, const std::string& display_name,
                     const std::string& password, const std::string& role, const std::string& organisation_id);

}  // namespace tsunagu::service
