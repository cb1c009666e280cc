#include "service/resources.h"

#include "service/json_optional.h"

#include <array>
#include <string_view>

#include "domain/referral_category.h"
#include "domain/text_normalize.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/organisations.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::array<std::string_view, 3> kGenderValues{"指定なし", "女性のみ", "男性のみ"};
constexpr std::array<std::string_view, 4> kCostValues{"無料", "一部有料", "有料", "不明"};
constexpr std::size_t kMaxTags = 20;

constexpr char kSelect[] =
    "SELECT r.id, r.organisation_id, o.name, r.linked_organisation_id, lo.name, r.name, r.category, r.area_id, "
    "a.name, r.services, r.age_min, r.age_max, r.gender, r.in_person, r.online, r.cost, r.cost_note, r.hours, "
    "r.access, r.contact, r.tags, r.platform_member, r.active, r.version, r.created_at, r.updated_at, "
    "r.proposed_by, pu.display_name, r.proposal_note, r.confirmed_at "
    "FROM resources r JOIN organisations o ON o.id = r.organisation_id "
    "LEFT JOIN organisations lo ON lo.id = r.linked_organisation_id LEFT JOIN areas a ON a.id = r.area_id "
    "LEFT JOIN users pu ON pu.id = r.proposed_by";

Resource from_row(const store::Row& r) {
  store::Cells in(r);
  Resource x;
  x.id = in.text();
  x.organisation_id = in.text();
  x.organisation_name = in.text();
  x.linked_organisation_id = in.opt_text();
  x.linked_organisation_name = in.opt_text();
  x.name = in.text();
  x.category = in.text();
  x.area_id = in.opt_text();
  x.area_name = in.opt_text();
  x.services = in.opt_text();
  x.age_min = in.opt_integer();
  x.age_max = in.opt_integer();
  x.gender = in.text();
  x.in_person = in.flag();
  x.online = in.flag();
  x.cost = in.text();
  x.cost_note = in.opt_text();
  x.hours = in.opt_text();
  x.access = in.opt_text();
  x.contact = in.opt_text();
  auto tags = nlohmann::json::parse(in.text(), nullptr, false);
  if (tags.is_array())
    for (const auto& t : tags)
      if (t.is_string()) x.tags.push_back(t.get<std::string>());
  x.platform_member = in.flag();
  x.active = in.flag();
  x.version = in.integer();
  x.created_at = in.text();
  x.updated_at = in.text();
  x.proposed_by = in.opt_text();
  x.proposed_by_name = in.opt_text();
  x.proposal_note = in.opt_text();
  x.confirmed_at = in.opt_text();
  return x;
}

store::Value opt_int(const std::optional<std::int64_t>& v) { return v ? store::Value{*v} : store::null(); }
std::int64_t flag(bool b) { return b ? 1 : 0; }

