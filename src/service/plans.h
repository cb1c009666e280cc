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
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// One progress record of a goal, described against the goal's previous one.
struct PlanProgress {
  std::string id, recorded_on;
  int level = 0;
  std::string level_label, direction;  // domain/plan_progress.h
  std::optional<std::string> note;
  std::string recorded_by;
  std::optional<std::string> recorded_by_name;
  std::string created_at;
};
void to_json(nlohmann::json& j, const PlanProgress& p);

struct PlanGoal {
  std::string id, axis, term, words;
  std::optional<std::string> support;
  std::int64_t position = 0;
  bool active = true;
  std::vector<PlanProgress> progress;  // oldest first; the last is the latest
};
void to_json(nlohmann::json& j, const PlanGoal& g);

struct Plan {
  std::string id, case_id, organisation_id, title;
  std::optional<std::string> wish;
  std::string consent;
  std::optional<std::string> consent_on;
  std::string started_on;
  std::optional<std::string> review_on;
  bool review_due = false;  // review_on is today or past (Asia/Tokyo), as read
  std::optional<std::string> note;
  std::string recorded_by;
  std::optional<std::string> recorded_by_name;
  std::int64_t version = 1;
  std::string created_at, updated_at;
  std::vector<PlanGoal> goals;  // active first, then by position
};
void to_json(nlohmann::json& j, const Plan& p);

// What record_progress answers: the new record (of goal `goal_id`) and the
// plan as it is now.
struct RecordedProgress {
  PlanProgress progress;
  std::string goal_id;
  Plan plan;
};
void to_json(nlohmann::json& j, const RecordedProgress& r);

// The plan with its goals (ended ones too, active=false) and each goal's
// progress history, oldest first; nullopt when there is none.
std::optional<Plan> find_plan(store::Connection& db, const std::string& id);
// The case's plans, newest first.
std::vector<Plan> list_plans(store::Connection& db, const std::string& case_id);
// Throws 400 validation_failed (field errors, those of goals as goals[i].*).
Plan create_plan(store::Connection& db, const Actor& actor, const std::string& case_id,
                 const std::string& organisation_id, const nlohmann::json& body);
// Replaces the plan's fields and goals. Goals in the body with an `id` keep
// it (and their progress); goals without one are new; goals left out are
// ended (active=false), not deleted. Throws 404 not_found, 412
// version_conflict (with "current"), 400 validation_failed (also for a goal
// id not of this plan).
Plan update_plan(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body);
// Appends one progress record {recorded_on, level 0..4, note} to an active
// goal of the plan. Throws 404 not_found for an unknown plan or a goal not
// of it, 400 validation_failed (also for an ended goal).
RecordedProgress record_progress(store::Connection& db, const Actor& actor, const std::string& plan_id,
                                 const std::string& goal_id, const nlohmann::json& body);

}  // namespace tsunagu::service
