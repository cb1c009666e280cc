// Dispatches (派遣) of supporters from a case: candidates, booking without
// double booking, the state machine, and what the supporter sees
// (service/supporters.h).
#include <algorithm>

#include "domain/age_band.h"
#include "domain/matching.h"
#include "service/audit.h"
#include "domain/contact.h"
#include "domain/validation.h"
#include "service/clock.h"
#include "service/consents.h"
#include "service/contacts.h"
#include "service/dispatch_basis.h"
#include "service/dispatch_wishes.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/secrets.h"
#include "service/supporters.h"
#include "service/urgent_reports.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT d.id, d.organisation_id, d.case_id, c.title, d.group_session_id, g.name, d.supporter_id, s.name, s.user_id, d.activity, d.starts_at, "
    "d.ends_at, d.place, d.meeting_point, d.nickname, d.note_for_supporter, d.call_name, d.call_phone, d.wishes, "
    "d.consent_id, k.withdrawn_at, d.meeting_id, d.state, d.state_reason, d.requested_at, d.answered_at, d.done_at, d.reported_at, d.cancelled_at, "
    "d.report_text, d.report_mood, d.report_urgent, d.hours_minutes, d.transport_yen, d.reflection, d.report_contact_id, d.created_by, d.version, d.created_at, "
    "d.updated_at FROM dispatches d LEFT JOIN cases c ON c.id = d.case_id "
    "LEFT JOIN group_sessions gs ON gs.id = d.group_session_id LEFT JOIN groups g ON g.id = gs.group_id "
    "LEFT JOIN consents k ON k.id = d.consent_id JOIN supporters s ON s.id = d.supporter_id";

Dispatch from_row(const store::Row& r) {
  store::Cells c(r);
  Dispatch d;
  d.id = c.text();
  d.organisation_id = c.text();
  d.case_id = c.opt_text();
  d.case_title = c.opt_text();
  d.group_session_id = c.opt_text();
  d.group_name = c.opt_text();
  d.supporter_id = c.text();
  d.supporter_name = c.text();
  d.supporter_user_id = c.opt_text();
  d.activity = c.text();
  d.starts_at = c.text();
  d.ends_at = c.text();
  d.place = c.text();
  d.meeting_point = c.text();
  d.nickname = c.opt_text();
  d.note_for_supporter = c.opt_text();
  d.call_name = c.text();
  d.call_phone = c.text();
  d.wishes = nlohmann::json::parse(c.text(), nullptr, false);
  if (!d.wishes.is_object()) d.wishes = nlohmann::json::object();
  d.consent_id = c.opt_text();
  d.basis_withdrawn = c.opt_text().has_value();
  d.meeting_id = c.opt_text();
  d.state = c.text();
  d.state_reason = c.opt_text();
  d.requested_at = c.text();
  d.answered_at = c.opt_text();
  d.done_at = c.opt_text();
  d.reported_at = c.opt_text();
  d.cancelled_at = c.opt_text();
  d.report_text = c.opt_text();
  d.report_mood = c.opt_text();
  d.report_urgent = c.flag();
  d.hours_minutes = c.opt_integer();
  d.transport_yen = c.opt_integer();
  d.reflection = c.opt_text();
  d.report_contact_id = c.opt_text();
  d.created_by = c.text();
  d.version = c.integer();
  d.created_at = c.text();
  d.updated_at = c.text();
  return d;
}