// LIKE pattern for a normalised fragment; % and _ typed by the user match
// themselves (ESCAPE '!').
std::string like_fragment(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

struct Fields {
  std::string name, category, gender, cost;
  std::optional<std::string> area_id, services, cost_note, hours, access, contact, linked_organisation_id;
  std::optional<std::int64_t> age_min, age_max;
  bool in_person = true, online = false, platform_member = false, active = true;
  std::vector<std::string> tags;
};

Fields read_fields(store::Connection& db, const nlohmann::json& body, Input& in) {
  Fields f;
  f.name = in.text("name", "名称", {.required = true, .max = 200});
  f.category = in.choice("category", "つなぎ先の区分", domain::kReferralCategoryValues, true).value_or("");
  f.area_id = in.opt_text("area_id", "地域", {.required = false, .max = 64});
  f.services = in.opt_text("services", "支援の内容", {.required = false, .max = 2000, .multiline = true});
  f.age_min = in.integer("age_min", "対象年齢（下限）", false, 0, 120);
  f.age_max = in.integer("age_max", "対象年齢（上限）", false, 0, 120);
  f.gender = in.choice("gender", "性別の指定", kGenderValues, false).value_or("指定なし");
  f.in_person = in.boolean("in_person", "来所・対面", false).value_or(true);
  f.online = in.boolean("online", "オンライン", false).value_or(false);
  f.cost = in.choice("cost", "費用", kCostValues, false).value_or("不明");
  f.cost_note = in.opt_text("cost_note", "費用の説明", {.required = false, .max = 200});
  f.hours = in.opt_text("hours", "開所日時", {.required = false, .max = 500, .multiline = true});
  f.access = in.opt_text("access", "アクセス", {.required = false, .max = 500, .multiline = true});
  f.contact = in.opt_text("contact", "連絡先", {.required = false, .max = 500, .multiline = true});
  f.linked_organisation_id = in.opt_text("linked_organisation_id", "つなぐを利用している組織", {.required = false, .max = 64});
  f.platform_member = in.boolean("platform_member", "市町村プラットフォームの構成員", false).value_or(false);
  f.active = in.boolean("active", "掲載中", false).value_or(true);
  if (body.contains("tags") && !body["tags"].is_null()) {
    const auto& t = body["tags"];
    if (!t.is_array() || t.size() > kMaxTags) {
      in.fail("tags", "タグは20個までの文字列の配列で指定してください。");
    } else {
      for (const auto& x : t) {
        if (!x.is_string() || x.get<std::string>().empty() || utf8_length(x.get<std::string>()) > 30) {
          in.fail("tags", "タグは1〜30文字の文字列で指定してください。");
          break;
        }
        f.tags.push_back(x.get<std::string>());
      }
    }
  }
  if (f.age_min && f.age_max && *f.age_min > *f.age_max)
    in.fail("age_max", "対象年齢の上限は下限以上にしてください。");
  if (!f.in_person && !f.online) in.fail("online", "来所・対面とオンラインの少なくとも一方を選んでください。");
  if (f.area_id && !db.query_one("SELECT 1 FROM areas WHERE id = ?", {*f.area_id}))
    in.fail("area_id", "地域が見つかりません。");
  if (f.linked_organisation_id && !find_organisation(db, *f.linked_organisation_id))
    in.fail("linked_organisation_id", "つなぐを利用している組織が見つかりません。");
  return f;
}

std::string search_text(const Fields& f) {
  std::string s = f.name + " " + f.services.value_or("");
  for (const auto& t : f.tags) s += " " + t;
  return domain::normalize_for_search(s);
}

// The values of the columns a resource's fields fill, in the order of
// TSUNAGU_RESOURCE_FIELD_COLUMNS, which the update's SET list follows too:
// one list for the insert and the update.
#define TSUNAGU_RESOURCE_FIELD_COLUMNS                                                                       \
  "linked_organisation_id, name, category, area_id, services, age_min, age_max, gender, in_person, online, " \
  "cost, cost_note, hours, access, contact, tags, search_text, platform_member, active"
std::vector<store::Value> field_values(const Fields& f) {
  return {store::text_or_null(f.linked_organisation_id),
          f.name,
          f.category,
          store::text_or_null(f.area_id),
          store::text_or_null(f.services),
          opt_int(f.age_min),
          opt_int(f.age_max),
          f.gender,
          flag(f.in_person),
          flag(f.online),
          f.cost,
          store::text_or_null(f.cost_note),
          store::text_or_null(f.hours),
          store::text_or_null(f.access),
          store::text_or_null(f.contact),
          nlohmann::json(f.tags).dump(),
          search_text(f),
          flag(f.platform_member),
          flag(f.active)};
}


}  // namespace

