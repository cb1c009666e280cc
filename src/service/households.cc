#include "service/households.h"

#include <algorithm>
#include <set>

#include "domain/person.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/persons.h"
#include "service/problem.h"
#include "service/json_optional.h"
#include "service/lock_order.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxMembers = 30;

constexpr char kMemberColumns[] = "m.person_id, m.relation, p.naming, p.name, p.age_band, p.birth_date";

// The member whose columns (kMemberColumns) start at `at` in `r`.
HouseholdMember member_from(const store::Row& r, std::size_t at) {
  return {r.text(at), r.text(at + 1), display_name(r.text(at + 2), r.opt_text(at + 3)), r.opt_text(at + 4),
          r.opt_text(at + 5)};
}

// 本人 first, then in the order of the relation list: the screen reads
// like a family tree from the person outwards.
void order_members(Household& h) {
  auto rel = member_relations();
  std::stable_sort(h.members.begin(), h.members.end(), [&](const auto& a, const auto& b) {
    return std::find(rel.begin(), rel.end(), a.relation) < std::find(rel.begin(), rel.end(), b.relation);
  });
}

constexpr char kHouseholdColumns[] = "h.id, h.organisation_id, h.label, h.note, h.version, h.created_at, h.updated_at";

// The household of a row that starts with kHouseholdColumns, without members.
Household household_from(const store::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.opt_text(3), {}, r.integer(4), r.text(5), r.text(6)};
}

Household from_row(store::Connection& db, const store::Row& r) {
  Household h = household_from(r);
  for (const auto& m : db.query(std::string("SELECT ") + kMemberColumns +
                                    " FROM household_members m JOIN persons p ON p.id = m.person_id "
                                    "WHERE m.household_id = ? ORDER BY p.created_at, p.id",
                                {h.id}))
    h.members.push_back(member_from(m, 0));
  order_members(h);
  return h;
}


struct MemberInput {
  std::string person_id, relation;
};

std::vector<MemberInput> read_members(store::Connection& db, const Actor& actor, const nlohmann::json& body,
                                      Input& in, const std::string& household_id) {
  std::vector<MemberInput> out;
  if (!body.contains("members") || body["members"].is_null()) return out;
  if (!body["members"].is_array()) {
    in.fail("members", "世帯員は配列で指定してください。");
    return out;
  }
  if (body["members"].size() > kMaxMembers) {
    in.fail("members", "世帯員は" + std::to_string(kMaxMembers) + "人までです。");
    return out;
  }
  auto relations = member_relations();
  std::set<std::string> seen;
  int subjects = 0;
  for (std::size_t i = 0; i < body["members"].size(); ++i) {
    const auto& m = body["members"][i];
    std::string f = "members[" + std::to_string(i) + "]";
    if (!m.is_object()) {
      in.fail(f, "世帯員は {person_id, relation} で指定してください。");
      continue;
    }
    Input mi(m);
    auto pid = mi.opt_text("person_id", "世帯員", {.required = true, .max = 64});
    auto rel = mi.choice("relation", "続柄", relations, true);
    try {
      mi.check();
    } catch (const Problem& p) {
      for (const auto& e : p.errors) in.fail(f + "." + e.field, e.detail);
      continue;
    }
    auto person = db.query_one(
        "SELECT p.organisation_id, m.household_id FROM persons p LEFT JOIN household_members m "
        "ON m.person_id = p.id WHERE p.id = ?",
        {*pid});
    if (!person || person->text(0) != actor.organisation_id) {
      in.fail(f + ".person_id", "世帯員に指定された方が見つかりません。");
      continue;
    }
    if (!person->is_null(1) && person->text(1) != household_id) {
      in.fail(f + ".person_id", "この方はすでに別の世帯に登録されています（一人が入れる世帯は一つです）。");
      continue;
    }
    if (!seen.insert(*pid).second) {
      in.fail(f + ".person_id", "同じ方が二度指定されています。");
      continue;
    }
    if (*rel == "本人" && ++subjects > 1) in.fail(f + ".relation", "「本人」は一世帯に一人です。");
    out.push_back({*pid, *rel});
  }
  return out;
}

}  // namespace

