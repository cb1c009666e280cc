// Follow-up items decided in a meeting ("who does what by when"). Each
// belongs to a case discussed there and shows on that case's timeline; the
// organiser, the case's organisation and the assigned person's organisation
// may keep it up to date.
#include <algorithm>

#include "domain/date.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/consents.h"
#include "service/json_optional.h"
#include "service/meetings.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT f.id, f.meeting_id, m.title, m.kind, m.held_on, m.organisation_id, f.case_id, f.organisation_id, o.name, "
    "f.task, f.assignee_user_id, f.assignee_organisation_id, ao.name, COALESCE(u.display_name, f.assignee_name), "
    "f.due_on, f.done, f.done_on, f.note, f.version, f.created_at, f.updated_at, f.created_by, cu.display_name "
    "FROM follow_ups f "
    "JOIN meetings m ON m.id = f.meeting_id JOIN organisations o ON o.id = f.organisation_id "
    "LEFT JOIN organisations ao ON ao.id = f.assignee_organisation_id LEFT JOIN users u ON u.id = f.assignee_user_id "
    "LEFT JOIN users cu ON cu.id = f.created_by";
constexpr char kOrder[] = " ORDER BY f.done, COALESCE(f.due_on, '9999-12-31'), f.created_at, f.id";

FollowUp from_row(const store::Row& r) {
  store::Cells in(r);
  FollowUp f;
  f.id = in.text();
  f.meeting_id = in.text();
  f.meeting_title = in.text();
  f.meeting_kind = in.text();
  f.held_on = in.text();
  f.meeting_organisation_id = in.text();
  f.case_id = in.text();
  f.organisation_id = in.text();
  f.organisation_name = in.text();
  f.task = in.text();
  f.assignee_user_id = in.opt_text();
  f.assignee_organisation_id = in.opt_text();
  f.assignee_organisation_name = in.opt_text();
  f.assignee_name = in.opt_text();
  f.due_on = in.opt_text();
  f.done = in.flag();
  f.done_on = in.opt_text();
  f.note = in.opt_text();
  f.version = in.integer();
  f.created_at = in.text();
  f.updated_at = in.text();
  f.created_by = in.text();
  f.created_by_name = in.opt_text();
  return f;
}

std::vector<FollowUp> select_many(store::Connection& db, const char* where, const std::string& id) {
  std::vector<FollowUp> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE " + where + kOrder, {id})) out.push_back(from_row(r));
  return out;
}

struct Assignee {
  std::optional<std::string> user_id, organisation_id, name;
};

// Either a user of the organiser or a participating organisation, or a
// person named in words (someone outside tsunagu).
Assignee read_assignee(store::Connection& db, const Meeting& m, Input& in, bool required) {
  Assignee a;
  a.user_id = in.opt_text("assignee_user_id", "担当者", {.required = false, .max = 64});
  a.name = in.opt_text("assignee_name", "担当者の氏名・所属", {.required = false, .max = 200});
  if (a.user_id) {
    auto u = db.query_one("SELECT organisation_id FROM users WHERE id = ?", {*a.user_id});
    if (!u || !m.involves(u->text(0)))
      in.fail("assignee_user_id", "担当者は、開催機関または参加機関の利用者から選んでください。");
    else
      a.organisation_id = u->text(0);
    a.name.reset();
  } else if (required && !a.name) {
    in.fail("assignee_user_id", "だれが行うか（担当者）を選ぶか、氏名・所属を入力してください。");
  }
  return a;
}

// The due date may lie ahead, but not before the meeting that decided it.
std::optional<std::string> read_due(Input& in, const Meeting& m) {
  auto due = in.day_text("due_on", "期限", {.required = false, .not_future = false});
  if (due && *due < m.held_on) {
    in.fail("due_on", "期限は会議の開催日（" + m.held_on + "）以降の日付にしてください。");
    return std::nullopt;
  }
  return due;
}

}  // namespace

Target FollowUp::target() const {
  Target t{organisation_id, std::nullopt, {meeting_organisation_id}};
  if (assignee_organisation_id) t.parties.push_back(*assignee_organisation_id);
  return t;
}