void to_json(nlohmann::json& j, const Resource& r) {
  j = {{"id", r.id},
       {"organisation_id", r.organisation_id},
       {"organisation_name", r.organisation_name},
       {"linked_organisation_id", r.linked_organisation_id ? nlohmann::json(*r.linked_organisation_id) : nullptr},
       {"linked_organisation_name", r.linked_organisation_name ? nlohmann::json(*r.linked_organisation_name) : nullptr},
       {"name", r.name},
       {"category", r.category},
       {"area_id", r.area_id ? nlohmann::json(*r.area_id) : nullptr},
       {"area_name", r.area_name ? nlohmann::json(*r.area_name) : nullptr},
       {"services", r.services ? nlohmann::json(*r.services) : nullptr},
       {"age_min", r.age_min ? nlohmann::json(*r.age_min) : nullptr},
       {"age_max", r.age_max ? nlohmann::json(*r.age_max) : nullptr},
       {"gender", r.gender},
       {"in_person", r.in_person},
       {"online", r.online},
       {"cost", r.cost},
       {"cost_note", r.cost_note ? nlohmann::json(*r.cost_note) : nullptr},
       {"hours", r.hours ? nlohmann::json(*r.hours) : nullptr},
       {"access", r.access ? nlohmann::json(*r.access) : nullptr},
       {"contact", r.contact ? nlohmann::json(*r.contact) : nullptr},
       {"tags", r.tags},
       {"platform_member", r.platform_member},
       {"active", r.active},
       {"proposed_by", nj(r.proposed_by)},
       {"proposed_by_name", nj(r.proposed_by_name)},
       {"proposal_note", nj(r.proposal_note)},
       {"confirmed_at", nj(r.confirmed_at)},
       {"pending_proposal", r.pending_proposal()},
       {"version", r.version},
       {"created_at", r.created_at},
       {"updated_at", r.updated_at}};
}

ResourceQuery resource_query_from(const std::map<std::string, std::string>& query) {
  ResourceQuery q;
  QueryInput in(query);
  q.q = in.text("q", "検索語", 100);
  q.category = in.text("category", "種別", 100);
  q.area_id = in.text("area_id", "地域", 100);
  q.cost = in.text("cost", "費用", 100);
  q.gender = in.text("gender", "性別", 100);
  q.tag = in.text("tag", "タグ", 100);
  q.online = in.boolean("online");
  q.in_person = in.boolean("in_person");
  q.platform_member = in.boolean("platform_member");
  q.active = in.boolean("active");
  q.age = in.integer("age", "年齢 (age) ", 0, 120);
  in.check();
  return q;
}

