// Sessions of a group: generated from its schedule, or added by hand, and
// edited one by one (state, staff on duty, room, a short note).
#include <algorithm>

#include "domain/date.h"
#include "domain/group.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/groups.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxStaff = 30;
constexpr std::int64_t kMaxGenerateDays = 366;

constexpr char kSelect[] =
    "SELECT s.id, s.group_id, s.organisation_id, s.held_on, s.starts, s.ends, s.state, s.cancel_reason, s.room, "
    "s.note, s.title, s.series_number, s.staff, s.version, s.created_at, s.updated_at, "
    "(SELECT COUNT(*) FROM group_attendance a WHERE a.session_id = s.id AND a.status = '出席'), "
    "(SELECT COALESCE(SUM(h.count), 0) FROM group_headcounts h WHERE h.session_id = s.id) "
    "FROM group_sessions s";

GroupSession from_row(const store::Row& r) {
  GroupSession s;
  s.id = r.text(0);
  s.group_id = r.text(1);
  s.organisation_id = r.text(2);
  s.held_on = r.text(3);
  s.starts = r.opt_text(4);
  s.ends = r.opt_text(5);
  s.state = r.text(6);
  s.cancel_reason = r.opt_text(7);
  s.room = r.opt_text(8);
  s.note = r.opt_text(9);
  s.title = r.opt_text(10);
  s.series_number = r.opt_integer(11);
  for (const auto& u : nlohmann::json::parse(r.text(12))) s.staff.push_back(u.get<std::string>());
  s.version = r.integer(13);
  s.created_at = r.text(14);
  s.updated_at = r.text(15);
  s.present = r.integer(16);
  s.anonymous = r.integer(17);
  return s;
}

std::optional<std::string> clock_time(Input& in, const char* field, const std::string& label) {
  auto t = in.opt_text(field, label, {.required = false, .max = 5});
  if (t && !domain::is_clock_time(*t)) {
    in.fail(field, label + "は 13:00 のように入力してください。");
    return std::nullopt;
  }
  return t;
}