nlohmann::json follow_up_json(const FollowUp& f, bool with_case_id) {
  std::string today = today_tokyo();
  return {{"id", f.id},
          {"meeting_id", f.meeting_id},
          {"meeting_title", f.meeting_title},
          {"meeting_kind", f.meeting_kind},
          {"held_on", f.held_on},
          {"case_id", with_case_id ? nlohmann::json(f.case_id) : nlohmann::json(nullptr)},
          {"organisation_id", f.organisation_id},
          {"organisation_name", f.organisation_name},
          {"task", f.task},
          {"assignee_user_id", nj(f.assignee_user_id)},
          {"assignee_name", nj(f.assignee_name)},
          {"assignee_organisation_name", nj(f.assignee_organisation_name)},
          {"due_on", nj(f.due_on)},
          {"overdue", !f.done && f.due_on && *f.due_on < today},
          {"done", f.done},
          {"done_on", nj(f.done_on)},
          {"note", nj(f.note)},
          {"version", f.version},
          {"created_at", f.created_at},
          {"updated_at", f.updated_at}};
}

std::optional<FollowUp> find_follow_up(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE f.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<FollowUp> follow_ups_of_case(store::Connection& db, const std::string& case_id) {
  return select_many(db, "f.case_id = ?", case_id);
}

std::vector<FollowUp> follow_ups_of_meeting(store::Connection& db, const std::string& meeting_id) {
  return select_many(db, "f.meeting_id = ?", meeting_id);
}

FollowUp create_follow_up(store::Connection& db, const Actor& actor, const Meeting& m, const nlohmann::json& body) {
  Input in(body);
  auto entry_id = in.opt_text("meeting_case_id", "検討したケース", {.required = false, .max = 64});
  auto case_id = in.opt_text("case_id", "ケース", {.required = false, .max = 64});
  std::optional<MeetingCase> entry;
  for (auto& c : meeting_cases(db, m.id))
    if ((entry_id && c.id == *entry_id) || (!entry_id && case_id && c.case_id == *case_id &&
                                            c.organisation_id == actor.organisation_id))
      entry = c;
  if (!entry)
    in.fail(entry_id ? "meeting_case_id" : "case_id", "この会議で検討したケースから選んでください。");
  std::string task = in.text("task", "行うこと", {.required = true, .max = 1000, .multiline = true});
  Assignee a = read_assignee(db, m, in, true);
  auto due = read_due(in, m);
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  in.check();
  // Writing on a case is for its own organisation and the meeting's organiser.
  if (actor.organisation_id != entry->organisation_id && actor.organisation_id != m.organisation_id)
    throw Problem(403, "forbidden",
                  "決まったことを記録できるのは、会議の開催機関と、そのケースを担当する機関です。");
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO follow_ups (id, meeting_id, case_id, organisation_id, task, assignee_user_id, "
      "assignee_organisation_id, assignee_name, due_on, done, done_on, note, created_by, version, created_at, "
      "updated_at) VALUES (?,?,?,?,?,?,?,?,?,0,NULL,?,?,1,?,?)",
      {id, m.id, entry->case_id, entry->organisation_id, task, store::text_or_null(a.user_id),
       store::text_or_null(a.organisation_id), store::text_or_null(a.name), store::text_or_null(due),
       store::text_or_null(note), actor.user_id, now, now});
  audit(db, actor, {"create", "follow_up", id, "meeting " + m.id + " case " + entry->case_id});
  return *find_follow_up(db, id);
}

FollowUp update_follow_up(store::Connection& db, const Actor& actor, const FollowUp& f, std::int64_t expected_version,
                          const nlohmann::json& body) {
  auto m = find_meeting(db, f.meeting_id);
  if (!m) throw not_found();
  Input in(body);
  std::string task = f.task;
  if (in.has("task")) task = in.text("task", "行うこと", {.required = true, .max = 1000, .multiline = true});
  Assignee a{f.assignee_user_id, f.assignee_organisation_id, f.assignee_user_id ? std::nullopt : f.assignee_name};
  if (in.has("assignee_user_id") || in.has("assignee_name")) a = read_assignee(db, *m, in, true);
  auto due = in.has("due_on") ? read_due(in, *m) : f.due_on;
  bool done = in.boolean("done", "済み", false).value_or(f.done);
  auto done_on = f.done_on;
  if (in.has("done_on")) done_on = in.day_text("done_on", "済んだ日", {.required = false, .not_future = true});
  if (done && !done_on) done_on = today_tokyo();
  if (!done) done_on.reset();
  auto note = in.has("note") ? in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true}) : f.note;
  in.check();
  if (f.version != expected_version) throw version_conflict(follow_up_json(f, f.organisation_id == actor.organisation_id));
  auto changed = db.execute(
      "UPDATE follow_ups SET task = ?, assignee_user_id = ?, assignee_organisation_id = ?, assignee_name = ?, "
      "due_on = ?, done = ?, done_on = ?, note = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {task, store::text_or_null(a.user_id), store::text_or_null(a.organisation_id), store::text_or_null(a.name),
       store::text_or_null(due), std::int64_t{done ? 1 : 0}, store::text_or_null(done_on), store::text_or_null(note),
       now_utc(), f.id, expected_version});
  if (changed == 0) {
    auto current = *find_follow_up(db, f.id);
    throw version_conflict(follow_up_json(current, current.organisation_id == actor.organisation_id));
  }
  audit(db, actor, {"update", "follow_up", f.id, done ? "done" : "open"});
  return *find_follow_up(db, f.id);
}

