// Support plans (支援計画): goals on the three axes of independence
// (日常生活自立 / 社会生活自立 / 経済的自立), each 短期 / 中期 / 長期, written in
// the person's own words (本人の言葉), with the person's consent state and a
// review date; and, per goal, progress recorded over time.
//
// Progress may go up or down and both are ordinary: each record is
// described against the goal's previous one as はじめての記録 / 前進 /
// 変化なし / 一時的に戻る (domain/plan_progress.h), never as a failure.
// Employment is one possible goal among many, never the measure.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// The plan with its goals (ended ones too, active=false) and each goal's
// progress history, oldest first; with organisation_id for the check.
std::optional<nlohmann::json> find_plan(store::Connection& db, const std::string& id);
// {items, next_cursor}: the case's plans, newest first.
nlohmann::json list_plans(store::Connection& db, const std::string& case_id);
// Throws 400 validation_failed (field errors, those of goals as goals[i].*).
nlohmann::json create_plan(store::Connection& db, const Actor& actor, const std::string& case_id,
                           const std::string& organisation_id, const nlohmann::json& body);
// Replaces the plan's fields and goals. Goals in the body with an `id` keep
// it (and their progress); goals without one are new; goals left out are
// ended (active=false), not deleted. Throws 404 not_found, 412
// version_conflict (with "current"), 400 validation_failed (also for a goal
// id not of this plan).
nlohmann::json update_plan(store::Connection& db, const Actor& actor, const std::string& id,
                           std::int64_t expected_version, const nlohmann::json& body);
// Appends one progress record {recorded_on, level 0..4, note} to an active
// goal of the plan. Returns {progress, plan}. Throws 404 not_found for an
// unknown plan or a goal not of it, 400 validation_failed (also for an
// ended goal).
nlohmann::json record_progress(store::Connection& db, const Actor& actor, const std::string& plan_id,
                               const std::string& goal_id, const nlohmann::json& body);

}  // namespace tsunagu::service
