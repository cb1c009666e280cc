// Who is asking: the signed-in user behind a request, and from where.
#pragma once

#include <string>

#include "domain/role.h"

namespace tsunagu::service {

struct Actor {
  std::string user_id;
  std::string login;
  std::string display_name;
  domain::Role role = domain::Role::coordinator;
  std::string organisation_id;
  std::string organisation_name;
  std::string client;  // remote address, for the audit log
  bool operator==(const Actor&) const = default;
};

}  // namespace tsunagu::service
