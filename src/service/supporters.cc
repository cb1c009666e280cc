#include "service/supporters.h"

#include <algorithm>
#include <set>

#include "domain/age_band.h"
#include "domain/person.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT s.id, s.organisation_id, o.name, s.user_id, u.login, s.kind, s.name, s.sex, s.age_band, s.area_id, "
    "a.name, s.availability, s.experience_note, s.activities, s.languages, s.contact_sealed, s.active, s.version, "
    "s.created_at, s.updated_at, s.left_on, s.anonymised_at FROM supporters s JOIN organisations o ON o.id = s.organisation_id "
    "LEFT JOIN users u ON u.id = s.user_id LEFT JOIN areas a ON a.id = s.area_id";

constexpr std::size_t kMaxList = 10;

std::vector<std::string> text_list(const std::string& json) {
  std::vector<std::string> out;
  for (const auto& v : nlohmann::json::parse(json, nullptr, false))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

nlohmann::json open_contact_of(const SealKey& key, const std::optional<std::string>& sealed) {
  if (!sealed) return nullptr;
  auto plain = unseal(key, *sealed);
  return plain ? nlohmann::json::parse(*plain, nullptr, false) : nlohmann::json{{"unreadable", true}};
}

void load_qualifications(store::Connection& db, Supporter& s) {
  for (const auto& r : db.query(
           "SELECT q.id, q.activity, q.course_id, c.title, q.granted_on, q.expires_on FROM supporter_qualifications q "
           "LEFT JOIN training_courses c ON c.id = q.course_id WHERE q.supporter_id = ? "
           "ORDER BY q.activity, q.granted_on, q.id",
           {s.id})) {
    store::Cells c(r);
    SupporterQualification q;
    q.id = c.text();
    q.activity = c.text();
    q.course_id = c.opt_text();
    q.course_title = c.opt_text();
    q.granted_on = c.text();
    q.expires_on = c.opt_text();
    s.qualifications.push_back(std::move(q));
  }
}

// `key` null: the contact details stay sealed (lists).
Supporter from_row(store::Connection& db, const SealKey* key, const store::Row& r) {
  store::Cells c(r);
  Supporter s;
  s.id = c.text();
  s.organisation_id = c.text();
  s.organisation_name = c.text();
  s.user_id = c.opt_text();
  s.user_login = c.opt_text();
  s.kind = c.text();
  s.name = c.text();
  s.sex = c.opt_text();
  s.age_band = c.opt_text();
  s.area_id = c.opt_text();
  s.area_name = c.opt_text();
  s.availability = c.opt_text();
  s.experience_note = c.opt_text();
  s.activities = text_list(c.text());
  s.languages = text_list(c.text());
  auto sealed = c.opt_text();
  if (key) s.contact = open_contact_of(*key, sealed);
  s.active = c.flag();
  s.version = c.integer();
  s.created_at = c.text();
  s.updated_at = c.text();
  s.left_on = c.opt_text();
  s.anonymised_at = c.opt_text();
  load_qualifications(db, s);
  return s;
}

bool valid_phone(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '(' || ch == ')' || ch == ' ';
  });
}

void absorb(Input& outer, const std::string& prefix, const Input& inner) {
  try {
    inner.check();
  } catch (const Problem& p) {
    for (const auto& e : p.errors) outer.fail(prefix + e.field, e.detail);
  }
}

// A list of choices (activities) or short texts (languages).
std::vector<std::string> read_list(Input& in, const nlohmann::json& body, const char* field, const std::string& label,
                                   std::span<const std::string_view> allowed, bool required) {
  std::vector<std::string> out;
  if (!body.contains(field) || body[field].is_null()) {
    if (required) in.fail(field, label + "を1つ以上選んでください。");
    return out;
  }
  const auto& v = body[field];
  if (!v.is_array() || v.size() > kMaxList) {
    in.fail(field, label + "は配列（" + std::to_string(kMaxList) + "件まで）で指定してください。");
    return out;
  }
  std::set<std::string> seen;
  for (const auto& x : v) {
    if (!x.is_string() || x.get<std::string>().empty() || utf8_length(x.get<std::string>()) > 30) {
      in.fail(field, label + "の値は30文字までの文字列で指定してください。");
      return {};
    }
    auto s = x.get<std::string>();
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      in.fail(field, label + "の値「" + utf8_prefix(s, 60) + "」は選択肢にありません。");
      return {};
    }
    if (seen.insert(s).second) out.push_back(s);
  }
  if (required && out.empty()) in.fail(field, label + "を1つ以上選んでください。");
  return out;
}

