// Registered participants of a group, attendance and anonymous headcounts
// of its sessions, series completion, and attendance on a case's timeline.
#include <algorithm>
#include <map>
#include <set>

#include "domain/age_band.h"
#include "domain/group.h"
#include "domain/person.h"
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

constexpr std::size_t kMaxAttendance = 500;
constexpr std::int64_t kMaxHeadcount = 10000;

constexpr char kSelect[] =
    "SELECT p.id, p.group_id, p.organisation_id, p.case_id, c.title, c.current_stage, p.nickname, p.side, "
    "p.age_band, p.sex, p.municipality_area_id, a.name, p.joined_on, p.left_on, p.left_note, p.version, "
    "p.created_at, p.updated_at FROM group_participants p LEFT JOIN cases c ON c.id = p.case_id "
    "LEFT JOIN areas a ON a.id = p.municipality_area_id";

GroupParticipant from_row(const store::Row& r) {
  GroupParticipant p;
  p.id = r.text(0);
  p.group_id = r.text(1);
  p.organisation_id = r.text(2);
  p.case_id = r.opt_text(3);
  p.case_title = r.opt_text(4);
  p.case_stage = r.opt_text(5);
  p.nickname = r.opt_text(6);
  p.side = r.text(7);
  p.age_band = r.opt_text(8);
  p.sex = r.opt_text(9);
  p.municipality_area_id = r.opt_text(10);
  p.municipality_name = r.opt_text(11);
  p.joined_on = r.text(12);
  p.left_on = r.opt_text(13);
  p.left_note = r.opt_text(14);
  p.version = r.integer(15);
  p.created_at = r.text(16);
  p.updated_at = r.text(17);
  return p;
}

domain::Date day(const std::string& iso) { return *domain::parse_iso_date(iso); }

bool expected(const GroupParticipant& p, const std::string& held_on) {
  std::optional<domain::Date> left;
  if (p.left_on) left = day(*p.left_on);
  return domain::expected_at(day(p.joined_on), left, day(held_on));
}

// The participant's own fields; a case must be of the group's organisation.
struct Fields {
  std::optional<std::string> case_id, nickname, age_band, sex, municipality;
  std::string side, joined_on;
  std::optional<std::string> left_on, left_note;
};

Fields read_fields(store::Connection& db, const Actor& actor, const Group& g, Input& in, const GroupParticipant* current) {
  Fields f;
  if (current)
    f = {current->case_id, current->nickname, current->age_band, current->sex, current->municipality_area_id,
         current->side, current->joined_on, current->left_on, current->left_note};
  const bool create = current == nullptr;
  auto given = [&](const char* k) { return create || in.has(k); };
  if (given("case_id")) {
    auto given_case = in.opt_text("case_id", "ケース", {.required = false, .max = 64});
    if (!sees_case_links(actor)) {
      // Theirs to keep as it is, not to make or undo.
      if (given_case) in.fail("case_id", "ケースとの結び付けは、相談員・所長等が行います。呼び名で登録してください。");
    } else {
      f.case_id = given_case;
    }
    if (f.case_id && sees_case_links(actor)) {
      auto c = db.query_one("SELECT organisation_id FROM cases WHERE id = ?", {*f.case_id});
      // Another organisation's case is refused with the same words as a
      // missing one: whether it exists is not this organisation's to know.
      if (!c || c->text(0) != g.organisation_id)
        in.fail("case_id", "ケースが見つかりません。結び付けられるのは、このグループの組織のケースだけです。");
      else if (db.query_one("SELECT 1 FROM group_participants WHERE group_id = ? AND case_id = ? AND left_on IS NULL "
                            "AND id <> ?",
                            {g.id, *f.case_id, current ? current->id : std::string()}))
        in.fail("case_id", "このケースは、すでにこのグループの参加者として登録されています。");
    }
  }
  if (given("nickname")) f.nickname = in.opt_text("nickname", "呼び名", {.required = false, .max = 50});
  if (given("side")) f.side = in.choice("side", "本人・家族の別", domain::kParticipantSide.values, true).value_or("");
  if (given("age_band")) f.age_band = in.choice("age_band", "年代", domain::kPersonAgeBand.values, false);
  if (given("sex")) f.sex = in.choice("sex", "性別", domain::kSex.values, false);
  if (given("municipality_area_id")) {
    f.municipality = in.opt_text("municipality_area_id", "お住まいの市町村", {.required = false, .max = 64});
    auto a = f.municipality ? db.query_one("SELECT level FROM areas WHERE id = ?", {*f.municipality}) : std::nullopt;
    if (f.municipality && (!a || a->text(0) != "municipality"))
      in.fail("municipality_area_id", "お住まいの市町村は、市区町村として登録された地域から選んでください。");
  }
  if (create) f.joined_on = in.past_day_or_today("joined_on", "参加を始めた日", false);
  else if (in.has("joined_on"))
    f.joined_on = in.day_text("joined_on", "参加を始めた日", {.required = true, .not_future = true, .min_year = 2000}).value_or(f.joined_on);
  if (!create && in.has("left_on")) {
    f.left_on = in.day_text("left_on", "参加を終えた日", {.required = false, .not_future = true, .min_year = 2000});
    if (f.left_on && !f.joined_on.empty() && *f.left_on < f.joined_on)
      in.fail("left_on", "参加を終えた日は、参加を始めた日以降にしてください。");
  }
  if (!create && in.has("left_note"))
    f.left_note = in.opt_text("left_note", "終えたときのメモ", {.required = false, .max = 500});
  if (!f.case_id && !f.nickname)
    in.fail("nickname", "呼び名を入力するか、ケースを選んでください（本名は必要ありません）。");
  return f;
}

