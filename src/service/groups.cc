#include "service/groups.h"

#include <algorithm>
#include <set>

#include "domain/group.h"
#include "domain/matching.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxMunicipalities = 60;

constexpr char kSelect[] =
    "SELECT g.id, g.organisation_id, o.name, g.kind, g.audience, g.name, g.description, g.area_id, a.name, "
    "g.venue, g.online, g.schedule_weekdays, g.schedule_weeks, g.starts, g.ends, g.schedule_note, g.capacity, "
    "g.cost, g.cost_note, g.registration_required, g.gender, g.public_listing, g.series_total, "
    "g.series_required, g.resource_id, g.active, g.version, g.created_at, g.updated_at FROM groups g "
    "JOIN organisations o ON o.id = g.organisation_id LEFT JOIN areas a ON a.id = g.area_id";

std::vector<int> int_list(const std::optional<std::string>& text) {
  std::vector<int> out;
  if (!text) return out;
  for (const auto& v : nlohmann::json::parse(*text)) out.push_back(v.get<int>());
  return out;
}

Group from_row(store::Connection& db, const store::Row& r) {
  Group g;
  g.id = r.text(0);
  g.organisation_id = r.text(1);
  g.organisation_name = r.text(2);
  g.kind = r.text(3);
  g.audience = r.text(4);
  g.name = r.text(5);
  g.description = r.opt_text(6);
  g.area_id = r.opt_text(7);
  g.area_name = r.opt_text(8);
  g.venue = r.opt_text(9);
  g.online = r.integer(10) != 0;
  g.schedule_weekdays = int_list(r.opt_text(11));
  g.schedule_weeks = int_list(r.opt_text(12));
  g.starts = r.opt_text(13);
  g.ends = r.opt_text(14);
  g.schedule_note = r.opt_text(15);
  g.capacity = r.opt_integer(16);
  g.cost = r.text(17);
  g.cost_note = r.opt_text(18);
  g.registration_required = r.integer(19) != 0;
  g.gender = r.text(20);
  g.public_listing = r.integer(21) != 0;
  g.series_total = r.opt_integer(22);
  g.series_required = r.opt_integer(23);
  g.resource_id = r.opt_text(24);
  g.active = r.integer(25) != 0;
  g.version = r.integer(26);
  g.created_at = r.text(27);
  g.updated_at = r.text(28);
  for (const auto& m : db.query(
           "SELECT m.area_id, a.name, m.agreement_note FROM group_municipalities m JOIN areas a ON a.id = m.area_id "
           "WHERE m.group_id = ? ORDER BY a.code, a.name",
           {g.id}))
    g.municipalities.push_back({m.text(0), m.text(1), m.opt_text(2)});
  return g;
}

// A list of small whole numbers in [lo, hi], distinct, sorted.
std::optional<std::vector<int>> read_ints(Input& in, const nlohmann::json& v, const std::string& field,
                                          const std::string& message, int lo, int hi) {
  if (!v.is_array() || v.size() > 7) {
    in.fail(field, message);
    return std::nullopt;
  }
  std::set<int> s;
  for (const auto& x : v) {
    if (!x.is_number_integer() || x.get<int>() < lo || x.get<int>() > hi) {
      in.fail(field, message);
      return std::nullopt;
    }
    s.insert(x.get<int>());
  }
  return std::vector<int>(s.begin(), s.end());
}

struct Fields {
  std::string kind, audience, name, cost, gender;
  std::optional<std::string> description, area_id, venue, starts, ends, schedule_note, cost_note, resource_id;
  bool online = false, registration_required = false, public_listing = false, active = true;
  std::vector<int> weekdays, weeks;
  std::optional<std::int64_t> capacity, series_total, series_required;
  std::vector<GroupMunicipality> municipalities;
};

