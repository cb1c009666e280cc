#include "service/surveys.h"

#include <algorithm>
#include <set>

#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/nested_input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::domain {
void to_json(nlohmann::json& j, const SurveyItem& i) {
  j = {{"key", i.key}, {"label", i.label}, {"choices", i.choices}, {"multiple", i.multiple}, {"custom", i.custom}};
}
}  // namespace tsunagu::domain

namespace tsunagu::service {
namespace {

using domain::Role;

constexpr std::size_t kMaxCustomItems = 20, kMaxChoices = 20, kMaxRespondents = 5000;

constexpr char kSurveyColumns[] =
    "SELECT s.id, s.organisation_id, o.name, s.year, s.title, s.area_id, a.name, a.level, s.respondent_kind, "
    "s.starts_on, s.ends_on, s.items, s.note, s.version, s.created_at, s.updated_at FROM surveys s "
    "JOIN organisations o ON o.id = s.organisation_id JOIN areas a ON a.id = s.area_id";

std::vector<domain::SurveyItem> items_from_json(const std::string& text) {
  std::vector<domain::SurveyItem> out;
  for (const auto& i : nlohmann::json::parse(text))
    out.push_back({i.at("key").get<std::string>(), i.at("label").get<std::string>(),
                   i.at("choices").get<std::vector<std::string>>(), i.value("multiple", false), i.value("custom", false)});
  return out;
}

// Every district of a municipality, or of a prefecture's municipalities.
std::vector<SurveyDistrict> districts_of(store::Connection& db, const std::string& area_id) {
  std::vector<SurveyDistrict> out;
  for (const auto& r : db.query(
           "SELECT d.id, d.name FROM areas d LEFT JOIN areas m ON m.id = d.parent_id WHERE d.level = 'district' "
           "AND (d.parent_id = ? OR m.parent_id = ?) ORDER BY d.code, d.name, d.id",
           {area_id, area_id}))
    out.push_back({r.text(0), r.text(1)});
  return out;
}

Survey survey_from_row(store::Connection& db, const store::Row& r) {
  store::Cells in(r);
  Survey s;
  s.id = in.text();
  s.organisation_id = in.text();
  s.organisation_name = in.text();
  s.year = in.integer();
  s.title = in.text();
  s.area_id = in.text();
  s.area_name = in.text();
  s.area_level = in.text();
  s.respondent_kind = in.text();
  s.starts_on = in.text();
  s.ends_on = in.text();
  s.items = items_from_json(in.text());
  s.note = in.opt_text();
  s.version = in.integer();
  s.created_at = in.text();
  s.updated_at = in.text();
  s.districts = districts_of(db, s.area_id);
  return s;
}

// The organisation's own items: labels and choices as typed, keys made here.
std::vector<domain::SurveyItem> read_custom_items(Input& in, const nlohmann::json& body) {
  std::vector<domain::SurveyItem> out;
  if (!body.contains("custom_items") || body["custom_items"].is_null()) return out;
  const auto& items = body["custom_items"];
  if (!items.is_array() || items.size() > kMaxCustomItems) {
    in.fail("custom_items", "独自の設問は配列（" + std::to_string(kMaxCustomItems) + "問まで）で指定してください。");
    return out;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = "custom_items[" + std::to_string(i) + "]";
    const auto& item = items[i];
    if (!item.is_object()) {
      in.fail(field, "設問は {label, choices} の形で指定してください。");
      continue;
    }
    Input sub(item);
    auto label = sub.text("label", "設問", {.required = true, .max = 100});
    auto multiple = sub.boolean("multiple", "複数回答", false).value_or(false);
    std::vector<std::string> choices;
    const auto& c = item.contains("choices") ? item["choices"] : nlohmann::json();
    if (!c.is_array() || c.empty() || c.size() > kMaxChoices) {
      sub.fail("choices", "選択肢を1つ以上（" + std::to_string(kMaxChoices) + "個まで）入力してください。");
    } else {
      for (const auto& choice : c) {
        if (!choice.is_string() || choice.get<std::string>().empty() || utf8_length(choice.get<std::string>()) > 50) {
          sub.fail("choices", "選択肢は50文字までの文字で入力してください。");
          break;
        }
        choices.push_back(choice.get<std::string>());
      }
    }
    if (!nested_ok(in, sub, field)) continue;
    out.push_back({"custom_" + std::to_string(i + 1), label, domain::with_dont_know(choices), multiple, true});
  }
  return out;
}

struct NewRespondent {
  std::string label, district_id;
  std::optional<std::string> user_id;
};

std::vector<NewRespondent> read_respondents(store::Connection& db, Input& in, const nlohmann::json& list,
                                            const std::string& organisation_id,
                                            const std::vector<SurveyDistrict>& districts,
                                            std::set<std::string> users_taken) {
  std::vector<NewRespondent> out;
  if (!list.is_array() || list.size() > kMaxRespondents) {
    in.fail("respondents", "回答者は配列（" + std::to_string(kMaxRespondents) + "人まで）で指定してください。");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "respondents[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in.fail(field, "回答者は {label, district_id} の形で指定してください。");
      continue;
    }
    Input sub(list[i]);
    NewRespondent n;
    n.label = sub.text("label", "回答者の呼び方", {.required = true, .max = 60});
    n.district_id = sub.text("district_id", "担当地区", {.required = true, .max = 64});
    n.user_id = sub.opt_text("user_id", "利用者", {.required = false, .max = 64});
    if (!n.district_id.empty() &&
        std::none_of(districts.begin(), districts.end(), [&](const SurveyDistrict& d) { return d.id == n.district_id; }))
      sub.fail("district_id", "担当地区が、この調査の対象地域の地区ではありません。");
    if (n.user_id) {
      auto u = db.query_one("SELECT role, organisation_id FROM users WHERE id = ? AND active = 1", {*n.user_id});
      if (!u || u->text(1) != organisation_id || u->text(0) != "surveyor")
        sub.fail("user_id", "回答者の利用者は、この組織の「調査員（民生委員等）」の利用者から選んでください。");
      else if (!users_taken.insert(*n.user_id).second)
        sub.fail("user_id", "同じ利用者が、この調査の回答者に2回指定されています。");
    }
    if (!nested_ok(in, sub, field)) continue;
    out.push_back(std::move(n));
  }
  return out;
}

void insert_respondents(store::Connection& db, const std::string& survey_id, const std::string& organisation_id,
                        const std::vector<NewRespondent>& list) {
  const std::string now = now_utc();
  for (const auto& n : list)
    db.execute(
        "INSERT INTO survey_respondents (id, survey_id, organisation_id, user_id, label, district_id, no_one, version, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,0,1,?,?)",
        {random_id(), survey_id, organisation_id, store::text_or_null(n.user_id), n.label, n.district_id, now, now});
}

constexpr char kRespondentColumns[] =
    "SELECT r.id, r.survey_id, r.organisation_id, r.user_id, u.display_name, r.label, r.district_id, d.name, r.no_one, "
    "(SELECT COUNT(*) FROM survey_cards c WHERE c.respondent_id = r.id AND c.state = '送信済み'), "
    "(SELECT COUNT(*) FROM survey_cards c WHERE c.respondent_id = r.id AND c.state = '下書き'), r.version "
    "FROM survey_respondents r JOIN areas d ON d.id = r.district_id LEFT JOIN users u ON u.id = r.user_id";

SurveyRespondent respondent_from_row(const store::Row& row) {
  store::Cells in(row);
  SurveyRespondent r;
  r.id = in.text();
  r.survey_id = in.text();
  r.organisation_id = in.text();
  r.user_id = in.opt_text();
  r.user_name = in.opt_text();
  r.label = in.text();
  r.district_id = in.text();
  r.district_name = in.text();
  r.no_one = in.flag();
  r.sent = in.integer();
  r.drafts = in.integer();
  r.version = in.integer();
  return r;
}

}  // namespace

