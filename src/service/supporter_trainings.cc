// Trainings of supporters (養成講座, フォローアップ研修, 関係機関向け研修):
// courses, their sessions, attendance, and completion, which grants the
// qualifications the course names (service/supporters.h).
#include <set>

#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "service/supporters.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT id, organisation_id, kind, title, qualifies, validity_months, sessions_required, version, created_at, "
    "updated_at FROM training_courses";
constexpr std::size_t kMaxAttendees = 500;

TrainingCourse from_row(const store::Row& r) {
  store::Cells c(r);
  TrainingCourse t;
  t.id = c.text();
  t.organisation_id = c.text();
  t.kind = c.text();
  t.title = c.text();
  for (const auto& v : nlohmann::json::parse(c.text(), nullptr, false))
    if (v.is_string()) t.qualifies.push_back(v.get<std::string>());
  t.validity_months = c.opt_integer();
  t.sessions_required = c.integer();
  t.version = c.integer();
  t.created_at = c.text();
  t.updated_at = c.text();
  return t;
}

std::int64_t attended(store::Connection& db, const std::string& course_id, const std::string& supporter_id) {
  return db.query_one(
               "SELECT COUNT(*) FROM training_attendance t JOIN training_sessions x ON x.id = t.session_id "
               "WHERE x.course_id = ? AND t.supporter_id = ?",
               {course_id, supporter_id})
      ->integer(0);
}

}  // namespace

void to_json(nlohmann::json& j, const TrainingCourse& c) {
  j = {{"id", c.id},
       {"organisation_id", c.organisation_id},
       {"kind", c.kind},
       {"title", c.title},
       {"qualifies", c.qualifies},
       {"validity_months", nj(c.validity_months)},
       {"sessions_required", c.sessions_required},
       {"version", c.version},
       {"created_at", c.created_at},
       {"updated_at", c.updated_at}};
}

std::optional<TrainingCourse> find_course(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<TrainingCourse> courses_of_organisation(store::Connection& db, const std::string& organisation_id) {
  std::vector<TrainingCourse> out;
  for (const auto& r :
       db.query(std::string(kSelect) + " WHERE organisation_id = ? ORDER BY created_at DESC, id LIMIT 500", {organisation_id}))
    out.push_back(from_row(r));
  return out;
}

TrainingCourse create_course(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto kind = in.choice("kind", "研修の種類", domain::kTrainingKind.values, true);
  auto title = in.text("title", "研修の名前", {.required = true, .max = 100});
  std::vector<std::string> qualifies;
  if (body.contains("qualifies") && !body["qualifies"].is_null()) {
    const auto& q = body["qualifies"];
    if (!q.is_array() || q.size() > domain::kSupporterActivity.values.size()) {
      in.fail("qualifies", "修了で得られる資格は活動の配列で指定してください。");
    } else {
      std::set<std::string> seen;
      for (const auto& v : q) {
        if (!v.is_string() || !domain::kSupporterActivity.contains(v.get<std::string>())) {
          in.fail("qualifies", "修了で得られる資格に、サポーターの活動にないものが含まれています。");
          break;
        }
        if (seen.insert(v.get<std::string>()).second) qualifies.push_back(v.get<std::string>());
      }
    }
  }
  auto months = in.integer("validity_months", "資格の有効期間（月）", false, 1, 120);
  auto required = in.integer("sessions_required", "修了に必要な出席回数", true, 1, 50);
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO training_courses (id, organisation_id, kind, title, qualifies, validity_months, sessions_required, "
      "version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,1,?,?)",
      {id, actor.organisation_id, *kind, title, nlohmann::json(qualifies).dump(),
       months ? store::Value{*months} : store::null(), *required, now, now});
  audit(db, actor, {"create", "training_course", id, *kind});
  return *find_course(db, id);
}

nlohmann::json course_detail(store::Connection& db, const Actor& actor, const TrainingCourse& c) {
  auto sessions = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT id, held_on, title, external_attendees FROM training_sessions WHERE course_id = ? ORDER BY held_on, id",
           {c.id})) {
    auto ids = nlohmann::json::array();
    for (const auto& a : db.query("SELECT supporter_id FROM training_attendance WHERE session_id = ? ORDER BY supporter_id",
                                  {r.text(0)}))
      ids.push_back(a.text(0));
    sessions.push_back({{"id", r.text(0)}, {"held_on", r.text(1)}, {"title", nj(r.opt_text(2))},
                        {"external_attendees", r.integer(3)}, {"supporter_ids", ids}});
  }
  auto progress = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT s.id, s.name, s.kind, (SELECT COUNT(*) FROM training_attendance t JOIN training_sessions x "
           "ON x.id = t.session_id WHERE x.course_id = ? AND t.supporter_id = s.id), "
           "(SELECT COUNT(*) FROM supporter_qualifications q WHERE q.course_id = ? AND q.supporter_id = s.id) "
           "FROM supporters s WHERE s.organisation_id = ? ORDER BY s.active DESC, s.name, s.id",
           {c.id, c.id, c.organisation_id}))
    progress.push_back({{"supporter_id", r.text(0)}, {"name", r.text(1)}, {"kind", r.text(2)},
                        {"attended", r.integer(3)}, {"completed", r.integer(4) > 0}});
  audit(db, actor, {"read", "training_course", c.id, ""});
  return {{"course", c}, {"sessions", sessions}, {"supporters", progress}};
}