// Reads the schedule object into `f` (absent: kept; null: no regular schedule).
void read_schedule(Input& in, const nlohmann::json& body, Fields& f) {
  if (!body.contains("schedule")) return;
  const auto& s = body["schedule"];
  f.weekdays.clear();
  f.weeks.clear();
  f.starts.reset();
  f.ends.reset();
  if (s.is_null()) return;
  if (!s.is_object()) {
    in.fail("schedule", "定例の日程は {weekdays, weeks, starts, ends} の形で指定してください。");
    return;
  }
  auto weekdays = read_ints(in, s.value("weekdays", nlohmann::json::array()), "schedule.weekdays",
                            "曜日は 0（月）から 6（日）の数の配列で指定してください。", 0, 6);
  auto weeks = read_ints(in, s.value("weeks", nlohmann::json::array()), "schedule.weeks",
                         "第何週かは 1 から 5 の数の配列で指定してください（毎週なら空の配列）。", 1, 5);
  auto text_of = [&](const char* key) -> std::string {
    return s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : std::string();
  };
  domain::Schedule sched;
  if (weekdays) sched.weekdays = {weekdays->begin(), weekdays->end()};
  if (weeks) sched.weeks = {weeks->begin(), weeks->end()};
  sched.start = text_of("starts");
  sched.end = text_of("ends");
  if (!weekdays || !weeks) return;
  switch (domain::check_schedule(sched)) {
    case domain::ScheduleCheck::kOk: break;
    case domain::ScheduleCheck::kNoWeekday:
      in.fail("schedule.weekdays", "定例の日程には曜日を1つ以上選んでください。");
      return;
    case domain::ScheduleCheck::kBadWeekday:
    case domain::ScheduleCheck::kBadWeek: return;  // reported by read_ints
    case domain::ScheduleCheck::kBadTime:
      in.fail("schedule.starts", "開始と終了の時刻は 13:00 のように入力してください。");
      return;
    case domain::ScheduleCheck::kEndNotAfterStart:
      in.fail("schedule.ends", "終了の時刻は開始より後にしてください。");
      return;
  }
  f.weekdays = *weekdays;
  f.weeks = *weeks;
  f.starts = sched.start;
  f.ends = sched.end;
}

void read_municipalities(store::Connection& db, Input& in, const nlohmann::json& body, Fields& f) {
  if (!body.contains("municipalities")) return;
  f.municipalities.clear();
  const auto& items = body["municipalities"];
  if (items.is_null()) return;
  if (!items.is_array() || items.size() > kMaxMunicipalities) {
    in.fail("municipalities", "受け入れる市町村は配列（" + std::to_string(kMaxMunicipalities) + "件まで）で指定してください。");
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& m = items[i];
    std::string field = "municipalities[" + std::to_string(i) + "]";
    if (!m.is_object() || !m.contains("area_id") || !m["area_id"].is_string()) {
      in.fail(field + ".area_id", "受け入れる市町村を選んでください。");
      continue;
    }
    auto id = m["area_id"].get<std::string>();
    auto a = id.size() <= 64 ? db.query_one("SELECT name, level FROM areas WHERE id = ?", {id}) : std::nullopt;
    if (!a || a->text(1) != "municipality") {
      in.fail(field + ".area_id", "受け入れる市町村に、市区町村として登録されていない地域が含まれています。");
      continue;
    }
    if (!seen.insert(id).second) {
      in.fail(field + ".area_id", a->text(0) + "が2回指定されています。");
      continue;
    }
    Input sub(m);
    auto note = sub.opt_text("agreement_note", "協定・取り決めのメモ", {.required = false, .max = 500, .multiline = true});
    try {
      sub.check();
    } catch (const Problem& p) {
      for (const auto& e : p.errors) in.fail(field + "." + e.field, e.detail);
    }
    f.municipalities.push_back({id, a->text(0), note});
  }
}