bool valid_time(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

struct When {
  std::optional<domain::Date> day;
  std::string starts_at, ends_at;
};

// The day and the two times, as text fields of a body or a query.
template <class Reader>
When read_when(Reader& in, const std::optional<std::string>& starts, const std::optional<std::string>& ends,
               std::optional<domain::Date> day) {
  When w{day, "", ""};
  bool ok = true;  // the times are checked with or without a valid day
  if (!starts || !valid_time(*starts)) {
    in.fail("starts", "開始の時刻は 10:00 のように入力してください。");
    ok = false;
  }
  if (!ends || !valid_time(*ends)) {
    in.fail("ends", "終了の時刻は 12:00 のように入力してください。");
    ok = false;
  }
  if (ok && *ends <= *starts) {
    in.fail("ends", "終了の時刻は開始より後にしてください。");
    ok = false;
  }
  if (ok && day) {
    w.starts_at = domain::format_iso_date(*day) + "T" + *starts;
    w.ends_at = domain::format_iso_date(*day) + "T" + *ends;
  }
  return w;
}

domain::DispatchSubject subject_of(store::Connection& db, const std::string& case_id) {
  domain::DispatchSubject s;
  auto p = db.query_one(
      "SELECT p.sex, p.birth_date, p.age_band, p.district_id FROM cases c JOIN persons p ON p.id = c.subject_person_id "
      "WHERE c.id = ?",
      {case_id});
  if (!p) return s;
  s.sex = p->opt_text(0);
  auto birth = p->opt_text(1) ? domain::parse_iso_date(*p->opt_text(1)) : std::nullopt;
  auto today = domain::parse_iso_date(today_tokyo());
  if (birth && today) {
    if (auto a = domain::age_on(*birth, *today)) s.age_low = s.age_high = *a;
  } else if (auto band = p->opt_text(2)) {
    if (auto range = domain::age_range_of_band(*band)) {
      s.age_low = range->first;
      s.age_high = range->second;
    }
  }
  std::optional<std::string> id = p->opt_text(3);
  while (id && s.area_ids.size() < 5) {
    auto r = db.query_one("SELECT id, parent_id FROM areas WHERE id = ?", {*id});
    if (!r) break;
    s.area_ids.push_back(r->text(0));
    id = r->opt_text(1);
  }
  return s;
}

bool busy(store::Connection& db, const std::string& supporter_id, const When& w, const std::string& except_id = "") {
  return db
      .query_one(
          "SELECT 1 FROM dispatches WHERE supporter_id = ? AND id <> ? AND state IN ('依頼', '承諾', '実施') "
          "AND starts_at < ? AND ? < ends_at",
          {supporter_id, except_id, w.ends_at, w.starts_at})
      .has_value();
}

domain::CandidateProfile profile_of(store::Connection& db, const Supporter& s, const When& w) {
  domain::CandidateProfile p;
  p.id = s.id;
  p.kind = s.kind;
  p.sex = s.sex;
  if (s.age_band)
    if (auto range = domain::age_range_of_band(*s.age_band)) {
      p.age_low = range->first;
      p.age_high = range->second;
    }
  p.area_id = s.area_id;
  p.activities = s.activities;
  p.qualifications = s.rule_qualifications();
  p.active = s.active;
  p.busy = busy(db, s.id, w);
  return p;
}

}  // namespace

void to_json(nlohmann::json& j, const Dispatch& d) {
  j = {{"id", d.id},
       {"organisation_id", d.organisation_id},
       {"case_id", nj(d.case_id)},
       {"case_title", nj(d.case_title)},
       {"group_session_id", nj(d.group_session_id)},
       {"group_name", nj(d.group_name)},
       {"supporter_id", d.supporter_id},
       {"supporter_name", d.supporter_name},
       {"activity", d.activity},
       {"starts_at", d.starts_at},
       {"ends_at", d.ends_at},
       {"place", d.place},
       {"meeting_point", d.meeting_point},
       {"nickname", nj(d.nickname)},
       {"note_for_supporter", nj(d.note_for_supporter)},
       {"call_name", d.call_name},
       {"call_phone", d.call_phone},
       {"wishes", d.wishes},
       {"consent_id", nj(d.consent_id)},
       {"meeting_id", nj(d.meeting_id)},
       {"basis_withdrawn", d.basis_withdrawn},
       {"state", d.state},
       {"state_reason", nj(d.state_reason)},
       {"requested_at", d.requested_at},
       {"answered_at", nj(d.answered_at)},
       {"done_at", nj(d.done_at)},
       {"reported_at", nj(d.reported_at)},
       {"cancelled_at", nj(d.cancelled_at)},
       {"report_text", nj(d.report_text)},
       {"report_mood", nj(d.report_mood)},
       {"report_urgent", d.report_urgent},
       {"hours_minutes", nj(d.hours_minutes)},
       {"transport_yen", nj(d.transport_yen)},
       {"reflection", nj(d.reflection)},
       {"report_contact_id", nj(d.report_contact_id)},
       {"version", d.version},
       {"created_at", d.created_at},
       {"updated_at", d.updated_at}};
}

