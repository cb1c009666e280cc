#include "service/meetings.h"

#include <algorithm>
#include <set>

#include "domain/date.h"
#include "domain/meeting.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/json_optional.h"
#include "service/organisations.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxOrganisations = 50;
constexpr std::size_t kMaxPeople = 100;
constexpr std::size_t kMaxCases = 50;

constexpr char kSelect[] =
    "SELECT m.id, m.organisation_id, o.name, m.kind, m.legal_basis, m.title, m.held_on, m.place, m.agenda, "
    "m.decisions, m.version, m.created_at, m.updated_at FROM meetings m "
    "JOIN organisations o ON o.id = m.organisation_id";

Meeting from_row(store::Connection& db, const store::Row& r) {
  store::Cells in(r);
  Meeting m;
  m.id = in.text();
  m.organisation_id = in.text();
  m.organisation_name = in.text();
  m.kind = in.text();
  m.legal_basis = in.opt_text();
  m.title = in.text();
  m.held_on = in.text();
  m.place = in.opt_text();
  m.agenda = in.opt_text();
  m.decisions = in.opt_text();
  m.version = in.integer();
  m.created_at = in.text();
  m.updated_at = in.text();
  for (const auto& o : db.query(
           "SELECT organisation_id FROM meeting_organisations WHERE meeting_id = ? ORDER BY organisation_id", {m.id}))
    m.participant_organisation_ids.push_back(o.text(0));
  return m;
}

// One person who took part: a user of tsunagu ({user_id}) or someone from
// outside ({name, affiliation?}).
struct Person {
  std::optional<std::string> user_id, name, affiliation;
};

// A string member of a nested object, trimmed; errors under `field`.
std::optional<std::string> member_text(Input& in, const nlohmann::json& item, const char* key, const std::string& field,
                                       const std::string& label, std::size_t max) {
  if (!item.contains(key) || item[key].is_null()) return std::nullopt;
  if (!item[key].is_string()) {
    in.fail(field, label + "は文字列で指定してください。");
    return std::nullopt;
  }
  std::string v = item[key].get<std::string>();
  if (domain::is_blank(v)) return std::nullopt;
  if (utf8_length(v) > max) {
    in.fail(field, label + "は" + std::to_string(max) + "文字以内で入力してください。");
    return std::nullopt;
  }
  if (v.find('\n') != std::string::npos || v.find('\r') != std::string::npos) {
    in.fail(field, label + "に改行は使えません。");
    return std::nullopt;
  }
  return v;
}

