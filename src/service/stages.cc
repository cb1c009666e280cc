#include "service/stages.h"

#include "domain/stage_model.h"
#include "service/audit.h"
#include "service/case_work_input.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

// Direction words beyond the domain's 前へ / 戻る / 同じ.
constexpr char kFirstStage[] = "最初の段階";
constexpr char kModelSwitch[] = "モデルの切り替え";

nlohmann::json model_json(const domain::StageModel& m) {
  auto stages = nlohmann::json::array();
  for (auto s : m.stages) stages.push_back(std::string(s));
  return {{"key", std::string(m.key)}, {"name", std::string(m.name)}, {"stages", stages}};
}

std::vector<std::string_view> model_keys() {
  std::vector<std::string_view> keys;
  for (const auto& m : domain::builtin_stage_models()) keys.push_back(m.key);
  return keys;
}

nlohmann::json change_json(const store::Row& r) {
  auto opt = [&](std::size_t i) {
    auto v = r.opt_text(i);
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  std::string from = r.text(4), to = r.text(5), dir = r.text(6);
  std::int64_t steps = r.integer(7);
  std::string description;
  // Words that cannot be read two ways: 前 means both "ahead" and
  // "before" in Japanese, so a move is 進む or 戻る, never 前へ.
  if (dir == kFirstStage)
    description = "はじめの記録：「" + to + "」";
  else if (dir == kModelSwitch)
    description = "段階モデルを切り替えて「" + to + "」へ";
  else if (dir == "同じ")
    description = "「" + to + "」のまま";
  else
    description = "「" + from + "」から「" + to + "」へ（" + std::to_string(steps) + "段階" +
                  (dir == "戻る" ? "戻る" : "進む") + "）";
  return {{"id", r.text(0)},         {"case_id", r.text(1)},   {"stage_model", r.text(2)},
          {"from_model", opt(3)},    {"from_stage", opt(4)},   {"to_stage", to},
          {"direction", dir},        {"steps", steps},         {"description", description},
          {"changed_on", r.text(8)}, {"note", opt(9)},         {"recorded_by", r.text(10)},
          {"recorded_by_name", opt(11)}, {"created_at", r.text(12)}};
}

constexpr char kSelectChanges[] =
    "SELECT s.id, s.case_id, s.stage_model, s.from_model, s.from_stage, s.to_stage, s.direction, s.steps, "
    "s.changed_on, s.note, s.user_id, u.display_name, s.created_at FROM stage_changes s "
    "LEFT JOIN users u ON u.id = s.user_id";

}  // namespace

Policy stage_model_choice_policy() {
  return policy({{domain::Role::supervisor, Reach::own_organisation}, {domain::Role::admin, Reach::all}});
}

nlohmann::json list_stage_models(store::Connection& db, const Actor& actor) {
  auto items = nlohmann::json::array();
  for (const auto& m : domain::builtin_stage_models()) items.push_back(model_json(m));
  auto org = db.query_one("SELECT stage_model FROM organisations WHERE id = ?", {actor.organisation_id});
  return {{"items", items}, {"organisation_model", org ? nlohmann::json(org->text(0)) : nlohmann::json(nullptr)}};
}