// How a participant is addressed in a message: 呼び名 often already end in
// さん (「ノリさん」); さん is added only when no honorific is there.
std::string addressed(const std::string& name) {
  for (std::string_view h : {"さん", "くん", "君", "ちゃん", "様", "さま"})
    if (name.size() >= h.size() && name.compare(name.size() - h.size(), h.size(), h) == 0) return name;
  if (name.rfind("（", 0) == 0) return name;  // （呼び名なし）
  return name + "さん";
}

std::string group_label(const std::string& kind, const std::string& name) {
  return kind + "「" + name + "」";
}

}  // namespace

bool sees_case_links(const Actor& actor) { return actor.role != domain::Role::ibasho_staff; }

GroupParticipant GroupParticipant::as_seen_by(const Actor& viewer) const {
  GroupParticipant p = *this;
  if (!sees_case_links(viewer)) p.case_id = p.case_title = p.case_stage = std::nullopt;
  return p;
}

std::string GroupParticipant::display_name() const {
  if (nickname) return *nickname;
  return case_title.value_or("（呼び名なし）");
}

void to_json(nlohmann::json& j, const GroupParticipant& p) {
  j = {{"id", p.id},
       {"group_id", p.group_id},
       {"organisation_id", p.organisation_id},
       {"display_name", p.display_name()},
       {"nickname", nj(p.nickname)},
       {"case_id", nj(p.case_id)},
       {"case_title", nj(p.case_title)},
       {"case_stage", nj(p.case_stage)},
       {"side", p.side},
       {"age_band", nj(p.age_band)},
       {"sex", nj(p.sex)},
       {"municipality_area_id", nj(p.municipality_area_id)},
       {"municipality_name", nj(p.municipality_name)},
       {"joined_on", p.joined_on},
       {"left_on", nj(p.left_on)},
       {"left_note", nj(p.left_note)},
       {"version", p.version},
       {"created_at", p.created_at},
       {"updated_at", p.updated_at}};
}

