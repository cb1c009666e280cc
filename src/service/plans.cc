#include "service/plans.h"
#include "service/timeline.h"

#include <map>

#include "domain/plan.h"
#include "domain/plan_progress.h"
#include "service/audit.h"
#include "service/case_work_input.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxGoals = 30;

constexpr char kSelectPlan[] =
    "SELECT p.id, p.case_id, p.organisation_id, p.title, p.wish, p.consent, p.consent_on, p.started_on, p.review_on, "
    "p.note, p.recorded_by, u.display_name, p.version, p.created_at, p.updated_at "
    "FROM plans p LEFT JOIN users u ON u.id = p.recorded_by";

// A row of kSelectPlan, without goals.
Plan plan_from(const store::Row& r) {
  store::Cells c(r);
  Plan p;
  p.id = c.text();
  p.case_id = c.text();
  p.organisation_id = c.text();
  p.title = c.text();
  p.wish = c.opt_text();
  p.consent = c.text();
  p.consent_on = c.opt_text();
  p.started_on = c.text();
  p.review_on = c.opt_text();
  p.review_due = p.review_on && *p.review_on <= today_tokyo();
  p.note = c.opt_text();
  p.recorded_by = c.text();
  p.recorded_by_name = c.opt_text();
  p.version = c.integer();
  p.created_at = c.text();
  p.updated_at = c.text();
  return p;
}

constexpr char kSelectGoals[] =
    "SELECT id, axis, term, words, support, position, active FROM plan_goals WHERE plan_id = ? "
    "ORDER BY active DESC, position, id";

PlanGoal goal_from(const store::Row& r) {
  store::Cells c(r);
  PlanGoal g;
  g.id = c.text();
  g.axis = c.text();
  g.term = c.text();
  g.words = c.text();
  g.support = c.opt_text();
  g.position = c.integer();
  g.active = c.flag();
  return g;
}

constexpr char kSelectProgress[] =
    "SELECT p.id, p.goal_id, p.recorded_on, p.level, p.note, p.recorded_by, u.display_name, p.created_at "
    "FROM plan_progress p LEFT JOIN users u ON u.id = p.recorded_by WHERE p.plan_id = ? "
    "ORDER BY p.recorded_on, p.created_at, p.id";

// Progress records of the plan's goals, oldest first, each described
// against the goal's previous record (computed on read, so a record entered
// later for an earlier day still reads right).
std::map<std::string, std::vector<PlanProgress>> progress_by_goal(store::Connection& db, const std::string& plan_id) {
  std::map<std::string, std::vector<PlanProgress>> out;
  for (const auto& r : db.query(kSelectProgress, {plan_id})) {
    store::Cells c(r);
    PlanProgress p;
    p.id = c.text();
    auto goal = c.text();
    p.recorded_on = c.text();
    p.level = static_cast<int>(c.integer());
    p.note = c.opt_text();
    p.recorded_by = c.text();
    p.recorded_by_name = c.opt_text();
    p.created_at = c.text();
    auto& history = out[goal];
    auto prev = history.empty() ? std::nullopt : std::optional<int>(history.back().level);
    auto dir = domain::describe_progress(prev, p.level).value_or(domain::ProgressDirection::kSame);
    p.level_label = std::string(domain::progress_level_label(p.level));
    p.direction = std::string(domain::direction_label(dir));
    history.push_back(std::move(p));
  }
  return out;
}

struct GoalIn {
  std::optional<std::string> id;
  std::string axis, term, words;
  std::optional<std::string> support;
};

struct PlanIn {
  std::string title, consent, started_on;
  std::optional<std::string> wish, consent_on, review_on, note;
  std::vector<GoalIn> goals;
};