// organisation_ids: other organisations taking part (the organiser is
// always there and is left out).
std::vector<std::string> read_organisations(store::Connection& db, const Actor& actor, const nlohmann::json& body,
                                            Input& in) {
  std::vector<std::string> out;
  if (!body.contains("organisation_ids") || body["organisation_ids"].is_null()) return out;
  const auto& ids = body["organisation_ids"];
  if (!ids.is_array() || ids.size() > kMaxOrganisations) {
    in.fail("organisation_ids", "参加機関は組織のIDの配列（" + std::to_string(kMaxOrganisations) + "件まで）で指定してください。");
    return out;
  }
  for (const auto& id : ids) {
    if (!id.is_string() || id.get<std::string>().size() > 64 || !find_organisation(db, id.get<std::string>())) {
      in.fail("organisation_ids", "参加機関に、見つからない組織が含まれています。");
      return out;
    }
    auto s = id.get<std::string>();
    if (s != actor.organisation_id && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::vector<Person> read_people(store::Connection& db, const nlohmann::json& body, const std::string& organiser,
                                const std::vector<std::string>& orgs, Input& in) {
  std::vector<Person> out;
  if (!body.contains("people") || body["people"].is_null()) return out;
  const auto& people = body["people"];
  if (!people.is_array() || people.size() > kMaxPeople) {
    in.fail("people", "参加者は配列（" + std::to_string(kMaxPeople) + "人まで）で指定してください。");
    return out;
  }
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& p = people[i];
    std::string field = "people[" + std::to_string(i) + "]", who = "参加者（" + std::to_string(i + 1) + "人目）";
    if (!p.is_object()) {
      in.fail(field, who + "の指定が読み取れません。");
      continue;
    }
    Person person;
    person.user_id = member_text(in, p, "user_id", field + ".user_id", who + "の利用者ID", 64);
    person.name = member_text(in, p, "name", field + ".name", who + "の氏名", 100);
    person.affiliation = member_text(in, p, "affiliation", field + ".affiliation", who + "の所属", 200);
    if (person.user_id) {
      auto u = db.query_one("SELECT organisation_id FROM users WHERE id = ?", {*person.user_id});
      bool there = u && (u->text(0) == organiser || std::find(orgs.begin(), orgs.end(), u->text(0)) != orgs.end());
      if (!there)
        in.fail(field + ".user_id", who + "は、開催機関または参加機関の利用者から選んでください。");
      person.name.reset();
      person.affiliation.reset();
    } else if (!person.name) {
      in.fail(field + ".name", who + "の氏名を入力するか、tsunagu の利用者を選んでください。");
    }
    out.push_back(person);
  }
  return out;
}

struct Fields {
  std::string kind, title, held_on;
  std::optional<std::string> legal_basis, place, agenda, decisions;
  std::vector<std::string> organisations;
  std::vector<Person> people;
};

// The meeting's own fields; `kind` is read on create and fixed afterwards
// (`current` is the meeting being edited, null on create).
Fields read_fields(store::Connection& db, const Actor& actor, const nlohmann::json& body, Input& in,
                   const Meeting* current) {
  Fields f;
  if (current) {
    f.kind = current->kind;
    if (body.contains("kind") && !(body["kind"].is_string() && body["kind"].get<std::string>() == current->kind))
      in.fail("kind", "会議の種別は記録した後に変更できません（共有できる範囲を決めたものだからです）。");
  } else {
    f.kind = in.choice("kind", "会議の種別", domain::kMeetingKindValues, true).value_or("");
  }
  f.legal_basis = in.opt_text("legal_basis", "法的根拠", {.required = false, .max = 50});
  switch (domain::check_meeting_basis(f.kind, f.legal_basis)) {
    case domain::MeetingBasisCheck::kOk:
    case domain::MeetingBasisCheck::kUnknownKind: break;  // reported by choice()
    case domain::MeetingBasisCheck::kBasisRequired:
      in.fail("legal_basis",
              "支援会議には法的根拠（生活困窮者自立支援法第9条 または 社会福祉法第106条の6）を選んでください。"
              "法に基づく支援会議だけが、本人の同意なしに情報を共有できます。");
      break;
    case domain::MeetingBasisCheck::kUnknownBasis:
      in.fail("legal_basis", "法的根拠は「生活困窮者自立支援法第9条」または「社会福祉法第106条の6」から選んでください。");
      break;
    case domain::MeetingBasisCheck::kBasisNotAllowed:
      in.fail("legal_basis", "法的根拠を記録できるのは支援会議だけです。" + f.kind + "で情報を共有するには本人同意が必要です。");
      break;
  }
  f.title = in.text("title", "会議名", {.required = true, .max = 200});
  f.held_on = in.day_text("held_on", "開催日", {.required = true, .not_future = true}).value_or("");
  f.place = in.opt_text("place", "場所", {.required = false, .max = 200});
  f.agenda = in.opt_text("agenda", "議題・協議の内容", {.required = false, .max = 4000, .multiline = true});
  f.decisions = in.opt_text("decisions", "決まったこと", {.required = false, .max = 4000, .multiline = true});
  f.organisations = read_organisations(db, actor, body, in);
  // Left out on an edit, the participating organisations stay as they are.
  if (current && !body.contains("organisation_ids")) f.organisations = current->participant_organisation_ids;
  f.people = read_people(db, body, actor.organisation_id, f.organisations, in);
  return f;
}

void write_participants(store::Connection& db, const std::string& meeting_id, const Fields& f, bool people) {
  db.execute("DELETE FROM meeting_organisations WHERE meeting_id = ?", {meeting_id});
  for (const auto& o : f.organisations)
    db.execute("INSERT INTO meeting_organisations (meeting_id, organisation_id) VALUES (?,?)", {meeting_id, o});
  if (!people) return;
  db.execute("DELETE FROM meeting_people WHERE meeting_id = ?", {meeting_id});
  std::int64_t pos = 0;
  for (const auto& p : f.people)
    db.execute("INSERT INTO meeting_people (id, meeting_id, user_id, name, affiliation, position) VALUES (?,?,?,?,?,?)",
               {random_id(), meeting_id, store::text_or_null(p.user_id), store::text_or_null(p.name),
                store::text_or_null(p.affiliation), pos++});
}

}  // namespace


Target Meeting::target() const { return Target{organisation_id, std::nullopt, participant_organisation_ids}; }

bool Meeting::involves(const std::string& org) const {
  return org == organisation_id ||
         std::find(participant_organisation_ids.begin(), participant_organisation_ids.end(), org) !=
             participant_organisation_ids.end();
}

void to_json(nlohmann::json& j, const Meeting& m) {
  j = {{"id", m.id},
       {"organisation_id", m.organisation_id},
       {"organisation_name", m.organisation_name},
       {"kind", m.kind},
       {"legal_basis", nj(m.legal_basis)},
       {"needs_consent", domain::meeting_needs_consent(m.kind).value_or(true)},
       {"title", m.title},
       {"held_on", m.held_on},
       {"place", nj(m.place)},
       {"agenda", nj(m.agenda)},
       {"decisions", nj(m.decisions)},
       {"organisation_ids", m.participant_organisation_ids},
       {"version", m.version},
       {"created_at", m.created_at},
       {"updated_at", m.updated_at}};
}

std::optional<Meeting> find_meeting(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE m.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(db, *r);
}

std::vector<Meeting> meetings_for(store::Connection& db, const Actor& actor, const std::optional<std::string>& kind) {
  std::string where =
      " WHERE (m.organisation_id = ? OR m.id IN (SELECT meeting_id FROM meeting_organisations WHERE organisation_id = ?))";
  std::vector<store::Row> rows;
  const std::string order = " ORDER BY m.held_on DESC, m.created_at DESC, m.id LIMIT 500";
  if (kind)
    rows = db.query(std::string(kSelect) + where + " AND m.kind = ?" + order,
                    {actor.organisation_id, actor.organisation_id, *kind});
  else
    rows = db.query(std::string(kSelect) + where + order, {actor.organisation_id, actor.organisation_id});
  std::vector<Meeting> out;
  for (const auto& r : rows) out.push_back(from_row(db, r));
  return out;
}

nlohmann::json meeting_detail(store::Connection& db, const Actor& actor, const Meeting& m) {
  nlohmann::json j = m;
  auto orgs = nlohmann::json::array();
  for (const auto& o : db.query(
           "SELECT o.id, o.name FROM meeting_organisations x JOIN organisations o ON o.id = x.organisation_id "
           "WHERE x.meeting_id = ? ORDER BY o.name, o.id",
           {m.id}))
    orgs.push_back({{"id", o.text(0)}, {"name", o.text(1)}});
  auto people = nlohmann::json::array();
  for (const auto& p : db.query(
           "SELECT p.id, p.user_id, COALESCE(u.display_name, p.name), COALESCE(o.name, p.affiliation) "
           "FROM meeting_people p LEFT JOIN users u ON u.id = p.user_id "
           "LEFT JOIN organisations o ON o.id = u.organisation_id WHERE p.meeting_id = ? ORDER BY p.position",
           {m.id}))
    people.push_back({{"id", p.text(0)}, {"user_id", nj(p.opt_text(1))}, {"name", nj(p.opt_text(2))},
                      {"affiliation", nj(p.opt_text(3))}});
  auto cases = nlohmann::json::array();
  for (const auto& c : meeting_cases(db, m.id)) {
    bool own = c.organisation_id == actor.organisation_id;
    nlohmann::json e = {{"id", c.id},
                        {"organisation_id", c.organisation_id},
                        {"organisation_name", c.organisation_name},
                        {"own", own},
                        {"shared_parts", c.shared_parts},
                        {"shared_at", c.shared_at},
                        {"note", nj(c.note)}};
    // Which case of another organisation it was stays with that organisation.
    e["case_id"] = own ? nlohmann::json(c.case_id) : nlohmann::json(nullptr);
    e["consent_id"] = own ? nj(c.consent_id) : nlohmann::json(nullptr);
    if (own) {
      auto t = db.query_one("SELECT title FROM cases WHERE id = ?", {c.case_id});
      e["case_title"] = t ? nlohmann::json(t->text(0)) : nlohmann::json(nullptr);
    }
    cases.push_back(e);
  }
  auto follow_ups = nlohmann::json::array();
  for (const auto& f : follow_ups_of_meeting(db, m.id))
    follow_ups.push_back(follow_up_json(f, f.organisation_id == actor.organisation_id));
  j["organisations"] = orgs;
  j["people"] = people;
  j["cases"] = cases;
  j["follow_ups"] = follow_ups;
  j["side"] = m.organisation_id == actor.organisation_id ? "organiser" : "participant";
  audit(db, actor, {"read", "meeting", m.id, m.kind});
  return j;
}

Meeting create_meeting(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  Fields f = read_fields(db, actor, body, in, nullptr);
  std::vector<MeetingCaseInput> cases;
  if (body.contains("cases") && !body["cases"].is_null()) {
    const auto& items = body["cases"];
    if (!items.is_array() || items.size() > kMaxCases) {
      in.fail("cases", "検討したケースは配列（" + std::to_string(kMaxCases) + "件まで）で指定してください。");
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto c = read_meeting_case(db, actor, f.kind, items[i], "cases[" + std::to_string(i) + "]", in);
        if (!c.case_id.empty() && !seen.insert(c.case_id).second)
          in.fail("cases[" + std::to_string(i) + "].case_id", "同じケースが2回指定されています。");
        cases.push_back(std::move(c));
      }
    }
  }
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO meetings (id, organisation_id, kind, legal_basis, title, held_on, place, agenda, decisions, "
      "created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, actor.organisation_id, f.kind, store::text_or_null(f.legal_basis), f.title, f.held_on,
       store::text_or_null(f.place), store::text_or_null(f.agenda), store::text_or_null(f.decisions), actor.user_id,
       now, now});
  write_participants(db, id, f, true);
  audit(db, actor, {"create", "meeting", id, f.kind});
  auto m = *find_meeting(db, id);
  for (const auto& c : cases) insert_meeting_case(db, actor, m, c);
  return m;
}