std::optional<GroupParticipant> find_participant(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<GroupParticipant> participants_of_group(store::Connection& db, const Actor& actor, const Group& g) {
  std::vector<GroupParticipant> out;
  for (const auto& r : db.query(std::string(kSelect) +
                                    " WHERE p.group_id = ? ORDER BY CASE WHEN p.left_on IS NULL THEN 0 ELSE 1 END, "
                                    "p.joined_on, p.created_at, p.id LIMIT 2000",
                                {g.id}))
    out.push_back(from_row(r).as_seen_by(actor));
  audit(db, actor, {"read", "group_participant", "", "group " + g.id});
  return out;
}

GroupParticipant create_participant(store::Connection& db, const Actor& actor, const Group& g,
                                    const nlohmann::json& body) {
  Input in(body);
  Fields f = read_fields(db, actor, g, in, nullptr);
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO group_participants (id, group_id, organisation_id, case_id, nickname, side, age_band, sex, "
      "municipality_area_id, joined_on, created_by, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, g.id, g.organisation_id, store::text_or_null(f.case_id), store::text_or_null(f.nickname), f.side,
       store::text_or_null(f.age_band), store::text_or_null(f.sex), store::text_or_null(f.municipality), f.joined_on,
       actor.user_id, now, now});
  audit(db, actor, {"create", "group_participant", id, g.id});
  return find_participant(db, id)->as_seen_by(actor);
}

GroupParticipant update_participant(store::Connection& db, const Actor& actor, const GroupParticipant& p,
                                    std::int64_t expected_version, const nlohmann::json& body) {
  auto g = find_group(db, p.group_id);
  Input in(body);
  Fields f = read_fields(db, actor, *g, in, &p);
  // Attendance already kept must stay inside the participation.
  if (auto first = db.query_one("SELECT MIN(held_on), MAX(held_on) FROM group_attendance WHERE participant_id = ?",
                                {p.id});
      first && !first->is_null(0)) {
    if (f.joined_on > first->text(0))
      in.fail("joined_on", "参加を始めた日より前の回（" + first->text(0) + "）に出欠の記録があります。");
    if (f.left_on && *f.left_on < first->text(1))
      in.fail("left_on", "参加を終えた日より後の回（" + first->text(1) + "）に出欠の記録があります。");
  }
  in.check();
  if (p.version != expected_version) throw version_conflict(p.as_seen_by(actor));
  auto changed = db.execute(
      "UPDATE group_participants SET case_id = ?, nickname = ?, side = ?, age_band = ?, sex = ?, "
      "municipality_area_id = ?, joined_on = ?, left_on = ?, left_note = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {store::text_or_null(f.case_id), store::text_or_null(f.nickname), f.side, store::text_or_null(f.age_band),
       store::text_or_null(f.sex), store::text_or_null(f.municipality), f.joined_on, store::text_or_null(f.left_on),
       store::text_or_null(f.left_note), now_utc(), p.id, expected_version});
  if (changed == 0) throw version_conflict(find_participant(db, p.id)->as_seen_by(actor));
  audit(db, actor, {"update", "group_participant", p.id, f.left_on ? "left" : ""});
  return find_participant(db, p.id)->as_seen_by(actor);
}

nlohmann::json linkable_cases(store::Connection& db, const Actor& actor, const Group& g, const std::string& q) {
  auto items = nlohmann::json::array();
  // Title and stage only, for the staff who link a participant to a case.
  for (const auto& r : db.query(
           "SELECT id, title, current_stage FROM cases WHERE organisation_id = ? AND status IN ('受付', '継続支援', '見守り') "
           "AND (? = '' OR title LIKE ?) ORDER BY title, id LIMIT 50",
           {g.organisation_id, q, "%" + q + "%"}))
    items.push_back({{"id", r.text(0)}, {"title", r.text(1)}, {"stage", nj(r.opt_text(2))}});
  audit(db, actor, {"read", "case", "", "group " + g.id + " linkable"});
  return {{"items", items}, {"next_cursor", nullptr}};
}