PlanIn read_plan(const nlohmann::json& body, const std::vector<std::string>& known_goal_ids) {
  Input in(body);
  PlanIn p;
  p.title = in.opt_text("title", "計画の名前", {.required = false, .max = 100}).value_or("支援計画");
  p.wish = in.opt_text("wish", "本人の思い（本人の言葉で）", {.required = false, .max = 2000, .multiline = true});
  p.consent = in.choice("consent", "本人の同意", domain::kPlanConsent.values, false).value_or("未確認");
  auto consent_on = in.date("consent_on", "同意を確認した日", {.required = false, .not_future = true});
  auto started = in.date("started_on", "計画の開始日", {.required = false, .not_future = true});
  auto review = in.date("review_on", "見直し予定日", {.required = false, .not_future = false});
  if (started && review && *review < *started) in.fail("review_on", "見直し予定日は計画の開始日以降にしてください。");
  p.note = in.opt_text("note", "メモ", {.required = false, .max = 4000, .multiline = true});
  if (!body.contains("goals") || !body["goals"].is_array()) {
    in.fail("goals", "目標 (goals) を配列で指定してください（空の配列も可）。");
  } else if (body["goals"].size() > kMaxGoals) {
    in.fail("goals", "目標は" + std::to_string(kMaxGoals) + "件までです。");
  } else {
    std::size_t i = 0;
    std::vector<std::string> seen;
    for (const auto& g : body["goals"]) {
      std::string at = "goals[" + std::to_string(i++) + "]";
      if (!g.is_object()) {
        in.fail(at, "目標はオブジェクトで指定してください。");
        continue;
      }
      Input gi(g);
      GoalIn goal;
      goal.axis = gi.choice("axis", "自立の軸", domain::kPlanAxis.values, true).value_or("");
      goal.term = gi.choice("term", "目標の期間", domain::kPlanTerm.values, true).value_or("");
      goal.words = gi.text("words", "目標（本人の言葉）", {.required = true, .max = 500, .multiline = true});
      goal.support = gi.opt_text("support", "支援者が行うこと", {.required = false, .max = 1000, .multiline = true});
      if (g.contains("id") && !g["id"].is_null()) {
        if (!g["id"].is_string() ||
            std::find(known_goal_ids.begin(), known_goal_ids.end(), g["id"].get<std::string>()) == known_goal_ids.end())
          gi.fail("id", "この計画の目標ではありません。");
        else if (std::find(seen.begin(), seen.end(), g["id"].get<std::string>()) != seen.end())
          gi.fail("id", "同じ目標が二度指定されています。");
        else
          seen.push_back(*(goal.id = g["id"].get<std::string>()));
      }
      try {
        gi.check();
      } catch (const Problem& e) {
        for (const auto& fe : e.errors) in.fail(at + "." + fe.field, fe.detail);
      }
      p.goals.push_back(std::move(goal));
    }
  }
  in.check();
  p.started_on = started ? domain::format_iso_date(*started) : today_tokyo();
  if (consent_on) p.consent_on = domain::format_iso_date(*consent_on);
  if (review) p.review_on = domain::format_iso_date(*review);
  return p;
}

void insert_goal(store::Connection& db, const std::string& plan_id, const GoalIn& g, std::int64_t position,
                 const std::string& now) {
  db.execute(
      "INSERT INTO plan_goals (id, plan_id, axis, term, words, support, position, active, created_at) "
      "VALUES (?,?,?,?,?,?,?,1,?)",
      {random_id(), plan_id, g.axis, g.term, g.words, store::text_or_null(g.support), position, now});
}

void plan_event(store::Connection& db, const Actor& actor, const std::string& plan_id, const std::string& case_id,
                const std::string& action, const std::string& summary, const std::string& on) {
  db.execute(
      "INSERT INTO plan_events (id, plan_id, case_id, action, summary, on_date, user_id, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)",
      {random_id(), plan_id, case_id, action, summary, on, actor.user_id, now_utc()});
}

}  // namespace

void to_json(nlohmann::json& j, const PlanProgress& p) {
  j = {{"id", p.id},
       {"recorded_on", p.recorded_on},
       {"level", p.level},
       {"level_label", p.level_label},
       {"direction", p.direction},
       {"note", nj(p.note)},
       {"recorded_by", p.recorded_by},
       {"recorded_by_name", nj(p.recorded_by_name)},
       {"created_at", p.created_at}};
}