struct Fields {
  std::string kind, name;
  std::optional<std::string> user_id, sex, age_band, area_id, availability, experience_note;
  std::vector<std::string> activities, languages;
  nlohmann::json contact = nullptr;
  bool contact_given = false, active = true;
};

Fields read_fields(store::Connection& db, const Actor& actor, const nlohmann::json& body, Input& in,
                   const Supporter* current) {
  Fields f;
  if (current)
    f = Fields{current->kind,         current->name,      current->user_id,   current->sex,
               current->age_band,     current->area_id,   current->availability, current->experience_note,
               current->activities,   current->languages, nullptr,            false,
               current->active};
  const bool create = current == nullptr;
  auto given = [&](const char* k) { return create || in.has(k); };
  if (given("kind")) f.kind = in.choice("kind", "種別", domain::kSupporterKind.values, true).value_or("");
  if (given("name")) f.name = in.text("name", "名前", {.required = true, .max = 60});
  if (given("user_id")) {
    f.user_id = in.opt_text("user_id", "ログインするユーザー", {.required = false, .max = 64});
    if (f.user_id) {
      auto u = db.query_one("SELECT role, organisation_id FROM users WHERE id = ?", {*f.user_id});
      if (!u || u->text(1) != actor.organisation_id)
        in.fail("user_id", "ログインするユーザーが自組織に見つかりません。");
      else if (u->text(0) != "supporter")
        in.fail("user_id", "ログインするユーザーの役割を「サポーター」にしてから結び付けてください。");
      else if (auto other = db.query_one("SELECT id FROM supporters WHERE user_id = ?", {*f.user_id});
               other && (!current || other->text(0) != current->id))
        in.fail("user_id", "このユーザーはすでに別のサポーターに結び付いています。");
    }
  }
  if (given("sex")) f.sex = in.choice("sex", "性別", domain::kSex.values, false);
  if (given("age_band")) f.age_band = in.choice("age_band", "年代", domain::kPersonAgeBand.values, false);
  if (given("area_id")) {
    f.area_id = in.opt_text("area_id", "活動する地域", {.required = false, .max = 64});
    if (f.area_id && !db.query_one("SELECT 1 FROM areas WHERE id = ?", {*f.area_id}))
      in.fail("area_id", "活動する地域が見つかりません。");
  }
  if (given("activities"))
    f.activities = read_list(in, body, "activities", "活動", domain::kSupporterActivity.values, true);
  if (given("availability"))
    f.availability = in.opt_text("availability", "活動できる日時", {.required = false, .max = 200, .multiline = true});
  if (given("languages")) f.languages = read_list(in, body, "languages", "話せる言語", {}, false);
  if (given("experience_note"))
    f.experience_note =
        in.opt_text("experience_note", "経験のメモ（当事者経験・家族経験）", {.required = false, .max = 1000, .multiline = true});
  if (!create && in.has("active")) f.active = in.boolean("active", "活動中", false).value_or(f.active);
  if (in.has("contact")) {
    f.contact_given = true;
    const auto& c = body["contact"];
    if (c.is_null()) {
      f.contact = nullptr;
    } else if (!c.is_object()) {
      in.fail("contact", "連絡先は phone, email, address を持つオブジェクトで指定してください。");
    } else {
      for (const auto& [k, v] : c.items()) {
        (void)v;
        if (k != "phone" && k != "email" && k != "address")
          in.fail("contact." + utf8_prefix(k, 40), "連絡先に使える項目は phone, email, address です。");
      }
      Input ci(c);
      auto phone = ci.opt_text("phone", "電話番号", {.required = false, .max = 30});
      if (phone && !valid_phone(*phone)) ci.fail("phone", "電話番号は数字と - + ( ) で入力してください。");
      auto email = ci.opt_text("email", "メールアドレス", {.required = false, .max = 254});
      if (email && (email->find('@') == std::string::npos || email->find(' ') != std::string::npos))
        ci.fail("email", "メールアドレスの形式が正しくありません。");
      auto address = ci.opt_text("address", "住所", {.required = false, .max = 200});
      absorb(in, "contact.", ci);
      f.contact = nlohmann::json::object();
      if (phone) f.contact["phone"] = *phone;
      if (email) f.contact["email"] = *email;
      if (address) f.contact["address"] = *address;
      if (f.contact.empty()) f.contact = nullptr;
    }
  }
  return f;
}

