#include "service/areas.h"

#include "domain/area_level.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] = "SELECT id, parent_id, level, name, code, population, version FROM areas";

Area from_row(const store::Row& r) {
  return Area{r.text(0), r.opt_text(1), r.text(2), r.text(3), r.opt_text(4), r.opt_integer(5), r.integer(6)};
}

struct AreaFields {
  std::optional<std::string> parent_id, level, code;
  std::string name;
  std::optional<std::int64_t> population;
};

AreaFields read_fields(store::Connection& db, const nlohmann::json& body, const std::optional<std::string>& self_id) {
  Input in(body);
  AreaFields f;
  f.level = in.choice("level", "区分", domain::kAreaLevelIds, true);
  f.name = in.text("name", "名称", {.required = true, .max = 100});
  f.code = in.opt_text("code", "地域コード", {.required = false, .max = 20});
  f.population = in.integer("population", "人口", false, 0, 50'000'000);
  f.parent_id = in.opt_text("parent_id", "上位の地域", {.required = false, .max = 64});
  // 国 is the one root, made by migration 0030: a second one would split
  // the national tables. A prefecture given without a parent hangs under it,
  // as every prefecture did before 国 existed.
  if (f.level && *f.level == domain::kNationalLevel && !self_id)
    in.fail("level", "国は一つだけで、はじめから登録されています。都道府県から登録してください。");
  if (f.level && *f.level == "prefecture" && !f.parent_id)
    if (auto root = db.query_one("SELECT id FROM areas WHERE level = ? ORDER BY created_at LIMIT 1",
                                 {std::string(domain::kNationalLevel)}))
      f.parent_id = root->text(0);
  if (f.level) {
    auto want = domain::parent_level_of(*f.level);
    if (want.empty() && f.parent_id) in.fail("parent_id", "国には上位の地域を指定できません。");
    if (!want.empty()) {
      if (!f.parent_id) {
        in.fail("parent_id", "上位の地域を選んでください。");
      } else {
        auto parent = find_area(db, *f.parent_id);
        if (!parent) in.fail("parent_id", "上位の地域が見つかりません。");
        else if (parent->level != want)
          in.fail("parent_id", *f.level == "district"       ? "地区の上位には市区町村を選んでください。"
                               : *f.level == "municipality" ? "市区町村の上位には都道府県を選んでください。"
                                                            : "都道府県の上位には国を選んでください。");
        else if (self_id && *self_id == *f.parent_id) in.fail("parent_id", "自分自身を上位の地域にはできません。");
      }
    }
  }
  in.check();
  return f;
}

}  // namespace

void to_json(nlohmann::json& j, const Area& a) {
  j = {{"id", a.id},     {"parent_id", a.parent_id ? nlohmann::json(*a.parent_id) : nlohmann::json(nullptr)},
       {"level", a.level}, {"name", a.name},
       {"code", a.code ? nlohmann::json(*a.code) : nlohmann::json(nullptr)},
       {"population", a.population ? nlohmann::json(*a.population) : nlohmann::json(nullptr)},
       {"version", a.version}};
}

std::vector<Area> list_areas(store::Connection& db) {
  std::vector<Area> out;
  for (const auto& r : db.query(std::string(kSelect) + " ORDER BY level, code, name")) out.push_back(from_row(r));
  return out;
}

std::optional<Area> find_area(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

Area create_area(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  auto f = read_fields(db, body, std::nullopt);
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO areas (id, parent_id, level, name, code, population, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,1,?,?)",
      {id, store::text_or_null(f.parent_id), *f.level, f.name, store::text_or_null(f.code),
       f.population ? store::Value{*f.population} : store::null(), now, now});
  audit(db, actor, {"create", "area", id, f.name});
  return *find_area(db, id);
}

Area update_area(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body) {
  auto current = find_area(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  auto f = read_fields(db, body, id);
  if (*f.level != current->level)
    throw invalid({{"level", "地域の区分は変更できません。新しい地域として登録してください。"}});
  auto changed = db.execute(
      "UPDATE areas SET parent_id = ?, name = ?, code = ?, population = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {store::text_or_null(f.parent_id), f.name, store::text_or_null(f.code),
       f.population ? store::Value{*f.population} : store::null(), now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(*find_area(db, id));
  audit(db, actor, {"update", "area", id, f.name});
  return *find_area(db, id);
}

}  // namespace tsunagu::service