Policy survey_staff_policy() {
  return policy({{Role::coordinator, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}});
}
Policy survey_answer_policy() {
  auto p = survey_staff_policy();
  p.reach[Role::surveyor] = Reach::self;
  return p;
}
Policy survey_figures_policy() {
  auto p = survey_staff_policy();
  p.reach[Role::analyst] = Reach::all;
  return p;
}

Target Survey::target_for(store::Connection& db, const Actor& actor) const {
  Target t{organisation_id, std::nullopt};
  if (actor.role == Role::surveyor && respondent_of_user(db, id, actor.user_id)) t.user_id = actor.user_id;
  return t;
}

const domain::SurveyItem* Survey::item(const std::string& key) const {
  for (const auto& i : items)
    if (i.key == key) return &i;
  return nullptr;
}

bool Survey::has_district(const std::string& d) const {
  return std::any_of(districts.begin(), districts.end(), [&](const SurveyDistrict& x) { return x.id == d; });
}

void to_json(nlohmann::json& j, const Survey& s) {
  auto districts = nlohmann::json::array();
  for (const auto& d : s.districts) districts.push_back({{"id", d.id}, {"name", d.name}});
  j = {{"id", s.id},
       {"organisation_id", s.organisation_id},
       {"organisation_name", s.organisation_name},
       {"year", s.year},
       {"title", s.title},
       {"area_id", s.area_id},
       {"area_name", s.area_name},
       {"area_level", s.area_level},
       {"respondent_kind", s.respondent_kind},
       {"starts_on", s.starts_on},
       {"ends_on", s.ends_on},
       {"items", s.items},
       {"note", nj(s.note)},
       {"districts", districts},
       {"version", s.version},
       {"created_at", s.created_at},
       {"updated_at", s.updated_at}};
}