std::optional<std::string> sealed(const SealKey& key, const nlohmann::json& contact) {
  if (!contact.is_object() || contact.empty()) return std::nullopt;
  return seal(key, contact.dump());
}

}  // namespace

Policy supporter_coordination_policy() {
  using domain::Role;
  return policy({{Role::coordinator, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}});
}

Policy supporter_pay_policy() { return policy({{domain::Role::supervisor, Reach::own_organisation}}); }

Policy supporter_self_policy() { return policy({{domain::Role::supporter, Reach::self}}); }

std::vector<domain::Qualification> Supporter::rule_qualifications() const {
  std::vector<domain::Qualification> out;
  for (const auto& q : qualifications) {
    auto granted = domain::parse_iso_date(q.granted_on);
    if (!granted) continue;
    out.push_back({q.activity, *granted, q.expires_on ? domain::parse_iso_date(*q.expires_on) : std::nullopt});
  }
  return out;
}

nlohmann::json qualification_statuses(const Supporter& s) {
  auto out = nlohmann::json::array();
  auto today = *domain::parse_iso_date(today_tokyo());
  for (const auto& a : domain::activity_statuses(s.activities, s.rule_qualifications(), today))
    out.push_back({{"activity", a.activity},
                   {"status", a.status},
                   {"expires_on", a.expires_on ? nlohmann::json(domain::format_iso_date(*a.expires_on)) : nullptr}});
  return out;
}

void to_json(nlohmann::json& j, const Supporter& s) {
  auto quals = nlohmann::json::array();
  for (const auto& q : s.qualifications)
    quals.push_back({{"id", q.id},
                     {"activity", q.activity},
                     {"course_id", nj(q.course_id)},
                     {"course_title", nj(q.course_title)},
                     {"granted_on", q.granted_on},
                     {"expires_on", nj(q.expires_on)}});
  j = {{"id", s.id},
       {"organisation_id", s.organisation_id},
       {"organisation_name", s.organisation_name},
       {"user_id", nj(s.user_id)},
       {"user_login", nj(s.user_login)},
       {"kind", s.kind},
       {"peer", domain::is_peer_kind(s.kind)},
       {"name", s.name},
       {"sex", nj(s.sex)},
       {"age_band", nj(s.age_band)},
       {"area_id", nj(s.area_id)},
       {"area_name", nj(s.area_name)},
       {"activities", s.activities},
       {"availability", nj(s.availability)},
       {"languages", s.languages},
       {"experience_note", nj(s.experience_note)},
       {"contact", s.contact},
       {"active", s.active},
       {"left_on", nj(s.left_on)},
       {"anonymised", s.anonymised_at.has_value()},
       {"upcoming_dispatches", nj(s.upcoming_dispatches)},
       {"qualifications", quals},
       {"qualification_statuses", qualification_statuses(s)},
       {"version", s.version},
       {"created_at", s.created_at},
       {"updated_at", s.updated_at}};
}

std::optional<Supporter> find_supporter(store::Connection& db, const SealKey& key, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE s.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(db, &key, *r);
}

Supporter with_dispatches_ahead(store::Connection& db, Supporter s) {
  // Asked for or accepted and not over yet: what a coordinator must see to
  // before a supporter who stops leaves someone waiting.
  s.upcoming_dispatches = db.query_one(
                                "SELECT count(*) FROM dispatches WHERE supporter_id = ? AND state IN ('依頼', '承諾') "
                                "AND ends_at > ?",
                                {s.id, now_tokyo_minute()})
                              ->integer(0);
  return s;
}

std::optional<Supporter> find_supporter_of_user(store::Connection& db, const SealKey& key, const std::string& user_id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE s.user_id = ?", {user_id});
  if (!r) return std::nullopt;
  return from_row(db, &key, *r);
}

