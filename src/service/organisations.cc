#include "service/organisations.h"

#include "domain/organisation.h"
#include "service/areas.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] = "SELECT id, name, kind, program_type, area_id, version FROM organisations";

Organisation from_row(const store::Row& r) {
  return Organisation{r.text(0), r.text(1), r.text(2), r.opt_text(3), r.text(4), r.integer(5)};
}

struct Fields {
  std::string name;
  std::optional<std::string> kind, program_type, area_id;
};

Fields read_fields(store::Connection& db, const nlohmann::json& body, const std::optional<std::string>& self_id) {
  Input in(body);
  Fields f;
  f.name = in.text("name", "組織名", {.required = true, .max = 100});
  f.kind = in.choice("kind", "種別", domain::kOrganisationKindValues, true);
  f.program_type = in.choice("program_type", "事業類型", domain::kProgramTypeValues, false);
  f.area_id = in.opt_text("area_id", "地域", {.required = true, .max = 64});
  if (f.area_id && !find_area(db, *f.area_id)) in.fail("area_id", "地域が見つかりません。");
  if (!f.name.empty()) {
    auto clash = db.query_one("SELECT id FROM organisations WHERE name = ?", {f.name});
    if (clash && (!self_id || clash->text(0) != *self_id)) in.fail("name", "同じ名前の組織がすでに登録されています。");
  }
  in.check();
  return f;
}

}  // namespace

void to_json(nlohmann::json& j, const Organisation& o) {
  j = {{"id", o.id},
       {"name", o.name},
       {"kind", o.kind},
       {"program_type", o.program_type ? nlohmann::json(*o.program_type) : nlohmann::json(nullptr)},
       {"area_id", o.area_id},
       {"version", o.version}};
}

std::vector<Organisation> list_organisations(store::Connection& db) {
  std::vector<Organisation> out;
  for (const auto& r : db.query(std::string(kSelect) + " ORDER BY name")) out.push_back(from_row(r));
  return out;
}

std::optional<Organisation> find_organisation(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

Organisation create_organisation(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  auto f = read_fields(db, body, std::nullopt);
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO organisations (id, name, kind, program_type, area_id, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,1,?,?)",
      {id, f.name, *f.kind, store::text_or_null(f.program_type), *f.area_id, now, now});
  audit(db, actor, {"create", "organisation", id, f.name});
  return *find_organisation(db, id);
}

Organisation update_organisation(store::Connection& db, const Actor& actor, const std::string& id,
                                 std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_organisation(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  auto f = read_fields(db, body, id);
  auto changed = db.execute(
      "UPDATE organisations SET name = ?, kind = ?, program_type = ?, area_id = ?, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {f.name, *f.kind, store::text_or_null(f.program_type), *f.area_id, now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(*find_organisation(db, id));
  audit(db, actor, {"update", "organisation", id, f.name});
  return *find_organisation(db, id);
}

}  // namespace tsunagu::service