std::vector<std::string_view> member_relations() {
  std::vector<std::string_view> out{"本人"};
  for (auto r : domain::kHouseholdRelation.values) out.push_back(r);
  return out;
}

void to_json(nlohmann::json& j, const Household& h) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : h.members)
    members.push_back({{"person_id", m.person_id},
                       {"relation", m.relation},
                       {"display_name", m.display_name},
                       {"age_band", nj(m.age_band)},
                       {"birth_date", nj(m.birth_date)}});
  j = {{"id", h.id},           {"organisation_id", h.organisation_id}, {"label", h.label},
       {"note", nj(h.note)},       {"members", members},                   {"version", h.version},
       {"created_at", h.created_at}, {"updated_at", h.updated_at}};
}

// The household and its members in one statement (one row per member, or
// one row of NULL members): every case detail with a household reads it.
std::optional<Household> find_household(store::Connection& db, const std::string& id) {
  auto rows = db.query(std::string("SELECT ") + kHouseholdColumns + ", " + kMemberColumns +
                           " FROM households h LEFT JOIN household_members m ON m.household_id = h.id "
                           "LEFT JOIN persons p ON p.id = m.person_id WHERE h.id = ? ORDER BY p.created_at, p.id",
                       {id});
  if (rows.empty()) return std::nullopt;
  Household h = household_from(rows.front());
  for (const auto& m : rows)
    if (!m.is_null(7)) h.members.push_back(member_from(m, 7));
  order_members(h);
  return h;
}

std::vector<Household> list_households(store::Connection& db, const std::string& organisation_id) {
  std::vector<Household> out;
  for (const auto& r : db.query(std::string("SELECT ") + kHouseholdColumns +
                                    " FROM households h WHERE h.organisation_id = ? ORDER BY h.updated_at DESC, h.id "
                                    "LIMIT 500",
                                {organisation_id}))
    out.push_back(from_row(db, r));
  return out;
}

std::string insert_household(store::Connection& db, const Actor& actor, const std::string& label) {
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO households (id, organisation_id, label, note, version, created_at, updated_at) "
      "VALUES (?,?,?,NULL,1,?,?)",
      {id, actor.organisation_id, label, now, now});
  audit(db, actor, {"create", "household", id, ""});
  return id;
}

void add_household_member(store::Connection& db, const std::string& household_id, const std::string& person_id,
                          const std::string& relation) {
  db.execute("INSERT INTO household_members (household_id, person_id, relation) VALUES (?,?,?)",
             {household_id, person_id, relation});
}

Household create_household(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto label = in.text("label", "世帯の呼び名", {.required = true, .max = 100});
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  auto members = read_members(db, actor, body, in, "");
  in.check();
  std::string id = insert_household(db, actor, label);
  if (note) db.execute("UPDATE households SET note = ? WHERE id = ?", {*note, id});
  for (const auto& m : members) add_household_member(db, id, m.person_id, m.relation);
  return *find_household(db, id);
}

Household update_household(store::Connection& db, const Actor& actor, const std::string& id,
                           std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_household(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  Input in(body);
  auto label = in.text("label", "世帯の呼び名", {.required = true, .max = 100});
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  auto members = read_members(db, actor, body, in, id);
  in.check();
  {
    // Before the household and its members: service/lock_order.h.
    std::vector<std::string> persons;
    for (const auto& m : current->members) persons.push_back(m.person_id);
    for (const auto& m : members) persons.push_back(m.person_id);
    lock_cases_showing_household(db, id, persons);
  }
  auto changed = db.execute(
      "UPDATE households SET label = ?, note = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {label, store::text_or_null(note), now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(*find_household(db, id));
  if (body.contains("members") && !body["members"].is_null()) {
    db.execute("DELETE FROM household_members WHERE household_id = ?", {id});
    for (const auto& m : members) add_household_member(db, id, m.person_id, m.relation);
  }
  audit(db, actor, {"update", "household", id, ""});
  return *find_household(db, id);
}

}  // namespace tsunagu::service