std::vector<Supporter> supporters_of_organisation(store::Connection& db, const std::string& organisation_id) {
  std::vector<Supporter> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE s.organisation_id = ? ORDER BY s.active DESC, s.name, s.id LIMIT 1000",
                                {organisation_id}))
    out.push_back(from_row(db, nullptr, r));
  return out;
}

Supporter create_supporter(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  Fields f = read_fields(db, actor, body, in, nullptr);
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO supporters (id, organisation_id, user_id, kind, name, sex, age_band, area_id, activities, "
      "availability, languages, experience_note, contact_sealed, active, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,1,?,?)",
      {id, actor.organisation_id, store::text_or_null(f.user_id), f.kind, f.name, store::text_or_null(f.sex),
       store::text_or_null(f.age_band), store::text_or_null(f.area_id), nlohmann::json(f.activities).dump(),
       store::text_or_null(f.availability), nlohmann::json(f.languages).dump(), store::text_or_null(f.experience_note),
       store::text_or_null(sealed(key, f.contact)), now, now});
  audit(db, actor, {"create", "supporter", id, f.kind});
  return *find_supporter(db, key, id);
}

Supporter update_supporter(store::Connection& db, const SealKey& key, const Actor& actor, const Supporter& s,
                           std::int64_t expected_version, const nlohmann::json& body) {
  // What retention removed is not written again under the anonymised name.
  if (s.anonymised_at)
    throw Problem(409, "supporter_anonymised", "このサポーターの登録情報は保存期間を過ぎて匿名化されたため、変更できません。");
  Input in(body);
  Fields f = read_fields(db, actor, body, in, &s);
  in.check();
  if (s.version != expected_version) throw version_conflict(s);
  // The day they stopped starts their retention (domain/retention.h); a
  // supporter who comes back has none.
  auto left_on = f.active ? std::nullopt : s.active ? std::optional(today_tokyo()) : s.left_on;
  auto contact = f.contact_given ? store::text_or_null(sealed(key, f.contact))
                                 : store::text_or_null(db.query_one("SELECT contact_sealed FROM supporters WHERE id = ?",
                                                                    {s.id})->opt_text(0));
  auto changed = db.execute(
      "UPDATE supporters SET user_id = ?, kind = ?, name = ?, sex = ?, age_band = ?, area_id = ?, activities = ?, "
      "availability = ?, languages = ?, experience_note = ?, contact_sealed = ?, active = ?, left_on = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {store::text_or_null(f.user_id), f.kind, f.name, store::text_or_null(f.sex), store::text_or_null(f.age_band),
       store::text_or_null(f.area_id), nlohmann::json(f.activities).dump(), store::text_or_null(f.availability),
       nlohmann::json(f.languages).dump(), store::text_or_null(f.experience_note), contact, std::int64_t{f.active},
       store::text_or_null(left_on), now_utc(), s.id, expected_version});
  if (changed == 0) throw version_conflict(*find_supporter(db, key, s.id));
  audit(db, actor, {"update", "supporter", s.id, f.kind});
  return with_dispatches_ahead(db, *find_supporter(db, key, s.id));
}

nlohmann::json supporter_self(store::Connection& db, const Supporter& s) {
  auto quals = nlohmann::json::array();
  for (const auto& q : s.qualifications)
    quals.push_back({{"activity", q.activity},
                     {"course_title", nj(q.course_title)},
                     {"granted_on", q.granted_on},
                     {"expires_on", nj(q.expires_on)}});
  auto trainings = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT x.held_on, c.title, c.kind, x.title FROM training_attendance t "
           "JOIN training_sessions x ON x.id = t.session_id JOIN training_courses c ON c.id = x.course_id "
           "WHERE t.supporter_id = ? ORDER BY x.held_on DESC LIMIT 200",
           {s.id}))
    trainings.push_back({{"held_on", r.text(0)}, {"course_title", r.text(1)}, {"course_kind", r.text(2)},
                         {"session_title", nj(r.opt_text(3))}});
  return {{"id", s.id},
          {"name", s.name},
          {"kind", s.kind},
          {"organisation_name", s.organisation_name},
          {"activities", s.activities},
          {"qualifications", quals},
          {"qualification_statuses", qualification_statuses(s)},
          {"warning_days", domain::kExpiryWarningDays},
          {"trainings", trainings}};
}

}  // namespace tsunagu::service
