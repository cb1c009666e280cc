#include "service/consultation_inbox.h"

#include "domain/consultation.h"
#include "domain/role.h"
#include "domain/state_machine.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/consultation_counts.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxReply = 4000;

constexpr char kSelect[] =
    "SELECT t.id, t.organisation_id, t.writer, t.state, t.nickname, t.municipality_id, a.name, t.assigned_to, "
    "u.display_name, t.closed_at, t.urgent, t.version, t.last_message_at, t.created_at, "
    "(SELECT COUNT(*) FROM consultation_messages m WHERE m.thread_id = t.id AND m.author = 'person'), "
    "(SELECT MAX(m.sent_at) FROM consultation_messages m WHERE m.thread_id = t.id AND m.author = 'person'), "
    "t.details_at, t.case_id "
    "FROM consultation_threads t LEFT JOIN areas a ON a.id = t.municipality_id "
    "LEFT JOIN users u ON u.id = t.assigned_to";

ConsultationThread from_row(const store::Row& r) {
  ConsultationThread t;
  t.id = r.text(0);
  t.organisation_id = r.text(1);
  t.writer = r.text(2);
  t.state = r.text(3);
  t.nickname = r.opt_text(4);
  t.municipality_id = r.opt_text(5);
  t.municipality_name = r.opt_text(6);
  t.assigned_to = r.opt_text(7);
  t.assigned_name = r.opt_text(8);
  t.closed_at = r.opt_text(9);
  t.urgent = r.integer(10) != 0;
  t.version = r.integer(11);
  t.last_message_at = r.text(12);
  t.created_at = r.text(13);
  t.person_messages = r.integer(14);
  t.last_person_message_at = r.opt_text(15).value_or(t.created_at);
  t.details_at = r.opt_text(16);
  t.case_id = r.opt_text(17);
  return t;
}

}  // namespace

Policy consultation_inbox_policy() {
  using domain::Role;
  return policy({{Role::coordinator, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}});
}

std::string ConsultationThread::reference() const {
  std::string r;
  for (std::size_t i = 0; i < id.size() && i < 6; ++i) {
    if (i == 4) r += '-';
    r += static_cast<char>(std::toupper(static_cast<unsigned char>(id[i])));
  }
  return r;
}

void to_json(nlohmann::json& j, const ConsultationThread& t) {
  j = {{"id", t.id},
       {"reference", t.reference()},
       {"organisation_id", t.organisation_id},
       {"writer", t.writer},
       {"state", t.state},
       {"nickname", nj(t.nickname)},
       {"municipality_id", nj(t.municipality_id)},
       {"municipality_name", nj(t.municipality_name)},
       {"assigned_to", nj(t.assigned_to)},
       {"assigned_name", nj(t.assigned_name)},
       {"closed_at", nj(t.closed_at)},
       {"urgent", t.urgent},
       {"person_messages", t.person_messages},
       {"last_message_at", t.last_message_at},
       {"last_person_message_at", t.last_person_message_at},
       {"created_at", t.created_at},
       {"details_given", t.details_at.has_value()},
       {"case_id", nj(t.case_id)},
       {"version", t.version}};
}