// Staff on duty: users of the group's organisation.
std::optional<std::vector<std::string>> read_staff(store::Connection& db, Input& in, const nlohmann::json& body,
                                                   const std::string& organisation_id) {
  if (!body.contains("staff")) return std::nullopt;
  std::vector<std::string> out;
  const auto& v = body["staff"];
  if (v.is_null()) return out;
  if (!v.is_array() || v.size() > kMaxStaff) {
    in.fail("staff", "担当したスタッフは利用者IDの配列（" + std::to_string(kMaxStaff) + "人まで）で指定してください。");
    return std::nullopt;
  }
  for (const auto& u : v) {
    auto id = u.is_string() ? u.get<std::string>() : std::string();
    auto row = id.empty() || id.size() > 64 ? std::nullopt
                                            : db.query_one("SELECT organisation_id FROM users WHERE id = ?", {id});
    if (!row || row->text(0) != organisation_id) {
      in.fail("staff", "担当したスタッフは、このグループの組織の利用者から選んでください。");
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

std::int64_t attendance_rows(store::Connection& db, const std::string& session_id) {
  auto a = db.query_one("SELECT COUNT(*) FROM group_attendance WHERE session_id = ?", {session_id});
  auto h = db.query_one("SELECT COUNT(*) FROM group_headcounts WHERE session_id = ? AND count > 0", {session_id});
  return a->integer(0) + h->integer(0);
}

GroupSession insert_session(store::Connection& db, const std::string& group_id, const std::string& organisation_id,
                            const std::string& held_on, const std::optional<std::string>& starts,
                            const std::optional<std::string>& ends, const std::optional<std::string>& room,
                            const std::optional<std::string>& title, std::optional<std::int64_t> series_number,
                            const std::optional<std::string>& note) {
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO group_sessions (id, group_id, organisation_id, held_on, starts, ends, state, room, note, title, "
      "series_number, staff, version, created_at, updated_at) VALUES (?,?,?,?,?,?,'予定',?,?,?,?,'[]',1,?,?)",
      {id, group_id, organisation_id, held_on, store::text_or_null(starts), store::text_or_null(ends),
       store::text_or_null(room), store::text_or_null(note), store::text_or_null(title),
       series_number ? store::Value{*series_number} : store::null(), now, now});
  return *find_session(db, id);
}

}  // namespace

void to_json(nlohmann::json& j, const GroupSession& s) {
  j = {{"id", s.id},
       {"group_id", s.group_id},
       {"organisation_id", s.organisation_id},
       {"held_on", s.held_on},
       {"starts", nj(s.starts)},
       {"ends", nj(s.ends)},
       {"state", s.state},
       {"cancel_reason", nj(s.cancel_reason)},
       {"room", nj(s.room)},
       {"note", nj(s.note)},
       {"title", nj(s.title)},
       {"series_number", nj(s.series_number)},
       {"staff", s.staff},
       {"present", s.present},
       {"anonymous", s.anonymous},
       {"version", s.version},
       {"created_at", s.created_at},
       {"updated_at", s.updated_at}};
}

std::optional<GroupSession> find_session(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE s.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<GroupSession> sessions_of_group(store::Connection& db, const std::string& group_id,
                                            const std::string& from, const std::string& to) {
  std::vector<GroupSession> out;
  for (const auto& r : db.query(std::string(kSelect) +
                                    " WHERE s.group_id = ? AND s.held_on >= ? AND s.held_on <= ? "
                                    "ORDER BY s.held_on, s.starts, s.id LIMIT 1000",
                                {group_id, from, to.empty() ? std::string("9999-12-31") : to}))
    out.push_back(from_row(r));
  return out;
}

GroupSession create_session(store::Connection& db, const Actor& actor, const Group& g, const nlohmann::json& body) {
  Input in(body);
  auto held_on = in.day_text("held_on", "開催日", {.required = true, .not_future = false, .min_year = 2000});
  auto starts = clock_time(in, "starts", "開始時刻");
  auto ends = clock_time(in, "ends", "終了時刻");
  auto room = in.opt_text("room", "部屋", {.required = false, .max = 100});
  auto title = in.opt_text("title", "回のテーマ", {.required = false, .max = 200});
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  auto number = in.integer("series_number", "第何回", false, 1, g.series_total.value_or(100));
  if (number && !g.series_total) in.fail("series_number", "回の番号は、回数の決まったプログラムにだけ付けられます。");
  in.check();
  const auto from = starts ? starts : g.starts;
  // The same day and start twice would split one gathering's attendance
  // over two records and count it twice; a morning and an afternoon are two.
  if (db.query_one("SELECT 1 FROM group_sessions WHERE group_id = ? AND held_on = ? AND state <> '中止' "
                   "AND COALESCE(starts, '') = ?",
                   {g.id, *held_on, from.value_or("")}))
    throw invalid({{"held_on", "この日" + (from ? "の" + *from + "から" : std::string()) +
                                   "の回は、すでにあります。同じ日にもう1回開くときは、開始時刻を変えてください。"}});
  auto s = insert_session(db, g.id, g.organisation_id, *held_on, from, ends ? ends : g.ends, room, title, number, note);
  audit(db, actor, {"create", "group_session", s.id, g.id});
  return s;
}

std::vector<GroupSession> generate_sessions(store::Connection& db, const Actor& actor, const Group& g,
                                            const nlohmann::json& body) {
  Input in(body);
  auto from = in.date("from", "開始日", {.required = true, .not_future = false, .min_year = 2000});
  auto to = in.date("to", "終了日", {.required = true, .not_future = false, .min_year = 2000});
  if (g.schedule_weekdays.empty())
    in.fail("from", "定例の日程が登録されていません。グループの設定で曜日と時間を登録してから作成してください。");
  if (from && to) {
    auto span = domain::days_since_epoch(*to) - domain::days_since_epoch(*from);
    if (span < 0) in.fail("to", "終了日は開始日以降にしてください。");
    else if (span >= kMaxGenerateDays) in.fail("to", "一度に作成できるのは1年分（366日）までです。");
  }
  in.check();
  domain::Schedule sched{{g.schedule_weekdays.begin(), g.schedule_weekdays.end()},
                         {g.schedule_weeks.begin(), g.schedule_weeks.end()},
                         g.starts.value_or(""),
                         g.ends.value_or("")};
  std::int64_t number = 0;
  if (g.series_total) {
    auto last = db.query_one("SELECT MAX(series_number) FROM group_sessions WHERE group_id = ?", {g.id});
    number = last ? last->integer(0) : 0;
  }
  std::vector<GroupSession> out;
  for (const auto& day : domain::schedule_days(sched, *from, *to)) {
    auto text = domain::format_iso_date(day);
    if (db.query_one("SELECT 1 FROM group_sessions WHERE group_id = ? AND held_on = ?", {g.id, text})) continue;
    std::optional<std::int64_t> n;
    if (g.series_total) {
      if (number >= *g.series_total) break;  // the programme is complete
      n = ++number;
    }
    out.push_back(insert_session(db, g.id, g.organisation_id, text, g.starts, g.ends, std::nullopt, std::nullopt, n,
                                 std::nullopt));
  }
  audit(db, actor, {"create", "group_session", "", g.id + " 日程から" + std::to_string(out.size()) + "回"});
  return out;
}

GroupSession update_session(store::Connection& db, const Actor& actor, const GroupSession& s,
                            std::int64_t expected_version, const nlohmann::json& body) {
  Input in(body);
  std::string state = s.state;
  std::optional<std::string> reason = s.cancel_reason;
  if (in.has("state")) state = in.choice("state", "開催の状況", domain::kSessionState.values, true).value_or(s.state);
  if (in.has("cancel_reason")) reason = in.opt_text("cancel_reason", "中止の理由", {.required = false, .max = 500});
  auto held_on = in.has("held_on") ? in.day_text("held_on", "開催日", {.required = true, .not_future = false, .min_year = 2000})
                                   : std::optional(s.held_on);
  auto starts = in.has("starts") ? clock_time(in, "starts", "開始時刻") : s.starts;
  auto ends = in.has("ends") ? clock_time(in, "ends", "終了時刻") : s.ends;
  auto room = in.has("room") ? in.opt_text("room", "部屋", {.required = false, .max = 100}) : s.room;
  auto note = in.has("note") ? in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true}) : s.note;
  auto title = in.has("title") ? in.opt_text("title", "回のテーマ", {.required = false, .max = 200}) : s.title;
  auto number = in.has("series_number") ? in.integer("series_number", "第何回", false, 1, 100) : s.series_number;
  auto staff = read_staff(db, in, body, s.organisation_id).value_or(s.staff);
  in.check();
  if (state != s.state) {
    auto check = domain::check_move(domain::session_state_machine(), s.state, state, domain::Party::kAny,
                                    reason.value_or(""));
    if (check == domain::MoveCheck::kReasonRequired)
      throw invalid({{"cancel_reason", "中止にするときは理由を入力してください（例：台風のため）。"}});
    if (check != domain::MoveCheck::kAllowed)
      throw Problem(409, "invalid_transition",
                    "「" + s.state + "」から「" + state + "」には変えられません。" + std::string(domain::describe(check)));
    if (s.state == "実施" && attendance_rows(db, s.id) > 0)
      throw Problem(409, "session_has_attendance",
                    "出欠や人数が記録されているため、「予定」に戻せません。先に出欠の記録を消してください。");
  }
  if (state != "中止") reason.reset();
  if (held_on && *held_on != s.held_on && attendance_rows(db, s.id) > 0)
    throw Problem(409, "session_has_attendance", "出欠や人数が記録されているため、開催日は変えられません。");
  if (s.version != expected_version) throw version_conflict(s);
  auto changed = db.execute(
      "UPDATE group_sessions SET state = ?, cancel_reason = ?, held_on = ?, starts = ?, ends = ?, room = ?, note = ?, "
      "title = ?, series_number = ?, staff = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {state, store::text_or_null(reason), *held_on, store::text_or_null(starts), store::text_or_null(ends),
       store::text_or_null(room), store::text_or_null(note), store::text_or_null(title),
       number ? store::Value{*number} : store::null(), nlohmann::json(staff).dump(), now_utc(), s.id,
       expected_version});
  if (changed == 0) throw version_conflict(*find_session(db, s.id));
  audit(db, actor, {"update", "group_session", s.id, state});
  return *find_session(db, s.id);
}

}  // namespace tsunagu::service