void to_json(nlohmann::json& j, const PlanGoal& g) {
  j = {{"id", g.id},
       {"axis", g.axis},
       {"term", g.term},
       {"words", g.words},
       {"support", nj(g.support)},
       {"position", g.position},
       {"active", g.active},
       {"latest", g.progress.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.progress.back())},
       {"progress", g.progress}};
}

void to_json(nlohmann::json& j, const Plan& p) {
  j = {{"id", p.id},
       {"case_id", p.case_id},
       {"organisation_id", p.organisation_id},
       {"title", p.title},
       {"wish", nj(p.wish)},
       {"consent", p.consent},
       {"consent_on", nj(p.consent_on)},
       {"started_on", p.started_on},
       {"review_on", nj(p.review_on)},
       {"review_due", p.review_due},
       {"note", nj(p.note)},
       {"recorded_by", p.recorded_by},
       {"recorded_by_name", nj(p.recorded_by_name)},
       {"version", p.version},
       {"created_at", p.created_at},
       {"updated_at", p.updated_at},
       {"goals", p.goals}};
}

void to_json(nlohmann::json& j, const RecordedProgress& r) {
  nlohmann::json progress = r.progress;
  progress["goal_id"] = r.goal_id;
  j = {{"progress", std::move(progress)}, {"plan", r.plan}};
}

std::optional<Plan> find_plan(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelectPlan) + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  Plan plan = plan_from(*r);
  auto progress = progress_by_goal(db, id);
  for (const auto& row : db.query(kSelectGoals, {id})) {
    PlanGoal g = goal_from(row);
    if (auto it = progress.find(g.id); it != progress.end()) g.progress = std::move(it->second);
    plan.goals.push_back(std::move(g));
  }
  return plan;
}

std::vector<Plan> list_plans(store::Connection& db, const std::string& case_id) {
  std::vector<Plan> items;
  for (const auto& r :
       db.query("SELECT id FROM plans WHERE case_id = ? ORDER BY started_on DESC, created_at DESC, id", {case_id}))
    items.push_back(*find_plan(db, r.text(0)));
  return items;
}

Plan create_plan(store::Connection& db, const Actor& actor, const std::string& case_id,
                 const std::string& organisation_id, const nlohmann::json& body) {
  PlanIn p = read_plan(body, {});
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO plans (id, case_id, organisation_id, title, wish, consent, consent_on, started_on, review_on, "
      "note, recorded_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, case_id, organisation_id, p.title, store::text_or_null(p.wish), p.consent, store::text_or_null(p.consent_on),
       p.started_on, store::text_or_null(p.review_on), store::text_or_null(p.note), actor.user_id, now, now});
  std::int64_t pos = 0;
  for (const auto& g : p.goals) insert_goal(db, id, g, pos++, now);
  plan_event(db, actor, id, case_id, "create",
             plan_name(p.title) + "を作成（目標" + std::to_string(p.goals.size()) + "件・本人の同意：" + p.consent + "）",
             p.started_on);
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, case_id});
  audit(db, actor, {"create", "plan", id, "case " + case_id});
  return *find_plan(db, id);
}