std::vector<nlohmann::json> meeting_timeline_items(store::Connection& db, const std::string& case_id) {
  std::vector<nlohmann::json> items;
  for (const auto& r : db.query(
           "SELECT c.id, c.shared_at, m.id, m.kind, m.title, m.held_on, c.shared_parts, c.shared_by, u.display_name, "
           "o.name FROM meeting_cases c JOIN meetings m ON m.id = c.meeting_id "
           "JOIN organisations o ON o.id = m.organisation_id LEFT JOIN users u ON u.id = c.shared_by "
           "WHERE c.case_id = ?",
           {case_id})) {
    std::string summary = r.text(3) + "「" + r.text(4) + "」で検討";
    auto parts = nlohmann::json::parse(r.text(6), nullptr, false);
    if (parts.is_array() && !parts.empty()) {
      summary += "（共有：";
      for (std::size_t i = 0; i < parts.size(); ++i)
        summary += (i ? "・" : "") + std::string(shared_part_label(parts[i].get<std::string>()));
      summary += "）";
    }
    items.push_back({{"kind", "meeting"}, {"on", r.text(5)}, {"at", r.text(1)}, {"summary", summary},
                     {"ref_id", r.text(2)}, {"by_id", r.text(7)}, {"by", nj(r.opt_text(8))},
                     {"organisation_name", r.text(9)}});
  }
  for (const auto& f : follow_ups_of_case(db, case_id)) {
    std::string on = domain::tokyo_day_text_of_utc(f.created_at);
    std::string summary = "会議で決まったこと：" + f.task;
    std::vector<std::string> about;
    if (f.assignee_name) about.push_back("担当：" + *f.assignee_name);
    if (f.due_on) about.push_back("期限：" + *f.due_on);
    if (f.done) about.push_back("済（" + f.done_on.value_or("") + "）");
    if (!about.empty()) {
      summary += "（";
      for (std::size_t i = 0; i < about.size(); ++i) summary += (i ? "・" : "") + about[i];
      summary += "）";
    }
    items.push_back({{"kind", "follow_up"}, {"on", on}, {"at", f.created_at}, {"summary", summary},
                     {"ref_id", f.id}, {"by_id", f.created_by}, {"by", nj(f.created_by_name)},
                     {"organisation_name", f.organisation_name}, {"meeting_id", f.meeting_id}, {"done", f.done}});
  }
  return items;
}

}  // namespace tsunagu::service
