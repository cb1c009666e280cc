#include "service/plans.h"

#include <map>

#include "domain/plan.h"
#include "domain/plan_progress.h"
#include "service/audit.h"
#include "service/case_work_input.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxGoals = 30;

nlohmann::json opt(const store::Row& r, std::size_t i) {
  auto v = r.opt_text(i);
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// Progress records of the plan's goals, oldest first, each described
// against the goal's previous record (computed on read, so a record entered
// later for an earlier day still reads right).
std::map<std::string, nlohmann::json> progress_by_goal(store::Connection& db, const std::string& plan_id) {
  std::map<std::string, nlohmann::json> out;
  std::map<std::string, int> last;
  for (const auto& r : db.query(
           "SELECT p.id, p.goal_id, p.recorded_on, p.level, p.note, p.recorded_by, u.display_name, p.created_at "
           "FROM plan_progress p LEFT JOIN users u ON u.id = p.recorded_by WHERE p.plan_id = ? "
           "ORDER BY p.recorded_on, p.created_at, p.id",
           {plan_id})) {
    auto goal = r.text(1);
    int level = static_cast<int>(r.integer(3));
    auto prev = last.count(goal) ? std::optional<int>(last[goal]) : std::nullopt;
    auto dir = domain::describe_progress(prev, level).value_or(domain::ProgressDirection::kSame);
    last[goal] = level;
    if (!out.count(goal)) out[goal] = nlohmann::json::array();
    out[goal].push_back({{"id", r.text(0)},
                         {"recorded_on", r.text(2)},
                         {"level", level},
                         {"level_label", std::string(domain::progress_level_label(level))},
                         {"direction", std::string(domain::direction_label(dir))},
                         {"note", opt(r, 4)},
                         {"recorded_by", r.text(5)},
                         {"recorded_by_name", opt(r, 6)},
                         {"created_at", r.text(7)}});
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

std::optional<nlohmann::json> find_plan(store::Connection& db, const std::string& id) {
  auto r = db.query_one(
      "SELECT p.id, p.case_id, p.organisation_id, p.title, p.wish, p.consent, p.consent_on, p.started_on, "
      "p.review_on, p.note, p.recorded_by, u.display_name, p.version, p.created_at, p.updated_at "
      "FROM plans p LEFT JOIN users u ON u.id = p.recorded_by WHERE p.id = ?",
      {id});
  if (!r) return std::nullopt;
  auto review = r->opt_text(8);
  nlohmann::json j = {{"id", r->text(0)},
                      {"case_id", r->text(1)},
                      {"organisation_id", r->text(2)},
                      {"title", r->text(3)},
                      {"wish", opt(*r, 4)},
                      {"consent", r->text(5)},
                      {"consent_on", opt(*r, 6)},
                      {"started_on", r->text(7)},
                      {"review_on", opt(*r, 8)},
                      {"review_due", review && *review <= today_tokyo()},
                      {"note", opt(*r, 9)},
                      {"recorded_by", r->text(10)},
                      {"recorded_by_name", opt(*r, 11)},
                      {"version", r->integer(12)},
                      {"created_at", r->text(13)},
                      {"updated_at", r->text(14)}};
  auto progress = progress_by_goal(db, id);
  auto goals = nlohmann::json::array();
  for (const auto& g : db.query(
           "SELECT id, axis, term, words, support, position, active FROM plan_goals WHERE plan_id = ? "
           "ORDER BY active DESC, position, id",
           {id})) {
    auto hist = progress.count(g.text(0)) ? progress[g.text(0)] : nlohmann::json::array();
    nlohmann::json latest = hist.empty() ? nlohmann::json(nullptr) : hist.back();
    goals.push_back({{"id", g.text(0)},
                     {"axis", g.text(1)},
                     {"term", g.text(2)},
                     {"words", g.text(3)},
                     {"support", opt(g, 4)},
                     {"position", g.integer(5)},
                     {"active", g.integer(6) != 0},
                     {"latest", latest},
                     {"progress", hist}});
  }
  j["goals"] = goals;
  return j;
}

nlohmann::json list_plans(store::Connection& db, const std::string& case_id) {
  auto items = nlohmann::json::array();
  for (const auto& r :
       db.query("SELECT id FROM plans WHERE case_id = ? ORDER BY started_on DESC, created_at DESC, id", {case_id}))
    items.push_back(*find_plan(db, r.text(0)));
  return {{"items", items}, {"next_cursor", nullptr}};
}

nlohmann::json create_plan(store::Connection& db, const Actor& actor, const std::string& case_id,
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
             "支援計画「" + p.title + "」を作成（目標" + std::to_string(p.goals.size()) + "件・本人の同意：" + p.consent + "）",
             p.started_on);
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, case_id});
  audit(db, actor, {"create", "plan", id, "case " + case_id});
  return *find_plan(db, id);
}

