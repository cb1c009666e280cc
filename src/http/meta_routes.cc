// Reference data the screens need to label things: roles, organisation
// kinds, program types, area levels. Public: nothing here is personal.
#include "domain/area_level.h"
#include "domain/organisation.h"
#include "domain/role.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

nlohmann::json labelled(auto const& values) {
  auto out = nlohmann::json::array();
  for (auto v : values) out.push_back({{"value", v}, {"label", v}});
  return out;
}

}  // namespace

void add_meta_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/meta",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext&) {
               nlohmann::json j;
               auto& roles = j["roles"] = nlohmann::json::array();
               for (auto role : domain::kAllRoles)
                 roles.push_back({{"value", domain::role_id(role)}, {"label", domain::role_label(role)}});
               j["organisation_kinds"] = labelled(domain::kOrganisationKindValues);
               j["program_types"] = labelled(domain::kProgramTypeValues);
               auto& levels = j["area_levels"] = nlohmann::json::array();
               for (auto l : domain::kAreaLevels) levels.push_back({{"value", l.id}, {"label", l.label}});
               return Response::json(j);
             },
         .summary = "画面表示用の選択肢と表示名"});
}

}  // namespace tsunagu::http