nlohmann::json supporter_view(const Dispatch& d) {
  nlohmann::json j = {{"id", d.id},
                      {"activity", d.activity},
                      {"starts_at", d.starts_at},
                      {"ends_at", d.ends_at},
                      {"state", d.state},
                      {"requested_at", d.requested_at},
                      {"answered_at", nj(d.answered_at)},
                      {"done_at", nj(d.done_at)},
                      {"reported_at", nj(d.reported_at)},
                      {"cancelled_at", nj(d.cancelled_at)},
                      {"version", d.version}};
  j["reflection"] = nj(d.reflection);  // their own words, kept for them
  // A withdrawn 本人同意 closes the details as a report does: nothing new
  // about 本人 reaches the other organisation's supporter.
  bool open = domain::dispatch_holds_time(d.state) && !d.basis_withdrawn;
  j["details_open"] = open;
  if (open) {
    j["nickname"] = nj(d.nickname);
    j["group_name"] = nj(d.group_name);
    j["meeting_point"] = d.meeting_point;
    j["note_for_supporter"] = nj(d.note_for_supporter);
    j["call_name"] = d.call_name;
    j["call_phone"] = d.call_phone;
  }
  return j;
}

std::optional<Dispatch> find_dispatch(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE d.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<Dispatch> dispatches_of_organisation(store::Connection& db, const std::string& organisation_id,
                                                 const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  auto state = in.choice("state", "状況", domain::kDispatchState.values);
  auto from = in.date("from", "開始日", {.required = false, .not_future = false});
  auto to = in.date("to", "終了日", {.required = false, .not_future = false});
  // Reports marked urgent that no coordinator has taken into the case yet.
  std::int64_t urgent = in.boolean("urgent").value_or(false) ? 1 : 0;
  in.check();
  // Absent filters take values that hold for every row ("" ≤ any time < "9").
  std::string from_at = from ? domain::format_iso_date(*from) : "";
  std::string to_at = to ? domain::format_iso_date(domain::add_days(*to, 1)) : "9";
  std::vector<Dispatch> out;
  for (const auto& r : db.query(std::string(kSelect) +
                                    " WHERE d.organisation_id = ? AND (? = '' OR d.state = ?) AND d.starts_at >= ? "
                                    "AND d.starts_at < ? AND (? = 0 OR (" + kUntakenUrgentReport + ")) "
                                    "ORDER BY d.starts_at DESC, d.id LIMIT 500",
                                {organisation_id, state.value_or(""), state.value_or(""), from_at, to_at, urgent}))
    out.push_back(from_row(r));
  return out;
}

std::vector<Dispatch> dispatches_of_case(store::Connection& db, const std::string& case_id) {
  std::vector<Dispatch> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE d.case_id = ? ORDER BY d.starts_at DESC, d.id LIMIT 500", {case_id}))
    out.push_back(from_row(r));
  return out;
}

std::vector<Dispatch> dispatches_of_supporter(store::Connection& db, const std::string& supporter_id) {
  std::vector<Dispatch> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE d.supporter_id = ? ORDER BY d.starts_at, d.id LIMIT 500",
                                {supporter_id}))
    out.push_back(from_row(r));
  return out;
}