nlohmann::json update_plan(store::Connection& db, const Actor& actor, const std::string& id,
                           std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_plan(db, id);
  if (!current) throw not_found();
  if ((*current)["version"].get<std::int64_t>() != expected_version) throw version_conflict(*current);
  std::vector<std::string> known;
  for (const auto& g : (*current)["goals"]) known.push_back(g["id"].get<std::string>());
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
      for (const auto& old : (*current)["goals"])
        if (old["id"] == *g.id && (old["words"] != g.words || !old["active"].get<bool>())) ++reworded;
      db.execute("UPDATE plan_goals SET axis = ?, term = ?, words = ?, support = ?, position = ?, active = 1 "
                 "WHERE id = ? AND plan_id = ?",
                 {g.axis, g.term, g.words, store::text_or_null(g.support), pos++, *g.id, id});
    } else {
      insert_goal(db, id, g, pos++, now);
      ++added;
    }
  }
  for (const auto& old : (*current)["goals"]) {
    auto gid = old["id"].get<std::string>();
    if (std::find(kept.begin(), kept.end(), gid) == kept.end() && old["active"].get<bool>()) {
      db.execute("UPDATE plan_goals SET active = 0 WHERE id = ?", {gid});
      ++ended;
    }
  }
  std::string what;
  auto add = [&](const std::string& s) { what += (what.empty() ? "" : "・") + s; };
  if ((*current)["consent"] != p.consent)
    add("本人の同意：" + (*current)["consent"].get<std::string>() + "→" + p.consent);
  if (added) add("目標を" + std::to_string(added) + "件追加");
  if (reworded) add("目標を" + std::to_string(reworded) + "件見直し");
  if (ended) add("目標を" + std::to_string(ended) + "件終了");
  if ((*current)["review_on"] != (p.review_on ? nlohmann::json(*p.review_on) : nlohmann::json(nullptr)))
    add("見直し予定日：" + (p.review_on ? *p.review_on : std::string("未定")));
  if ((*current)["wish"] != (p.wish ? nlohmann::json(*p.wish) : nlohmann::json(nullptr))) add("本人の思いを更新");
  auto case_id = (*current)["case_id"].get<std::string>();
  plan_event(db, actor, id, case_id, "update",
             "支援計画「" + p.title + "」を更新" + (what.empty() ? "" : "（" + what + "）"), today_tokyo());
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, case_id});
  audit(db, actor, {"update", "plan", id, ""});
  return *find_plan(db, id);
}

nlohmann::json record_progress(store::Connection& db, const Actor& actor, const std::string& plan_id,
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
      {id, plan_id, goal_id, (*plan)["case_id"].get<std::string>(), (*plan)["organisation_id"].get<std::string>(),
       recorded_on, *level, std::string(domain::direction_label(*dir)), store::text_or_null(note), actor.user_id, now});
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, (*plan)["case_id"].get<std::string>()});
  audit(db, actor, {"create", "plan_progress", id, "plan " + plan_id});
  auto updated = *find_plan(db, plan_id);
  nlohmann::json entry;
  for (const auto& g : updated["goals"])
    if (g["id"] == goal_id)
      for (const auto& e : g["progress"])
        if (e["id"] == id) entry = e;
  entry["goal_id"] = goal_id;
  return {{"progress", entry}, {"plan", updated}};
}

}  // namespace tsunagu::service