nlohmann::json set_organisation_stage_model(store::Connection& db, const Actor& actor, const std::string& org_id,
                                            std::int64_t expected_version, const nlohmann::json& body) {
  auto current = db.query_one("SELECT stage_model, version FROM organisations WHERE id = ?", {org_id});
  if (!current) throw not_found();
  auto answer = [&](const std::string& key, std::int64_t version) {
    const auto* m = domain::find_stage_model(key);
    return nlohmann::json{{"organisation_id", org_id},
                          {"stage_model", key},
                          {"model", m ? model_json(*m) : nlohmann::json(nullptr)},
                          {"version", version}};
  };
  if (current->integer(1) != expected_version) throw version_conflict(answer(current->text(0), current->integer(1)));
  Input in(body);
  auto keys = model_keys();
  auto model = in.choice("model", "段階モデル", keys, true);
  in.check();
  auto changed = db.execute(
      "UPDATE organisations SET stage_model = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {*model, now_utc(), org_id, expected_version});
  if (changed == 0) {
    auto now = db.query_one("SELECT stage_model, version FROM organisations WHERE id = ?", {org_id});
    throw version_conflict(answer(now->text(0), now->integer(1)));
  }
  audit(db, actor, {"update", "organisation", org_id, "stage_model " + current->text(0) + " -> " + *model});
  return answer(*model, expected_version + 1);
}

nlohmann::json change_stage(store::Connection& db, const Actor& actor, const CaseRef& c,
                            std::int64_t expected_version, const nlohmann::json& body) {
  auto row = db.query_one("SELECT current_stage, version FROM cases WHERE id = ?", {c.id});
  if (!row) throw not_found();
  auto case_answer = [&]() {
    auto r = db.query_one("SELECT id, stage_model, current_stage, version FROM cases WHERE id = ?", {c.id});
    return nlohmann::json{{"id", r->text(0)},
                          {"stage_model", r->text(1)},
                          {"current_stage", r->opt_text(2) ? nlohmann::json(r->text(2)) : nlohmann::json(nullptr)},
                          {"version", r->integer(3)}};
  };
  if (row->integer(1) != expected_version) throw version_conflict(case_answer());
  Input in(body);
  auto keys = model_keys();
  std::string model_key = c.stage_model;
  if (auto m = in.choice("stage_model", "段階モデル", keys, false)) model_key = *m;
  const auto* model = domain::find_stage_model(model_key);
  std::vector<std::string_view> stages;
  if (model) stages.assign(model->stages.begin(), model->stages.end());
  auto to = in.choice("to_stage", "移る段階", stages, true);
  auto on = in.date("changed_on", "段階が変わった日", {.required = true, .not_future = true});
  auto note = in.opt_text("note", "メモ（きっかけや本人の様子）", {.required = false, .max = 2000, .multiline = true});
  if (!model) in.fail("stage_model", "このケースの段階モデル「" + model_key + "」が見つかりません。");
  in.check();

  auto from = row->opt_text(0);
  std::optional<std::string> from_model;
  std::string direction;
  std::int64_t steps = 0;
  if (model_key != c.stage_model) {
    from_model = c.stage_model;
    direction = kModelSwitch;
  } else if (!from) {
    direction = kFirstStage;
  } else if (auto move = domain::describe_stage_move(*model, *from, *to)) {
    direction = std::string(move->label());
    steps = move->steps;
  } else {
    // The stored stage is not in the model (edited by hand): treat the move
    // as a fresh start rather than refuse it.
    direction = kFirstStage;
  }
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO stage_changes (id, case_id, organisation_id, stage_model, from_model, from_stage, to_stage, "
      "direction, steps, changed_on, note, user_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {id, c.id, c.organisation_id, model_key, store::text_or_null(from_model), store::text_or_null(from), *to,
       direction, steps, domain::format_iso_date(*on), store::text_or_null(note), actor.user_id, now});
  auto changed = db.execute(
      "UPDATE cases SET stage_model = ?, current_stage = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {model_key, *to, now, c.id, expected_version});
  if (changed == 0) throw version_conflict(case_answer());
  audit(db, actor, {"create", "stage_change", id, "case " + c.id});
  auto j = case_answer();
  j["change"] = change_json(*db.query_one(std::string(kSelectChanges) + " WHERE s.id = ?", {id}));
  return j;
}

nlohmann::json list_stage_changes(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one("SELECT stage_model, current_stage, version FROM cases WHERE id = ?", {case_id});
  if (!r) throw not_found();
  auto items = nlohmann::json::array();
  for (const auto& row : db.query(std::string(kSelectChanges) +
                                      " WHERE s.case_id = ? ORDER BY s.changed_on DESC, s.created_at DESC, s.id",
                                  {case_id}))
    items.push_back(change_json(row));
  const auto* m = domain::find_stage_model(r->text(0));
  return {{"stage_model", r->text(0)},
          {"model", m ? model_json(*m) : nlohmann::json(nullptr)},
          {"current_stage", r->opt_text(1) ? nlohmann::json(r->text(1)) : nlohmann::json(nullptr)},
          {"version", r->integer(2)},
          {"items", items},
          {"next_cursor", nullptr}};
}

}  // namespace tsunagu::service