namespace {

// Every supporter of the organisation, ranked for one activity at one time.
nlohmann::json ranked(store::Connection& db, const std::vector<std::string>& organisation_ids,
                      const domain::DispatchSubject& subject, const std::string& activity, const domain::Date& day,
                      const When& w, const domain::DispatchWishes& wishes) {
  std::vector<Supporter> all;
  for (const auto& o : organisation_ids)
    for (auto& s : supporters_of_organisation(db, o)) all.push_back(std::move(s));
  std::vector<domain::CandidateProfile> profiles;
  for (const auto& s : all) profiles.push_back(profile_of(db, s, w));
  auto items = nlohmann::json::array();
  for (const auto& cand : domain::rank_candidates(profiles, activity, day, subject, wishes)) {
    auto s = std::find_if(all.begin(), all.end(), [&](const Supporter& x) { return x.id == cand.id; });
    items.push_back({{"supporter", {{"id", s->id}, {"name", s->name}, {"kind", s->kind}, {"sex", nj(s->sex)},
                                    {"organisation_id", s->organisation_id}, {"organisation_name", s->organisation_name},
                                    {"age_band", nj(s->age_band)}, {"area_name", nj(s->area_name)},
                                    {"activities", s->activities}, {"availability", nj(s->availability)}}},
                     {"score", cand.score},
                     {"excluded", cand.excluded},
                     {"reasons", cand.reasons},
                     {"cautions", cand.cautions}});
  }
  return items;
}

// Where a dispatch belongs: a case, or a group session (its day fixed).
struct BookingFor {
  std::string organisation_id;
  std::optional<std::string> case_id, group_session_id, session_day;
};

// Reads the body, takes the supporter's row lock and checks the
// qualification and the overlap, then writes the dispatch (service/supporters.h).
Dispatch book(store::Connection& db, const SealKey& key, const Actor& actor, const BookingFor& f,
              const nlohmann::json& body) {
  Input in(body);
  const bool for_case = f.case_id.has_value();
  auto supporter_id = in.text("supporter_id", "サポーター", {.required = true, .max = 64});
  auto activity = in.choice("activity", "活動", domain::kSupporterActivity.values, true);
  std::optional<domain::Date> day;
  if (f.session_day) {
    day = domain::parse_iso_date(*f.session_day);
    if (*f.session_day < today_tokyo()) {
      in.fail("date", "終わった回にはサポーターを依頼できません。");
      day.reset();
    }
  } else {
    day = in.date("date", "派遣の日", {.required = true, .not_future = false, .min_year = 2000});
    if (day && domain::format_iso_date(*day) < today_tokyo()) {
      in.fail("date", "派遣の日は今日以降にしてください。");
      day.reset();
    }
  }
  auto text_of = [&](const char* k) -> std::optional<std::string> {
    return body.contains(k) && body[k].is_string() ? std::optional(body[k].get<std::string>()) : std::nullopt;
  };
  When w = read_when(in, text_of("starts"), text_of("ends"), day);
  auto place = in.text("place", "活動の場所", {.required = true, .max = 200});
  auto meeting_point = in.text("meeting_point", "待ち合わせ場所", {.required = true, .max = 200});
  std::optional<std::string> nickname;
  if (for_case) nickname = in.text("nickname", "本人の呼び名（本人が了承したもの）", {.required = true, .max = 30});
  auto note = in.opt_text("note_for_supporter", "サポーターへのメモ", {.required = false, .max = 500, .multiline = true});
  auto call_name = in.text("call_name", "連絡先の担当者", {.required = true, .max = 60});
  auto call_phone = in.text("call_phone", "連絡先の電話番号", {.required = true, .max = 30});
  if (!call_phone.empty() && !std::all_of(call_phone.begin(), call_phone.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '(' || ch == ')';
      }))
    in.fail("call_phone", "連絡先の電話番号は数字と - + ( ) で入力してください。");
  auto wishes = for_case ? body_dispatch_wishes(in, body, stored_dispatch_wishes(db, *f.case_id).wishes) : domain::DispatchWishes{};
  auto basis = read_dispatch_basis(in);
  std::optional<Supporter> s;
  if (!supporter_id.empty()) s = find_supporter(db, key, supporter_id);
  if (s && for_case && s->organisation_id != f.organisation_id)
    // Another organisation's supporter learns 本人's nickname and where to
    // meet: only on a sharing basis that covers that organisation.
    check_dispatch_basis(db, in, basis, *f.case_id, f.organisation_id, s->organisation_id, s->organisation_name);
  else
    basis = {};
  if (!supporter_id.empty()) {
    if (!s || (s->organisation_id != f.organisation_id && !for_case)) {
      in.fail("supporter_id", for_case ? "サポーターがこのケースの組織に見つかりません。"
                                       : "サポーターがこのグループの組織に見つかりません。");
      s.reset();
    } else if (!s->active) {
      in.fail("supporter_id", s->name + "さんはいま活動を休んでいます。");
    }
  }
  in.check();
  // The row lock on the supporter serialises every booking of them (on
  // PostgreSQL a second booking waits here; SQLite has one writer), so the
  // overlap check below sees every booking committed before.
  db.execute("UPDATE supporters SET bookings = bookings + 1 WHERE id = ?", {s->id});
  if (!domain::qualified_for(s->rule_qualifications(), *activity, *day))
    throw Problem(409, "qualification_invalid",
                  s->name + "さんには、" + domain::format_iso_date(*day) + " に有効な「" + *activity +
                      "」の資格がありません。研修の修了や更新を確認してください。");
  if (busy(db, s->id, w))
    throw Problem(409, "supporter_double_booked",
                  s->name + "さんには同じ時間に別の派遣が入っています。時間を変えるか、別の方を選んでください。");
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO dispatches (id, organisation_id, case_id, group_session_id, supporter_id, activity, starts_at, "
      "ends_at, place, meeting_point, nickname, note_for_supporter, call_name, call_phone, wishes, consent_id, meeting_id, "
      "state, requested_at, created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, f.organisation_id, store::text_or_null(f.case_id), store::text_or_null(f.group_session_id), s->id, *activity,
       w.starts_at, w.ends_at, place, meeting_point, store::text_or_null(nickname), store::text_or_null(note), call_name,
       call_phone, dispatch_wishes_json(wishes).dump(), store::text_or_null(basis.consent_id),
       store::text_or_null(basis.meeting_id),
       std::string(domain::dispatch_state_machine().initial), now, actor.user_id, now, now});
  audit(db, actor, {"create", "dispatch", id, *activity});
  return *find_dispatch(db, id);
}

}  // namespace