std::vector<Resource> search_resources(store::Connection& db, const ResourceQuery& q) {
  std::string sql = std::string(kSelect) + " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (q.q) {
    std::string norm = domain::normalize_for_search(*q.q);
    if (!norm.empty()) {
      sql += " AND r.search_text LIKE ? ESCAPE '!'";
      params.emplace_back(like_fragment(norm));
    }
  }
  if (q.category) { sql += " AND r.category = ?"; params.emplace_back(*q.category); }
  if (q.area_id) { sql += " AND r.area_id = ?"; params.emplace_back(*q.area_id); }
  if (q.cost) { sql += " AND r.cost = ?"; params.emplace_back(*q.cost); }
  if (q.gender) { sql += " AND r.gender = ?"; params.emplace_back(*q.gender); }
  if (q.online) { sql += " AND r.online = ?"; params.emplace_back(flag(*q.online)); }
  if (q.in_person) { sql += " AND r.in_person = ?"; params.emplace_back(flag(*q.in_person)); }
  if (q.platform_member) { sql += " AND r.platform_member = ?"; params.emplace_back(flag(*q.platform_member)); }
  sql += " AND r.active = ?";
  params.emplace_back(flag(q.active.value_or(true)));
  if (q.age) {
    sql += " AND (r.age_min IS NULL OR r.age_min <= ?) AND (r.age_max IS NULL OR r.age_max >= ?)";
    params.emplace_back(*q.age);
    params.emplace_back(*q.age);
  }
  sql += " ORDER BY r.category, r.name, r.id LIMIT 500";
  std::vector<Resource> out;
  for (const auto& row : db.query(sql, params)) {
    auto r = from_row(row);
    if (q.tag) {
      bool has = false;
      for (const auto& t : r.tags) has = has || t == *q.tag;
      if (!has) continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<Resource> find_resource(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE r.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

namespace {
Resource insert_resource(store::Connection& db, const Actor& actor, Reach reach, const nlohmann::json& body,
                         bool proposal);
}  // namespace

Resource create_resource(store::Connection& db, const Actor& actor, Reach reach, const nlohmann::json& body) {
  return insert_resource(db, actor, reach, body, false);
}

Resource propose_resource(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  return insert_resource(db, actor, Reach::own_organisation, body, true);
}

std::vector<Resource> resource_proposals(store::Connection& db, const std::string& organisation_id) {
  std::vector<Resource> out;
  for (const auto& r : db.query(std::string(kSelect) +
                                    " WHERE r.organisation_id = ? AND r.proposed_by IS NOT NULL AND r.confirmed_at IS NULL "
                                    "ORDER BY r.created_at, r.id",
                                {organisation_id}))
    out.push_back(from_row(r));
  return out;
}

Resource confirm_resource(store::Connection& db, const Actor& actor, const Resource& r, std::int64_t expected_version) {
  if (!r.pending_proposal()) throw Problem(409, "not_a_proposal", "この社会資源は提案中ではありません（すでに掲載されています）。");
  if (r.version != expected_version) throw version_conflict(r);
  std::string now = now_utc();
  if (db.execute("UPDATE resources SET active = 1, confirmed_at = ?, version = version + 1, updated_at = ? "
                 "WHERE id = ? AND version = ?",
                 {now, now, r.id, expected_version}) == 0)
    throw version_conflict(*find_resource(db, r.id));
  audit(db, actor, {"update", "resource", r.id, "提案を確認して掲載"});
  return *find_resource(db, r.id);
}

namespace {
Resource insert_resource(store::Connection& db, const Actor& actor, Reach reach, const nlohmann::json& body,
                         bool proposal) {
  Input in(body);
  Fields f = read_fields(db, body, in);
  std::optional<std::string> note;
  if (proposal) {
    f.active = false;  // listed only when a supervisor confirms it
    note = in.opt_text("proposal_note", "提案の理由・確かめてほしいこと", {.required = false, .max = 1000, .multiline = true});
  }
  std::string owner = actor.organisation_id;
  if (reach == Reach::all) {
    auto org = in.opt_text("organisation_id", "掲載する組織", {.required = true, .max = 64});
    if (org && !find_organisation(db, *org)) in.fail("organisation_id", "掲載する組織が見つかりません。");
    owner = org.value_or("");
  }
  in.check();
  std::string id = random_id(), now = now_utc();
  std::vector<store::Value> p{id, owner};
  for (auto& v : field_values(f)) p.push_back(std::move(v));
  p.insert(p.end(), {now, now});
  db.execute("INSERT INTO resources (id, organisation_id, " TSUNAGU_RESOURCE_FIELD_COLUMNS
             ", version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
             p);
  if (proposal)
    db.execute("UPDATE resources SET proposed_by = ?, proposal_note = ? WHERE id = ?",
               {actor.user_id, store::text_or_null(note), id});
  audit(db, actor, {"create", "resource", id, proposal ? "提案" : ""});
  return *find_resource(db, id);
}
}  // namespace

Resource update_resource(store::Connection& db, const Actor& actor, const std::string& id,
                         std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_resource(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  Input in(body);
  Fields f = read_fields(db, body, in);
  in.check();
  std::vector<store::Value> p = field_values(f);
  p.insert(p.end(), {now_utc(), id, expected_version});
  auto changed = db.execute(
      "UPDATE resources SET linked_organisation_id = ?, name = ?, category = ?, area_id = ?, services = ?, "
      "age_min = ?, age_max = ?, gender = ?, in_person = ?, online = ?, cost = ?, cost_note = ?, hours = ?, "
      "access = ?, contact = ?, tags = ?, search_text = ?, platform_member = ?, active = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      p);
  if (changed == 0) throw version_conflict(*find_resource(db, id));
  audit(db, actor, {"update", "resource", id, ""});
  return *find_resource(db, id);
}

}  // namespace tsunagu::service

#undef TSUNAGU_RESOURCE_FIELD_COLUMNS