Fields read_fields(store::Connection& db, const nlohmann::json& body, Input& in, const Group* current) {
  Fields f;
  if (current) {
    f = Fields{current->kind, current->audience, current->name, current->cost, current->gender,
               current->description, current->area_id, current->venue, current->starts, current->ends,
               current->schedule_note, current->cost_note, current->resource_id, current->online,
               current->registration_required, current->public_listing, current->active,
               current->schedule_weekdays, current->schedule_weeks, current->capacity, current->series_total,
               current->series_required, current->municipalities};
  }
  const bool create = current == nullptr;
  auto given = [&](const char* k) { return create || in.has(k); };
  if (given("kind")) f.kind = in.choice("kind", "種類", domain::kGroupKind.values, true).value_or("");
  if (given("audience")) f.audience = in.choice("audience", "対象", domain::kGroupAudience.values, true).value_or("");
  if (given("name")) f.name = in.text("name", "名前", {.required = true, .max = 100});
  if (given("description"))
    f.description = in.opt_text("description", "内容", {.required = false, .max = 2000, .multiline = true});
  if (given("area_id")) {
    f.area_id = in.opt_text("area_id", "地域", {.required = false, .max = 64});
    if (f.area_id && !db.query_one("SELECT 1 FROM areas WHERE id = ?", {*f.area_id}))
      in.fail("area_id", "地域が見つかりません。");
  }
  if (given("venue")) f.venue = in.opt_text("venue", "会場", {.required = false, .max = 200});
  if (in.has("online")) f.online = in.boolean("online", "オンライン", false).value_or(f.online);
  read_schedule(in, body, f);
  if (given("schedule_note")) f.schedule_note = in.opt_text("schedule_note", "日程のメモ", {.required = false, .max = 200});
  if (given("capacity")) f.capacity = in.integer("capacity", "定員", false, 1, 10000);
  if (create || in.has("cost")) f.cost = in.choice("cost", "費用", domain::kResourceCost.values, false).value_or("無料");
  if (given("cost_note")) f.cost_note = in.opt_text("cost_note", "費用のメモ", {.required = false, .max = 200});
  if (in.has("registration_required"))
    f.registration_required = in.boolean("registration_required", "申込みの要否", false).value_or(false);
  if (create || in.has("gender"))
    f.gender = in.choice("gender", "対象の性別", domain::kResourceGender.values, false).value_or("指定なし");
  if (in.has("public_listing")) f.public_listing = in.boolean("public_listing", "公開の一覧に載せる", false).value_or(false);
  if (!create && in.has("active")) f.active = in.boolean("active", "活動中", false).value_or(f.active);
  if (given("series_total")) f.series_total = in.integer("series_total", "プログラムの回数", false, 1, 100);
  if (given("series_required")) f.series_required = in.integer("series_required", "修了に必要な出席回数", false, 1, 100);
  if (f.series_required && !f.series_total)
    in.fail("series_total", "修了に必要な出席回数を決めるには、プログラムの回数も入力してください。");
  if (f.series_total && !f.series_required) f.series_required = f.series_total;
  if (f.series_total && f.series_required && *f.series_required > *f.series_total)
    in.fail("series_required", "修了に必要な出席回数は、プログラムの回数以下にしてください。");
  if (given("resource_id")) {
    f.resource_id = in.opt_text("resource_id", "社会資源", {.required = false, .max = 64});
    if (f.resource_id && !db.query_one("SELECT 1 FROM resources WHERE id = ?", {*f.resource_id}))
      in.fail("resource_id", "社会資源が見つかりません。");
  }
  read_municipalities(db, in, body, f);
  if (!f.venue && !f.online && (create || in.has("venue") || in.has("online")))
    in.fail("venue", "会場を入力するか、オンラインで開くことを選んでください。");
  return f;
}

std::string json_ints(const std::vector<int>& v) { return nlohmann::json(v).dump(); }

void write_municipalities(store::Connection& db, const std::string& group_id, const Fields& f) {
  db.execute("DELETE FROM group_municipalities WHERE group_id = ?", {group_id});
  for (const auto& m : f.municipalities)
    db.execute("INSERT INTO group_municipalities (group_id, area_id, agreement_note) VALUES (?,?,?)",
               {group_id, m.area_id, store::text_or_null(m.agreement_note)});
}

std::vector<store::Value> field_values(const Fields& f) {
  auto opt_int = [](const std::optional<std::int64_t>& v) { return v ? store::Value{*v} : store::null(); };
  return {f.kind,
          f.audience,
          f.name,
          store::text_or_null(f.description),
          store::text_or_null(f.area_id),
          store::text_or_null(f.venue),
          std::int64_t{f.online},
          f.weekdays.empty() ? store::null() : store::Value{json_ints(f.weekdays)},
          f.weekdays.empty() ? store::null() : store::Value{json_ints(f.weeks)},
          store::text_or_null(f.starts),
          store::text_or_null(f.ends),
          store::text_or_null(f.schedule_note),
          opt_int(f.capacity),
          f.cost,
          store::text_or_null(f.cost_note),
          std::int64_t{f.registration_required},
          f.gender,
          std::int64_t{f.public_listing},
          opt_int(f.series_total),
          opt_int(f.series_required),
          store::text_or_null(f.resource_id),
          std::int64_t{f.active}};
}

}  // namespace

Policy group_work_policy() {
  using domain::Role;
  return policy({{Role::ibasho_staff, Reach::own_organisation},
                 {Role::coordinator, Reach::own_organisation},
                 {Role::supervisor, Reach::own_organisation}});
}