void to_json(nlohmann::json& j, const SurveyRespondent& r) {
  j = {{"id", r.id},
       {"survey_id", r.survey_id},
       {"user_id", nj(r.user_id)},
       {"user_name", nj(r.user_name)},
       {"label", r.label},
       {"district_id", r.district_id},
       {"district_name", r.district_name},
       {"no_one", r.no_one},
       {"sent", r.sent},
       {"drafts", r.drafts},
       {"returned", r.sent > 0 || r.no_one},
       {"version", r.version}};
}

nlohmann::json survey_template_json() {
  return {{"items", domain::survey_template()}};
}

std::optional<Survey> find_survey(store::Connection& db, const std::string& id) {
  if (id.size() > 64) return std::nullopt;
  auto r = db.query_one(std::string(kSurveyColumns) + " WHERE s.id = ?", {id});
  if (!r) return std::nullopt;
  return survey_from_row(db, *r);
}

std::vector<Survey> surveys_for(store::Connection& db, const Actor& actor) {
  std::vector<Survey> out;
  const std::string order = " ORDER BY s.year DESC, s.starts_on DESC, s.id LIMIT 500";
  auto rows = actor.role == Role::surveyor
                  ? db.query(std::string(kSurveyColumns) +
                                 " WHERE EXISTS (SELECT 1 FROM survey_respondents r WHERE r.survey_id = s.id AND r.user_id = ?)" +
                                 order,
                             {actor.user_id})
                  : db.query(std::string(kSurveyColumns) + " WHERE s.organisation_id = ?" + order, {actor.organisation_id});
  for (const auto& r : rows) out.push_back(survey_from_row(db, r));
  return out;
}

Survey create_survey(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto year = in.integer("year", "年度", true, 2000, 2100);
  auto title = in.text("title", "調査の名前", {.required = true, .max = 100});
  auto area_id = in.text("area_id", "対象地域", {.required = true, .max = 64});
  auto kind = in.choice("respondent_kind", "回答をお願いする方", domain::kSurveyRespondentKind.values, true);
  auto starts = in.date("starts_on", "調査期間の初日", {.required = true, .not_future = false, .min_year = 2000});
  auto ends = in.date("ends_on", "調査期間の最終日", {.required = true, .not_future = false, .min_year = 2000});
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  if (starts && ends && *ends < *starts) in.fail("ends_on", "調査期間の最終日は初日より後にしてください。");
  std::vector<SurveyDistrict> districts;
  if (!area_id.empty()) {
    auto a = db.query_one("SELECT level FROM areas WHERE id = ?", {area_id});
    if (!a)
      in.fail("area_id", "対象地域が見つかりません。");
    else if (a->text(0) == "district")
      in.fail("area_id", "対象地域は市区町村か都道府県を選んでください（地区は回答者ごとに選びます）。");
    else
      districts = districts_of(db, area_id);
  }
  auto items = domain::survey_template();
  for (auto& i : read_custom_items(in, body)) items.push_back(std::move(i));
  std::vector<NewRespondent> respondents;
  if (body.contains("respondents") && !body["respondents"].is_null())
    respondents = read_respondents(db, in, body["respondents"], actor.organisation_id, districts, {});
  in.check();
  const std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO surveys (id, organisation_id, year, title, area_id, respondent_kind, starts_on, ends_on, items, note, "
      "created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, actor.organisation_id, *year, title, area_id, *kind, domain::format_iso_date(*starts),
       domain::format_iso_date(*ends), nlohmann::json(items).dump(), store::text_or_null(note), actor.user_id, now, now});
  insert_respondents(db, id, actor.organisation_id, respondents);
  audit(db, actor, {"create", "survey", id, title});
  return *find_survey(db, id);
}