nlohmann::json dispatch_candidates(store::Connection& db, const Actor& actor, const CaseRef& c,
                                   const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  auto activity = in.choice("activity", "活動", domain::kSupporterActivity.values);
  if (!activity && !in.get("activity")) in.fail("activity", "活動を選んでください。");
  auto day = in.date("date", "派遣の日", {.required = true, .not_future = false});
  When w = read_when(in, in.get("starts"), in.get("ends"), day);
  auto stored = stored_dispatch_wishes(db, c.id);
  auto wishes = query_dispatch_wishes(in, stored.wishes);
  in.check();
  std::vector<std::string> organisations{c.organisation_id};
  auto bases = nlohmann::json::array();
  for (const auto& o : organisations_opened_to(db, c.id, c.organisation_id)) {
    if (std::find(organisations.begin(), organisations.end(), o.organisation_id) == organisations.end())
      organisations.push_back(o.organisation_id);
    bases.push_back({{"organisation_id", o.organisation_id}, {"consent_id", nj(o.consent_id)},
                     {"meeting_id", nj(o.meeting_id)}, {"label", o.label}});
  }
  auto items = ranked(db, organisations, subject_of(db, c.id), *activity, *day, w, wishes);
  audit(db, actor, {"read", "supporter", "", "candidates for case " + c.id});
  return {{"items", items}, {"wishes", dispatch_wishes_json(wishes)}, {"stored_wishes", dispatch_wishes_json(stored.wishes)},
          {"bases", bases}};
}

nlohmann::json session_dispatch_candidates(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                           const std::string& held_on, const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  auto activity = in.choice("activity", "活動", domain::kSupporterActivity.values);
  if (!activity && !in.get("activity")) in.fail("activity", "活動を選んでください。");
  auto day = domain::parse_iso_date(held_on);
  When w = read_when(in, in.get("starts"), in.get("ends"), day);
  in.check();
  auto items = ranked(db, {organisation_id}, {}, *activity, *day, w, {});
  audit(db, actor, {"read", "supporter", "", "candidates for a group session"});
  return {{"items", items}};
}

Dispatch create_dispatch(store::Connection& db, const SealKey& key, const Actor& actor, const CaseRef& c,
                         const nlohmann::json& body) {
  return book(db, key, actor, {c.organisation_id, c.id, std::nullopt, std::nullopt}, body);
}

Dispatch create_session_dispatch(store::Connection& db, const SealKey& key, const Actor& actor,
                                 const std::string& session_id, const std::string& organisation_id,
                                 const std::string& held_on, const std::string& session_state, const nlohmann::json& body) {
  if (session_state == "中止")
    throw Problem(409, "session_cancelled", "中止になった回には、サポーターを依頼できません。");
  return book(db, key, actor, {organisation_id, std::nullopt, session_id, held_on}, body);
}

std::vector<nlohmann::json> dispatch_timeline_items(store::Connection& db, const std::string& case_id) {
  std::vector<nlohmann::json> out;
  for (const auto& r : db.query(
           "SELECT d.id, d.activity, d.starts_at, d.state, d.requested_at, d.created_by, u.display_name, s.name "
           "FROM dispatches d JOIN supporters s ON s.id = d.supporter_id LEFT JOIN users u ON u.id = d.created_by "
           "WHERE d.case_id = ?",
           {case_id})) {
    std::string summary = "サポーター派遣（" + r.text(1) + "・" + r.text(7) + "さん）：" + r.text(3);
    out.push_back({{"kind", "dispatch"}, {"on", r.text(2).substr(0, 10)}, {"at", r.text(4)}, {"summary", summary},
                   {"ref_id", r.text(0)}, {"by_id", r.text(5)}, {"by", nj(r.opt_text(6))}});
  }
  return out;
}

}  // namespace tsunagu::service