std::optional<std::string> Group::schedule_label() const {
  if (schedule_weekdays.empty() || !starts || !ends) return std::nullopt;
  domain::Schedule s{{schedule_weekdays.begin(), schedule_weekdays.end()},
                     {schedule_weeks.begin(), schedule_weeks.end()},
                     *starts,
                     *ends};
  return domain::describe_schedule(s);
}

void to_json(nlohmann::json& j, const Group& g) {
  auto municipalities = nlohmann::json::array();
  for (const auto& m : g.municipalities)
    municipalities.push_back({{"area_id", m.area_id}, {"area_name", m.area_name}, {"agreement_note", nj(m.agreement_note)}});
  nlohmann::json schedule = nullptr;
  if (!g.schedule_weekdays.empty())
    schedule = {{"weekdays", g.schedule_weekdays}, {"weeks", g.schedule_weeks}, {"starts", nj(g.starts)},
                {"ends", nj(g.ends)}};
  j = {{"id", g.id},
       {"organisation_id", g.organisation_id},
       {"organisation_name", g.organisation_name},
       {"kind", g.kind},
       {"audience", g.audience},
       {"name", g.name},
       {"description", nj(g.description)},
       {"area_id", nj(g.area_id)},
       {"area_name", nj(g.area_name)},
       {"venue", nj(g.venue)},
       {"online", g.online},
       {"schedule", schedule},
       {"schedule_label", nj(g.schedule_label())},
       {"schedule_note", nj(g.schedule_note)},
       {"capacity", nj(g.capacity)},
       {"cost", g.cost},
       {"cost_note", nj(g.cost_note)},
       {"registration_required", g.registration_required},
       {"gender", g.gender},
       {"public_listing", g.public_listing},
       {"series_total", nj(g.series_total)},
       {"series_required", nj(g.series_required)},
       {"resource_id", nj(g.resource_id)},
       {"active", g.active},
       {"municipalities", municipalities},
       {"version", g.version},
       {"created_at", g.created_at},
       {"updated_at", g.updated_at}};
}

std::optional<Group> find_group(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE g.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(db, *r);
}

std::vector<Group> groups_of_organisation(store::Connection& db, const std::string& organisation_id) {
  std::vector<Group> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE g.organisation_id = ? ORDER BY g.active DESC, g.name, g.id LIMIT 1000",
                                {organisation_id}))
    out.push_back(from_row(db, r));
  return out;
}

Group create_group(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  Fields f = read_fields(db, body, in, nullptr);
  in.check();
  std::string id = random_id(), now = now_utc();
  std::vector<store::Value> values{id, actor.organisation_id};
  for (auto& v : field_values(f)) values.push_back(std::move(v));
  for (const auto& v : {store::Value{actor.user_id}, store::Value{now}, store::Value{now}}) values.push_back(v);
  db.execute(
      "INSERT INTO groups (id, organisation_id, kind, audience, name, description, area_id, venue, online, "
      "schedule_weekdays, schedule_weeks, starts, ends, schedule_note, capacity, cost, cost_note, "
      "registration_required, gender, public_listing, series_total, series_required, resource_id, active, "
      "created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      values);
  write_municipalities(db, id, f);
  audit(db, actor, {"create", "group", id, f.kind});
  return *find_group(db, id);
}

Group update_group(store::Connection& db, const Actor& actor, const Group& g, std::int64_t expected_version,
                   const nlohmann::json& body) {
  Input in(body);
  Fields f = read_fields(db, body, in, &g);
  in.check();
  if (g.version != expected_version) throw version_conflict(g);
  std::vector<store::Value> values = field_values(f);
  for (const auto& v : {store::Value{now_utc()}, store::Value{g.id}, store::Value{expected_version}}) values.push_back(v);
  auto changed = db.execute(
      "UPDATE groups SET kind = ?, audience = ?, name = ?, description = ?, area_id = ?, venue = ?, online = ?, "
      "schedule_weekdays = ?, schedule_weeks = ?, starts = ?, ends = ?, schedule_note = ?, capacity = ?, cost = ?, "
      "cost_note = ?, registration_required = ?, gender = ?, public_listing = ?, series_total = ?, "
      "series_required = ?, resource_id = ?, active = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      values);
  if (changed == 0) throw version_conflict(*find_group(db, g.id));
  write_municipalities(db, g.id, f);
  audit(db, actor, {"update", "group", g.id, f.kind});
  return *find_group(db, g.id);
}

}  // namespace tsunagu::service
