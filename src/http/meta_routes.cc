// Reference data the screens need to offer and label choices: every
// enumeration of domain::enum_catalog() with the rules a form needs (which
// statuses are open, which channel has sub-kinds, which meeting kind shares
// without consent, …), and the built-in stage models. Public: nothing here is
// personal. The web keeps no copy of these lists (tests/api/meta.test.mjs).
#include <optional>
#include <string_view>

#include "domain/area_level.h"
#include "domain/assessment.h"
#include "domain/audit_vocabulary.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/enum_catalog.h"
#include "domain/meeting.h"
#include "domain/sharing.h"
#include "domain/stage_model.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

// Facts the domain decides about single values, published beside them so
// that no screen restates a rule.
void add_value_rules(std::string_view spec, std::size_t i, std::string_view value, nlohmann::json& out) {
  if (spec == domain::kCaseStatus.name) {
    out["open"] = domain::is_open_case_status(value);
  } else if (spec == domain::kContactChannel.name) {
    out["has_sub_kinds"] =
        domain::check_channel(value, domain::kContactSubKindValues.front()) == domain::ChannelCheck::kOk;
  } else if (spec == domain::kMeetingKind.name) {
    out["needs_consent"] = domain::meeting_needs_consent(value).value_or(true);
    out["needs_legal_basis"] =
        domain::check_meeting_basis(value, std::nullopt) == domain::MeetingBasisCheck::kBasisRequired;
  } else if (spec == domain::kSharingBasis.name) {
    out["record_field"] = domain::kSharingBasisRecordField[i];
  } else if (spec == domain::kSupportGroup.name) {
    out["description"] = domain::kSupportGroupDescriptions[i];
  } else if (spec == "area_level") {
    out["parent"] = domain::parent_level_of(value);  // "" at the top of the tree
  }
}

nlohmann::json choices(const domain::EnumSpec& spec) {
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < spec.size(); ++i) {
    nlohmann::json v{{"value", spec.values[i]}, {"label", spec.label_of(i)}};
    add_value_rules(spec.name, i, spec.values[i], v);
    out.push_back(std::move(v));
  }
  return out;
}

nlohmann::json build_meta() {
  nlohmann::json j;
  auto& enums = j["enumerations"] = nlohmann::json::object();
  for (const domain::EnumSpec& spec : domain::enum_catalog())
    enums[std::string(spec.name)] = {{"label", spec.label}, {"values", choices(spec)}};
  // The first keys of this document, kept for their callers; the same lists.
  j["roles"] = enums["role"]["values"];
  j["organisation_kinds"] = enums["organisation_kind"]["values"];
  j["program_types"] = enums["program_type"]["values"];
  j["area_levels"] = enums["area_level"]["values"];
  auto& models = j["stage_models"] = nlohmann::json::array();
  for (const domain::StageModel& m : domain::builtin_stage_models()) {
    auto stages = nlohmann::json::array();
    for (std::string_view s : m.stages) stages.push_back(s);
    models.push_back({{"key", m.key}, {"name", m.name}, {"stages", std::move(stages)}});
  }
  // The audit screen's words for the log's action and record codes.
  auto terms = [](std::span<const domain::AuditTerm> list) {
    auto out = nlohmann::json::array();
    for (const auto& t : list) out.push_back({{"value", t.code}, {"label", t.label}});
    return out;
  };
  j["audit_vocabulary"] = {{"actions", terms(domain::audit_actions())}, {"entities", terms(domain::audit_entities())}};
  return j;
}

}  // namespace

void add_meta_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/meta",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext&) {
               static const nlohmann::json meta = build_meta();  // the catalog never changes while serving
               return Response::json(meta);
             },
         .summary = "画面表示用の選択肢と表示名（ドメインの列挙すべて）"});
}

}  // namespace tsunagu::http