Plan update_plan(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body) {
  auto current = find_plan(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  std::vector<std::string> known;
  for (const auto& g : current->goals) known.push_back(g.id);
  PlanIn p = read_plan(body, known);
  std::string now = now_utc();
  auto changed = db.execute(
      "UPDATE plans SET title = ?, wish = ?, consent = ?, consent_on = ?, started_on = ?, review_on = ?, note = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {p.title, store::text_or_null(p.wish), p.consent, store::text_or_null(p.consent_on), p.started_on,
       store::text_or_null(p.review_on), store::text_or_null(p.note), now, id, expected_version});
  if (changed == 0) throw version_conflict(*find_plan(db, id));

  int added = 0, ended = 0, reworded = 0;
  std::vector<std::string> kept;
  std::int64_t pos = 0;
  for (const auto& g : p.goals) {
    if (g.id) {
      kept.push_back(*g.id);
      for (const auto& old : current->goals)
        if (old.id == *g.id && (old.words != g.words || !old.active)) ++reworded;
      db.execute("UPDATE plan_goals SET axis = ?, term = ?, words = ?, support = ?, position = ?, active = 1 "
                 "WHERE id = ? AND plan_id = ?",
                 {g.axis, g.term, g.words, store::text_or_null(g.support), pos++, *g.id, id});
    } else {
      insert_goal(db, id, g, pos++, now);
      ++added;
    }
  }
  for (const auto& old : current->goals) {
    if (std::find(kept.begin(), kept.end(), old.id) == kept.end() && old.active) {
      db.execute("UPDATE plan_goals SET active = 0 WHERE id = ?", {old.id});
      ++ended;
    }
  }
  std::string what;
  auto add = [&](const std::string& s) { what += (what.empty() ? "" : "・") + s; };
  if (current->consent != p.consent) add("本人の同意：" + current->consent + "→" + p.consent);
  if (added) add("目標を" + std::to_string(added) + "件追加");
  if (reworded) add("目標を" + std::to_string(reworded) + "件見直し");
  if (ended) add("目標を" + std::to_string(ended) + "件終了");
  if (current->review_on != p.review_on) add("見直し予定日：" + (p.review_on ? *p.review_on : std::string("未定")));
  if (current->wish != p.wish) add("本人の思いを更新");
  plan_event(db, actor, id, current->case_id, "update",
             plan_name(p.title) + "を更新" + (what.empty() ? "" : "（" + what + "）"), today_tokyo());
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, current->case_id});
  audit(db, actor, {"update", "plan", id, ""});
  return *find_plan(db, id);
}

RecordedProgress record_progress(store::Connection& db, const Actor& actor, const std::string& plan_id,
                                 const std::string& goal_id, const nlohmann::json& body) {
  auto plan = find_plan(db, plan_id);
  if (!plan) throw not_found();
  auto goal = db.query_one("SELECT active FROM plan_goals WHERE id = ? AND plan_id = ?", {goal_id, plan_id});
  if (!goal) throw not_found();
  Input in(body);
  auto on = in.date("recorded_on", "記録する日", {.required = true, .not_future = true});
  auto level = in.integer("level", "目標の歩み", true, domain::kMinProgressLevel, domain::kMaxProgressLevel);
  auto note = in.opt_text("note", "様子（本人の言葉や出来事）", {.required = false, .max = 2000, .multiline = true});
  if (goal->integer(0) == 0) in.fail("goal_id", "この目標は計画の見直しで終了しています。");
  in.check();
  std::string recorded_on = domain::format_iso_date(*on);
  auto prev = db.query_one(
      "SELECT level FROM plan_progress WHERE goal_id = ? AND recorded_on <= ? "
      "ORDER BY recorded_on DESC, created_at DESC, id DESC",
      {goal_id, recorded_on});
  auto dir = domain::describe_progress(prev ? std::optional<int>(static_cast<int>(prev->integer(0))) : std::nullopt,
                                       static_cast<int>(*level));
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO plan_progress (id, plan_id, goal_id, case_id, organisation_id, recorded_on, level, direction, "
      "note, recorded_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {id, plan_id, goal_id, plan->case_id, plan->organisation_id, recorded_on, *level,
       std::string(domain::direction_label(*dir)), store::text_or_null(note), actor.user_id, now});
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, plan->case_id});
  audit(db, actor, {"create", "plan_progress", id, "plan " + plan_id});
  RecordedProgress out{{}, goal_id, *find_plan(db, plan_id)};
  for (const auto& g : out.plan.goals)
    if (g.id == goal_id)
      for (const auto& e : g.progress)
        if (e.id == id) out.progress = e;
  return out;
}

}  // namespace tsunagu::service