Meeting update_meeting(store::Connection& db, const Actor& actor, const Meeting& m, std::int64_t expected_version,
                       const nlohmann::json& body) {
  if (m.organisation_id != actor.organisation_id) throw not_found();
  Input in(body);
  Fields f = read_fields(db, actor, body, in, &m);
  // An organisation whose case was discussed stays a participant: what it
  // shared, and the follow-ups on its case, hang from the meeting.
  for (const auto& c : meeting_cases(db, m.id))
    if (c.organisation_id != m.organisation_id &&
        std::find(f.organisations.begin(), f.organisations.end(), c.organisation_id) == f.organisations.end()) {
      in.fail("organisation_ids", c.organisation_name + "のケースを検討したため、参加機関から外すことはできません。");
      break;
    }
  in.check();
  if (m.version != expected_version) throw version_conflict(m);
  auto changed = db.execute(
      "UPDATE meetings SET legal_basis = ?, title = ?, held_on = ?, place = ?, agenda = ?, decisions = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {store::text_or_null(f.legal_basis), f.title, f.held_on, store::text_or_null(f.place),
       store::text_or_null(f.agenda), store::text_or_null(f.decisions), now_utc(), m.id, expected_version});
  if (changed == 0) throw version_conflict(*find_meeting(db, m.id));
  write_participants(db, m.id, f, body.contains("people"));
  audit(db, actor, {"update", "meeting", m.id, m.kind});
  return *find_meeting(db, m.id);
}

}  // namespace tsunagu::service