std::optional<SurveyRespondent> find_respondent(store::Connection& db, const std::string& id) {
  if (id.size() > 64) return std::nullopt;
  auto r = db.query_one(std::string(kRespondentColumns) + " WHERE r.id = ?", {id});
  if (!r) return std::nullopt;
  return respondent_from_row(*r);
}

std::optional<SurveyRespondent> respondent_of_user(store::Connection& db, const std::string& survey_id,
                                                   const std::string& user_id) {
  auto r = db.query_one(std::string(kRespondentColumns) + " WHERE r.survey_id = ? AND r.user_id = ?", {survey_id, user_id});
  if (!r) return std::nullopt;
  return respondent_from_row(*r);
}

std::vector<SurveyRespondent> respondents_of(store::Connection& db, const std::string& survey_id) {
  std::vector<SurveyRespondent> out;
  for (const auto& r : db.query(std::string(kRespondentColumns) + " WHERE r.survey_id = ? ORDER BY d.code, d.name, r.label, r.id",
                                {survey_id}))
    out.push_back(respondent_from_row(r));
  return out;
}

std::vector<SurveyRespondent> add_respondents(store::Connection& db, const Actor& actor, const Survey& s,
                                              const nlohmann::json& body) {
  Input in(body);
  std::set<std::string> taken;
  for (const auto& r : db.query("SELECT user_id FROM survey_respondents WHERE survey_id = ? AND user_id IS NOT NULL", {s.id}))
    taken.insert(r.text(0));
  auto list = read_respondents(db, in, body.value("respondents", nlohmann::json()), s.organisation_id, s.districts, taken);
  if (list.empty() && body.value("respondents", nlohmann::json()).is_array())
    in.fail("respondents", "回答者を1人以上指定してください。");
  in.check();
  insert_respondents(db, s.id, s.organisation_id, list);
  audit(db, actor, {"update", "survey", s.id, "回答者 " + std::to_string(list.size()) + "人を追加"});
  return respondents_of(db, s.id);
}

SurveyRespondent set_no_one(store::Connection& db, const Actor& actor, const Survey& s, const SurveyRespondent& r,
                            std::int64_t expected_version, const nlohmann::json& body) {
  Input in(body);
  auto no_one = in.boolean("no_one", "該当者なし", true);
  in.check();
  if (actor.role == Role::surveyor && today_tokyo() > s.ends_on)
    throw Problem(409, "survey_closed", "調査期間（" + s.ends_on + "まで）が終わっています。回答の変更は調査の担当者にご連絡ください。");
  if (r.version != expected_version) throw version_conflict(nlohmann::json(r));
  auto changed = db.execute(
      "UPDATE survey_respondents SET no_one = ?, no_one_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {std::int64_t{*no_one}, *no_one ? store::Value{now_utc()} : store::null(), now_utc(), r.id, expected_version});
  if (changed == 0) throw version_conflict(nlohmann::json(*find_respondent(db, r.id)));
  audit(db, actor, {"update", "survey_respondent", r.id, *no_one ? "該当者なし" : "該当者なしを取り消し"});
  return *find_respondent(db, r.id);
}

}  // namespace tsunagu::service