nlohmann::json create_training_session(store::Connection& db, const Actor& actor, const TrainingCourse& c,
                                       const nlohmann::json& body) {
  Input in(body);
  auto held_on = in.day_text("held_on", "開催日", {.required = true, .not_future = false, .min_year = 2000});
  auto title = in.opt_text("title", "回の名前", {.required = false, .max = 100});
  auto external = in.integer("external_attendees", "関係機関の職員の参加人数", false, 0, 10000);
  in.check();
  std::string id = random_id();
  db.execute(
      "INSERT INTO training_sessions (id, course_id, organisation_id, held_on, title, external_attendees, created_at) "
      "VALUES (?,?,?,?,?,?,?)",
      {id, c.id, c.organisation_id, *held_on, store::text_or_null(title), external.value_or(0), now_utc()});
  audit(db, actor, {"create", "training_session", id, c.kind});
  return {{"id", id}, {"course_id", c.id}, {"organisation_id", c.organisation_id}, {"held_on", *held_on},
          {"title", nj(title)}, {"external_attendees", external.value_or(0)}, {"supporter_ids", nlohmann::json::array()}};
}

std::optional<TrainingSessionRef> find_training_session(store::Connection& db, const std::string& id) {
  auto r = db.query_one("SELECT id, course_id, organisation_id, held_on FROM training_sessions WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return TrainingSessionRef{r->text(0), r->text(1), r->text(2), r->text(3)};
}

nlohmann::json record_training_attendance(store::Connection& db, const Actor& actor, const TrainingSessionRef& s,
                                          const nlohmann::json& body) {
  Input in(body);
  std::vector<std::string> ids;
  if (!body.contains("supporter_ids") || !body["supporter_ids"].is_array() ||
      body["supporter_ids"].size() > kMaxAttendees) {
    in.fail("supporter_ids", "出席したサポーターは配列（" + std::to_string(kMaxAttendees) + "人まで）で指定してください。");
  } else {
    std::set<std::string> seen;
    for (const auto& v : body["supporter_ids"]) {
      if (!v.is_string() || v.get<std::string>().size() > 64 ||
          !db.query_one("SELECT 1 FROM supporters WHERE id = ? AND organisation_id = ?",
                        {v.get<std::string>(), s.organisation_id})) {
        in.fail("supporter_ids", "出席したサポーターに、自組織に登録されていない人が含まれています。");
        ids.clear();
        break;
      }
      if (seen.insert(v.get<std::string>()).second) ids.push_back(v.get<std::string>());
    }
  }
  auto external = in.integer("external_attendees", "関係機関の職員の参加人数", false, 0, 10000);
  in.check();
  if (s.held_on > today_tokyo())
    throw Problem(409, "session_in_future", "まだ開かれていない回の出席は記録できません（開催日 " + s.held_on + "）。");
  db.execute("DELETE FROM training_attendance WHERE session_id = ?", {s.id});
  std::string now = now_utc();
  for (const auto& id : ids)
    db.execute("INSERT INTO training_attendance (session_id, supporter_id, organisation_id, recorded_at) VALUES (?,?,?,?)",
               {s.id, id, s.organisation_id, now});
  if (external) db.execute("UPDATE training_sessions SET external_attendees = ? WHERE id = ?", {*external, s.id});
  audit(db, actor, {"update", "training_session", s.id, std::to_string(ids.size()) + " attended"});
  return {{"id", s.id}, {"supporter_ids", ids}};
}

nlohmann::json complete_course(store::Connection& db, const Actor& actor, const TrainingCourse& c,
                               const nlohmann::json& body) {
  Input in(body);
  auto supporter_id = in.text("supporter_id", "サポーター", {.required = true, .max = 64});
  auto completed = in.date("completed_on", "修了日", {.required = false, .not_future = true, .min_year = 2000});
  if (!supporter_id.empty() &&
      !db.query_one("SELECT 1 FROM supporters WHERE id = ? AND organisation_id = ?", {supporter_id, c.organisation_id}))
    in.fail("supporter_id", "サポーターが自組織に見つかりません。");
  in.check();
  auto n = attended(db, c.id, supporter_id);
  if (n < c.sessions_required)
    throw Problem(409, "course_not_completed",
                  "修了には " + std::to_string(c.sessions_required) + " 回の出席が必要です（いまの出席は " +
                      std::to_string(n) + " 回）。");
  auto on = completed.value_or(*domain::parse_iso_date(today_tokyo()));
  std::optional<std::string> expires;
  if (c.validity_months)
    expires = domain::format_iso_date(domain::add_days(domain::add_months(on, static_cast<int>(*c.validity_months)), -1));
  // A repeated completion (a follow-up taken again) adds a new term beside the old one.
  auto granted = nlohmann::json::array();
  std::string now = now_utc();
  for (const auto& activity : c.qualifies) {
    std::string id = random_id();
    db.execute(
        "INSERT INTO supporter_qualifications (id, supporter_id, organisation_id, activity, course_id, granted_on, "
        "expires_on, created_at) VALUES (?,?,?,?,?,?,?,?)",
        {id, supporter_id, c.organisation_id, activity, c.id, domain::format_iso_date(on), store::text_or_null(expires), now});
    granted.push_back({{"id", id}, {"activity", activity}, {"granted_on", domain::format_iso_date(on)},
                       {"expires_on", nj(expires)}});
  }
  audit(db, actor, {"create", "supporter_qualification", supporter_id, c.id});
  return {{"supporter_id", supporter_id}, {"course_id", c.id}, {"granted", granted}};
}

}  // namespace tsunagu::service