nlohmann::json session_checkin(store::Connection& db, const Actor& actor, const Group& g, const GroupSession& s) {
  std::map<std::string, std::string> status;
  for (const auto& r : db.query("SELECT participant_id, status FROM group_attendance WHERE session_id = ?", {s.id}))
    status[r.text(0)] = r.text(1);
  std::map<std::string, std::set<int>> series;
  if (g.series_total)
    for (const auto& r : db.query(
             "SELECT a.participant_id, s.series_number FROM group_attendance a JOIN group_sessions s ON s.id = a.session_id "
             "WHERE a.group_id = ? AND a.status = '出席' AND s.series_number IS NOT NULL",
             {g.id}))
      series[r.text(0)].insert(static_cast<int>(r.integer(1)));
  auto people = nlohmann::json::array();
  for (const auto& r : db.query(std::string(kSelect) + " WHERE p.group_id = ? ORDER BY p.joined_on, p.created_at, p.id",
                                {g.id})) {
    auto p = from_row(r);
    auto it = status.find(p.id);
    // Someone who joined after the session (or left before it) was not
    // expected there: not listed, never absent — unless an answer exists.
    if (!expected(p, s.held_on) && it == status.end()) continue;
    nlohmann::json j = p.as_seen_by(actor);
    j["status"] = it == status.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
    if (g.series_total) {
      auto sp = domain::series_progress(static_cast<int>(*g.series_total),
                                        static_cast<int>(g.series_required.value_or(*g.series_total)), series[p.id]);
      j["series"] = {{"attended", sp.attended}, {"total", sp.total}, {"required", sp.required},
                     {"completed", sp.completed}};
    }
    people.push_back(j);
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  for (const auto& r : db.query("SELECT side, visit, count FROM group_headcounts WHERE session_id = ?", {s.id}))
    counts[{r.text(0), r.text(1)}] = r.integer(2);
  auto headcounts = nlohmann::json::array();
  for (auto side : domain::kParticipantSideValues)
    for (auto visit : domain::kVisitKindValues) {
      auto it = counts.find({std::string(side), std::string(visit)});
      headcounts.push_back({{"side", side}, {"visit", visit}, {"count", it == counts.end() ? 0 : it->second}});
    }
  auto check = domain::check_attendance(s.state, day(s.held_on), day(today_tokyo()));
  audit(db, actor, {"read", "group_session", s.id, "check-in"});
  return {{"session", s},
          {"group", {{"id", g.id}, {"name", g.name}, {"kind", g.kind}, {"audience", g.audience},
                     {"series_total", nj(g.series_total)}, {"series_required", nj(g.series_required)}}},
          {"participants", people},
          {"headcounts", headcounts},
          {"can_record", check == domain::AttendanceCheck::kOk},
          {"why_not",
           check == domain::AttendanceCheck::kCancelled ? nlohmann::json("この回は中止になっています。")
           : check == domain::AttendanceCheck::kFuture  ? nlohmann::json("開催日の前のため、まだ記録できません。")
                                                        : nlohmann::json(nullptr)}};
}

GroupSession record_attendance(store::Connection& db, const Actor& actor, const GroupSession& s,
                               std::int64_t expected_version, const nlohmann::json& body) {
  switch (domain::check_attendance(s.state, day(s.held_on), day(today_tokyo()))) {
    case domain::AttendanceCheck::kOk: break;
    case domain::AttendanceCheck::kCancelled:
      throw Problem(409, "session_cancelled", "この回は中止になっているため、出欠や人数は記録できません。開催した場合は、先に状況を「予定」に戻してください。");
    case domain::AttendanceCheck::kFuture:
      throw Problem(409, "session_in_future", "開催日（" + s.held_on + "）の前のため、まだ出欠や人数は記録できません。");
    case domain::AttendanceCheck::kUnknownState: throw Problem(500, "internal_error", "開催の状況が読み取れません。");
  }
  Input in(body);
  struct Answer {
    std::string participant_id;
    std::optional<std::string> status;
  };
  std::vector<Answer> answers;
  std::set<std::string> seen;
  if (body.contains("attendance") && !body["attendance"].is_null()) {
    const auto& items = body["attendance"];
    if (!items.is_array() || items.size() > kMaxAttendance) {
      in.fail("attendance", "出欠は配列（" + std::to_string(kMaxAttendance) + "人まで）で指定してください。");
    } else {
      for (std::size_t i = 0; i < items.size(); ++i) {
        std::string field = "attendance[" + std::to_string(i) + "]";
        const auto& a = items[i];
        if (!a.is_object() || !a.contains("participant_id") || !a["participant_id"].is_string()) {
          in.fail(field + ".participant_id", "出欠の" + std::to_string(i + 1) + "件目に参加者の指定がありません。");
          continue;
        }
        Input one(a);
        Answer ans{a["participant_id"].get<std::string>(), one.choice("status", "出欠", domain::kAttendanceStatus.values, false)};
        try {
          one.check();
        } catch (const Problem& p) {
          for (const auto& e : p.errors) in.fail(field + "." + e.field, e.detail);
          continue;
        }
        auto p = ans.participant_id.size() <= 64 ? find_participant(db, ans.participant_id) : std::nullopt;
        if (!p || p->group_id != s.group_id) {
          in.fail(field + ".participant_id", "このグループの参加者ではない人が含まれています。");
          continue;
        }
        if (!seen.insert(p->id).second) {
          in.fail(field + ".participant_id", addressed(p->as_seen_by(actor).display_name()) + "が2回指定されています。");
          continue;
        }
        if (ans.status && !expected(*p, s.held_on)) {
          in.fail(field + ".participant_id", addressed(p->as_seen_by(actor).display_name()) + "はこの回の時点で参加者ではありません（" +
                                                 (p->joined_on > s.held_on ? p->joined_on + "から参加" : "参加を終えています") + "）。");
          continue;
        }
        answers.push_back(std::move(ans));
      }
    }
  }
  struct Count {
    std::string side, visit;
    std::int64_t count;
  };
  std::vector<Count> counts;
  if (body.contains("headcounts") && !body["headcounts"].is_null()) {
    const auto& items = body["headcounts"];
    if (!items.is_array() || items.size() > 20) {
      in.fail("headcounts", "人数は配列で指定してください。");
    } else {
      std::set<std::pair<std::string, std::string>> kinds;
      for (std::size_t i = 0; i < items.size(); ++i) {
        std::string field = "headcounts[" + std::to_string(i) + "]";
        if (!items[i].is_object()) {
          in.fail(field, "人数の" + std::to_string(i + 1) + "件目が読み取れません。");
          continue;
        }
        Input one(items[i]);
        auto side = one.choice("side", "本人・家族の別", domain::kParticipantSide.values, true);
        auto visit = one.choice("visit", "来所の回数", domain::kVisitKindValues, true);
        auto n = one.integer("count", "人数", true, 0, kMaxHeadcount);
        try {
          one.check();
        } catch (const Problem& p) {
          for (const auto& e : p.errors)
            in.fail(field + "." + e.field, e.field == "count" ? "人数は0から" + std::to_string(kMaxHeadcount) +
                                                                     "までの整数で入力してください。"
                                                               : e.detail);
          continue;
        }
        if (!kinds.insert({*side, *visit}).second) {
          in.fail(field, *side + "・" + *visit + "の人数が2回指定されています。");
          continue;
        }
        counts.push_back({*side, *visit, *n});
      }
    }
  }
  in.check();
  if (s.version != expected_version) throw version_conflict(s);
  auto now = now_utc();
  auto changed = db.execute(
      "UPDATE group_sessions SET state = '実施', version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {now, s.id, expected_version});
  if (changed == 0) throw version_conflict(*find_session(db, s.id));
  for (const auto& a : answers) {
    db.execute("DELETE FROM group_attendance WHERE session_id = ? AND participant_id = ?", {s.id, a.participant_id});
    if (a.status)
      db.execute(
          "INSERT INTO group_attendance (session_id, participant_id, group_id, organisation_id, held_on, status, "
          "recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?)",
          {s.id, a.participant_id, s.group_id, s.organisation_id, s.held_on, *a.status, actor.user_id, now});
  }
  // Each answered participant's first visit ever, for first-time visitors.
  for (const auto& a : answers)
    db.execute(
        "UPDATE group_participants SET first_present_on = (SELECT MIN(held_on) FROM group_attendance "
        "WHERE participant_id = ? AND status = '出席') WHERE id = ?",
        {a.participant_id, a.participant_id});
  for (const auto& c : counts) {
    db.execute("DELETE FROM group_headcounts WHERE session_id = ? AND side = ? AND visit = ?", {s.id, c.side, c.visit});
    if (c.count > 0)
      db.execute(
          "INSERT INTO group_headcounts (session_id, group_id, organisation_id, held_on, side, visit, count) "
          "VALUES (?,?,?,?,?,?,?)",
          {s.id, s.group_id, s.organisation_id, s.held_on, c.side, c.visit, c.count});
  }
  audit(db, actor, {"update", "group_attendance", s.id,
                    std::to_string(answers.size()) + "人・人数" + std::to_string(counts.size()) + "区分"});
  return *find_session(db, s.id);
}

nlohmann::json series_completion(store::Connection& db, const Actor& actor, const Group& g) {
  auto items = nlohmann::json::array();
  if (!g.series_total) return items;
  std::map<std::string, std::set<int>> attended;
  for (const auto& r : db.query(
           "SELECT a.participant_id, s.series_number FROM group_attendance a JOIN group_sessions s ON s.id = a.session_id "
           "WHERE a.group_id = ? AND a.status = '出席' AND s.series_number IS NOT NULL",
           {g.id}))
    attended[r.text(0)].insert(static_cast<int>(r.integer(1)));
  for (const auto& r : db.query(std::string(kSelect) + " WHERE p.group_id = ? ORDER BY p.joined_on, p.id", {g.id})) {
    auto p = from_row(r).as_seen_by(actor);
    auto sp = domain::series_progress(static_cast<int>(*g.series_total),
                                      static_cast<int>(g.series_required.value_or(*g.series_total)), attended[p.id]);
    items.push_back({{"participant_id", p.id}, {"display_name", p.display_name()}, {"left_on", nj(p.left_on)},
                     {"attended", sp.attended}, {"total", sp.total}, {"required", sp.required},
                     {"completed", sp.completed}});
  }
  return items;
}

std::vector<nlohmann::json> group_timeline_items(store::Connection& db, const std::string& case_id) {
  std::vector<nlohmann::json> out;
  // The case's own organisation: its groups' attendance of the participants linked to the case.
  for (const auto& r : db.query(
           "SELECT a.session_id, a.held_on, a.recorded_at, g.kind, g.name, p.side, a.recorded_by, u.display_name, "
           "o.name FROM group_participants p JOIN group_attendance a ON a.participant_id = p.id "
           "JOIN groups g ON g.id = p.group_id JOIN organisations o ON o.id = g.organisation_id "
           "LEFT JOIN users u ON u.id = a.recorded_by WHERE p.case_id = ? AND a.status = '出席'",
           {case_id}))
    out.push_back({{"kind", "group"}, {"on", r.text(1)}, {"at", r.text(2)},
                   {"summary", group_label(r.text(3), r.text(4)) + "に参加（" + r.text(5) + "）"},
                   {"ref_id", r.text(0)}, {"by_id", r.text(6)}, {"by", nj(r.opt_text(7))},
                   {"organisation_name", r.text(8)}});
  // Another organisation's groups, only through a referral of this case on
  // 本人同意 that still holds and that the receiver linked to its own case:
  // the day, the group and its organisation — no 呼び名, no notes, no staff.
  for (const auto& r : db.query(
           "SELECT a.held_on, a.recorded_at, g.kind, g.name, o.name, a.session_id FROM referrals f "
           "JOIN consents k ON k.id = f.consent_id "
           "JOIN group_participants p ON p.case_id = f.receiver_case_id AND p.organisation_id = f.receiving_organisation_id "
           "JOIN group_attendance a ON a.participant_id = p.id JOIN groups g ON g.id = p.group_id "
           "JOIN organisations o ON o.id = g.organisation_id "
           "WHERE f.case_id = ? AND f.basis = '本人同意' AND k.withdrawn_at IS NULL "
           "AND f.state NOT IN ('取消', '辞退') AND a.status = '出席'",
           {case_id}))
    out.push_back({{"kind", "group"}, {"on", r.text(0)}, {"at", r.text(1)},
                   {"summary", r.text(4) + "の" + group_label(r.text(2), r.text(3)) + "に参加（本人同意にもとづく共有）"},
                   {"ref_id", r.text(5)}, {"by_id", ""}, {"by", nullptr}, {"organisation_name", r.text(4)}});
  return out;
}

}  // namespace tsunagu::service
