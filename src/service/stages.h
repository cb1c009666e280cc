// Stage models and stage changes (支援の段階).
//
// An organisation picks one of the built-in models (domain/stage_model.h);
// each case keeps the model it works with and its current stage. Every move
// is recorded with its date, note and direction; moving back is allowed and
// described neutrally (前へ / 戻る / 同じ, via domain::describe_stage_move).
// Nothing here refuses a move because of its direction.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_ref.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::service {

// {items: [{key, name, stages[]}], organisation_model}: the built-in models
// and the one the actor's organisation uses.
nlohmann::json list_stage_models(store::Connection& db, const Actor& actor);

// Who may choose an organisation's model: its supervisors, and admins.
Policy stage_model_choice_policy();

// {model, version}: the organisation switches to a built-in model. Cases
// keep theirs until their next stage change names the new model.
// Answers {organisation_id, stage_model, model, version}. Throws 404
// not_found, 412 version_conflict (with "current"), 400 validation_failed.
nlohmann::json set_organisation_stage_model(store::Connection& db, const Actor& actor, const std::string& org_id,
                                            std::int64_t expected_version, const nlohmann::json& body);

// {to_stage, changed_on, note, stage_model?}: records one move and updates
// the case's current stage (and version). `stage_model` (optional) moves
// the case onto another built-in model, e.g. the organisation's new one.
// Answers {id, stage_model, current_stage, version, change} (the case).
// Throws 404 not_found, 412 version_conflict (with the case as "current"),
// 400 validation_failed.
nlohmann::json change_stage(store::Connection& db, const Actor& actor, const CaseRef& c,
                            std::int64_t expected_version, const nlohmann::json& body);

// {stage_model, model, current_stage, version, items[]}: the case's moves,
// newest first. Throws 404 not_found for an unknown case.
nlohmann::json list_stage_changes(store::Connection& db, const std::string& case_id);

}  // namespace tsunagu::service