std::optional<ConsultationThread> find_consultation_thread(store::Connection& db, const std::string& id) {
  if (id.size() > 64) return std::nullopt;
  auto r = db.query_one(std::string(kSelect) + " WHERE t.id = ?", {id});
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

std::vector<ConsultationThread> consultation_threads(store::Connection& db, const std::string& organisation_id,
                                                     const std::optional<std::string>& state) {
  std::string sql = std::string(kSelect) + " WHERE t.organisation_id = ?";
  std::vector<store::Value> params{organisation_id};
  if (state) {
    sql += " AND t.state = ?";
    params.emplace_back(*state);
  }
  sql += " ORDER BY t.urgent DESC, t.last_message_at LIMIT 500";
  std::vector<ConsultationThread> out;
  for (const auto& r : db.query(sql, params)) out.push_back(from_row(r));
  return out;
}

std::map<std::string, std::int64_t> consultation_state_counts(store::Connection& db,
                                                              const std::string& organisation_id) {
  std::map<std::string, std::int64_t> out;
  for (auto s : domain::kConsultationStateValues) out[std::string(s)] = 0;
  for (const auto& r : db.query(
           "SELECT state, COUNT(*) FROM consultation_threads WHERE organisation_id = ? GROUP BY state", {organisation_id}))
    out[r.text(0)] = r.integer(1);
  return out;
}

nlohmann::json consultation_for_staff(store::Connection& db, const SealKey& key, const ConsultationThread& t) {
  nlohmann::json j = t;
  j["details"] = nullptr;
  if (auto d = db.query_one("SELECT details FROM consultation_threads WHERE id = ?", {t.id}); d && !d->is_null(0))
    if (auto plain = unseal(key, d->text(0))) j["details"] = nlohmann::json::parse(*plain, nullptr, false);
  j["messages"] = nlohmann::json::array();
  for (const auto& m : db.query(
           "SELECT m.id, m.author, m.body, m.sent_at, m.urgent, u.display_name FROM consultation_messages m "
           "LEFT JOIN users u ON u.id = m.staff_id WHERE m.thread_id = ? ORDER BY m.sent_at, m.id",
           {t.id}))
    j["messages"].push_back({{"id", m.text(0)},
                             {"author", m.text(1)},
                             {"body", m.text(2)},
                             {"sent_at", m.text(3)},
                             {"urgent", m.integer(4) != 0},
                             {"staff_name", nj(m.opt_text(5))}});
  auto o = db.query_one("SELECT consultation_protocol, consultation_reply_days FROM organisations WHERE id = ?",
                        {t.organisation_id});
  j["protocol"] = t.urgent && o ? nj(o->opt_text(0)) : nlohmann::json(nullptr);
  j["reply_days"] = o ? o->integer(1) : 0;
  j["moves"] = nlohmann::json::array();
  for (const auto& m : domain::moves_from(domain::consultation_state_machine(), t.state))
    j["moves"].push_back(std::string(m.to));
  // Who may be assigned: the organisation's coordinators and supervisors.
  j["assignable"] = nlohmann::json::array();
  for (const auto& u : db.query("SELECT id, display_name FROM users WHERE organisation_id = ? AND active = 1 AND "
                                "role IN ('coordinator', 'supervisor') ORDER BY display_name, id",
                                {t.organisation_id}))
    j["assignable"].push_back({{"id", u.text(0)}, {"display_name", u.text(1)}});
  j["templates"] = consultation_templates(db, t.organisation_id);
  return j;
}

void add_staff_message(store::Connection& db, const Actor& actor, const ConsultationThread& t,
                       const nlohmann::json& body) {
  Input in(body);
  static constexpr std::array<std::string_view, 2> kKinds{"reply", "note"};
  auto kind = in.choice("kind", "種類", kKinds, true);
  std::string text = in.text("body", kind == "note" ? "内部メモ" : "返信", {.required = true, .max = kMaxReply, .multiline = true});
  in.check();
  bool reply = *kind == "reply";
  if (reply && t.state == "終了")
    throw Problem(409, "consultation_closed", "終了した相談です。返信するには、先に「対応中」に戻してください。");
  std::string at = now_utc(), id = random_id();
  db.execute(
      "INSERT INTO consultation_messages (id, thread_id, author, staff_id, body, urgent, sent_at) VALUES (?,?,?,?,?,0,?)",
      {id, t.id, std::string(reply ? "staff" : "note"), actor.user_id, text, at});
  if (reply)
    db.execute(
        "UPDATE consultation_threads SET state = ?, last_message_at = ?, version = version + 1, updated_at = ?, "
        "notice_pending = CASE WHEN notice_email IS NULL THEN 0 ELSE 1 END WHERE id = ?",
        {std::string(domain::state_after_staff_reply(t.state)), at, at, t.id});
  audit(db, actor, {"create", "consultation_message", t.id, *kind});
}

ConsultationThread update_consultation_thread(store::Connection& db, const Actor& actor, const ConsultationThread& t,
                                              std::int64_t expected_version, const nlohmann::json& body) {
  Input in(body);
  auto state = in.has("state") ? in.choice("state", "相談の状況", domain::kConsultationState.values, true) : t.state;
  std::optional<std::string> assigned = t.assigned_to;
  if (in.has("assigned_to")) {
    assigned = in.opt_text("assigned_to", "担当", {.required = false, .max = 64});
    if (assigned && !db.query_one("SELECT 1 FROM users WHERE id = ? AND organisation_id = ? AND active = 1 AND "
                                  "role IN ('coordinator', 'supervisor')",
                                  {*assigned, t.organisation_id}))
      in.fail("assigned_to", "担当は、この組織の相談員か所長・主任相談員から選んでください。");
  }
  in.check();
  if (state && *state != t.state) {
    auto check = domain::check_move(domain::consultation_state_machine(), t.state, *state, domain::Party::kAny, "");
    if (check != domain::MoveCheck::kAllowed)
      throw Problem(409, "invalid_transition",
                    "「" + t.state + "」から「" + *state + "」には変えられません。" + std::string(domain::describe(check)));
  }
  if (t.version != expected_version) throw version_conflict(nlohmann::json(t));
  std::string at = now_utc();
  bool closing = *state == "終了" && t.state != "終了";
  auto changed = db.execute(
      "UPDATE consultation_threads SET state = ?, assigned_to = ?, closed_at = CASE WHEN ? = 1 THEN ? "
      "WHEN ? = '終了' THEN closed_at ELSE NULL END, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {*state, store::text_or_null(assigned), std::int64_t{closing ? 1 : 0}, at, *state, at, t.id, expected_version});
  if (changed == 0) throw version_conflict(nlohmann::json(*find_consultation_thread(db, t.id)));
  audit(db, actor, {"update", "consultation_thread", t.id, *state});
  return *find_consultation_thread(db, t.id);
}

std::string open_case_from_thread(store::Connection& db, const SealKey& key, const Actor& actor,
                                  const ConsultationThread& t, const nlohmann::json& body) {
  if (!t.details_at)
    throw Problem(409, "details_not_given",
                  "相談者が名前や連絡先を伝えることを選ぶまで、この相談は匿名のままです。ケースにはできません。");
  if (t.case_id) throw Problem(409, "case_already_opened", "この相談からは、すでにケースが作られています。");
  Input in(body);
  auto title = in.opt_text("title", "ケース名", {.required = false, .max = 100});
  in.check();
  std::string route = t.writer == "本人" ? "本人" : t.writer == "家族" ? "家族" : "その他";
  auto c = create_case(db, key, actor,
                       {{"title", title.value_or("オンライン相談から（" + t.reference() + "）")},
                        {"intake_route", route},
                        {"subject_awareness", t.writer == "本人" ? "知っている" : "不明"}});
  std::string at = now_utc();
  db.execute("UPDATE consultation_threads SET case_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
             {c.summary.id, at, t.id});
  link_consultation_to_case(db, t.id, c.summary.id);
  db.execute(
      "INSERT INTO consultation_messages (id, thread_id, author, staff_id, body, urgent, sent_at) VALUES (?,?,?,?,?,0,?)",
      {random_id(), t.id, std::string("note"), actor.user_id, "この相談からケースを作りました: " + c.summary.title, at});
  audit(db, actor, {"create", "case_from_consultation", t.id, c.summary.id});
  return c.summary.id;
}

nlohmann::json consultation_templates(store::Connection& db, const std::string& organisation_id) {
  auto out = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT id, title, body FROM consultation_templates WHERE organisation_id = ? ORDER BY title, id",
           {organisation_id}))
    out.push_back({{"id", r.text(0)}, {"title", r.text(1)}, {"body", r.text(2)}});
  return out;
}

nlohmann::json create_consultation_template(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  std::string title = in.text("title", "題名", {.required = true, .max = 60});
  std::string text = in.text("body", "本文", {.required = true, .max = kMaxReply, .multiline = true});
  in.check();
  std::string id = random_id();
  db.execute("INSERT INTO consultation_templates (id, organisation_id, title, body, created_at) VALUES (?,?,?,?,?)",
             {id, actor.organisation_id, title, text, now_utc()});
  audit(db, actor, {"create", "consultation_template", id, ""});
  return {{"id", id}, {"title", title}, {"body", text}};
}

void delete_consultation_template(store::Connection& db, const Actor& actor, const std::string& id) {
  if (id.size() > 64) throw not_found();
  auto changed = db.execute("DELETE FROM consultation_templates WHERE id = ? AND organisation_id = ?",
                            {id, actor.organisation_id});
  if (changed == 0) throw not_found();
  audit(db, actor, {"delete", "consultation_template", id, ""});
}

}  // namespace tsunagu::service
