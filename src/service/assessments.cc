#include "service/assessments.h"

#include <algorithm>
#include <array>

#include "domain/assessment.h"
#include "domain/duration_band.h"
#include "domain/outing.h"
#include "service/audit.h"
#include "service/case_work_input.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

// The columns a body writes, in the order values() binds them: the fixed
// ones, then the free texts of kAssessmentTexts.
constexpr const char* kFieldColumns[] = {
    "assessed_on", "outing_level", "outing_since", "outing_duration_band", "employed", "physical_illness",
    "homemaker_or_childcare", "talked_with_non_family", "outing_class", "outing_broad", "outing_reasons",
    "withdrawal_phase", "support_group", "life_difficulties", "triggers"};

std::vector<std::string> written_columns() {
  std::vector<std::string> out(std::begin(kFieldColumns), std::end(kFieldColumns));
  for (const auto& t : kAssessmentTexts) out.emplace_back(t.name);
  return out;
}

// The select of from_row: its columns in its order, the free texts last.
const std::string& select_sql() {
  static const std::string sql = [] {
    std::string s =
        "SELECT a.id, a.case_id, a.organisation_id, a.assessed_on, a.outing_level, a.outing_since, "
        "a.outing_duration_band, a.employed, a.physical_illness, a.homemaker_or_childcare, a.talked_with_non_family, "
        "a.outing_class, a.outing_broad, a.outing_reasons, a.withdrawal_phase, a.support_group, a.life_difficulties, "
        "a.triggers, a.recorded_by, u.display_name, a.version, a.created_at, a.updated_at";
    for (const auto& t : kAssessmentTexts) s += std::string(", a.") + t.name;
    return s + " FROM assessments a LEFT JOIN users u ON u.id = a.recorded_by";
  }();
  return sql;
}

// A stored JSON array of strings; anything else reads as empty.
std::vector<std::string> strings_column(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& v : json_array_column(text))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

Assessment from_row(const store::Row& r) {
  store::Cells c(r);
  Assessment a;
  a.id = c.text();
  a.case_id = c.text();
  a.organisation_id = c.text();
  a.assessed_on = c.text();
  a.outing_level = c.opt_text();
  a.outing_since = c.opt_text();
  a.outing_duration_band = c.opt_text();
  a.employed = c.flag();
  a.physical_illness = c.flag();
  a.homemaker_or_childcare = c.flag();
  a.talked_with_non_family = c.flag();
  a.outing_class = c.opt_text();
  a.outing_broad = c.flag();
  a.outing_reasons = strings_column(c.text());
  a.withdrawal_phase = c.opt_text();
  a.support_group = c.opt_text();
  a.life_difficulties = strings_column(c.text());
  a.triggers = strings_column(c.text());
  a.recorded_by = c.text();
  a.recorded_by_name = c.opt_text();
  a.version = c.integer();
  a.created_at = c.text();
  a.updated_at = c.text();
  for (auto& t : a.texts) t = c.opt_text();
  a.outing_duration = a.outing_duration_band;
  if (a.outing_since) {
    auto s = domain::parse_iso_date(*a.outing_since), on = domain::parse_iso_date(a.assessed_on);
    if (s && on)
      if (auto band = domain::duration_band_between(*s, *on)) a.outing_duration = std::string(*band);
  }
  if (a.support_group)
    if (auto i = domain::kSupportGroup.index_of(*a.support_group))
      a.support_group_description = std::string(domain::kSupportGroupDescriptions[*i]);
  return a;
}

// Everything an assessment body says, validated; bound values in column order.
struct Fields {
  std::string assessed_on;
  std::optional<std::string> outing_level, outing_since, outing_band, phase, group;
  bool employed = false, illness = false, homemaker = false, talked = false;
  std::optional<std::string> cls;
  bool broad = false;
  nlohmann::json reasons = nlohmann::json::array();
  std::vector<std::string> difficulties, triggers;
  std::array<std::optional<std::string>, kAssessmentTexts.size()> texts;
};

Fields read_fields(const nlohmann::json& body) {
  Input in(body);
  Fields f;
  auto on = in.date("assessed_on", "アセスメントの日", {.required = true, .not_future = true});
  f.outing_level = in.choice("outing_level", "外出状況", domain::kOutingLevel.values, false);
  auto since = in.date("outing_since", "今の外出状況になった時期", {.required = false, .not_future = true});
  f.outing_band = in.choice("outing_duration_band", "期間", domain::kDurationBand.values, false);
  if (since && f.outing_band)
    in.fail("outing_duration_band", "今の外出状況になった時期と期間は、どちらか一方を入力してください。");
  if (since && on && *on < *since)
    in.fail("outing_since", "今の外出状況になった時期は、アセスメントの日より前の日付にしてください。");
  if ((since || f.outing_band) && !f.outing_level && !in.has("outing_level"))
    in.fail("outing_level", "時期や期間を入れるときは外出状況も選んでください。");
  f.employed = in.boolean("employed", "就業している", false).value_or(false);
  f.illness = in.boolean("physical_illness", "身体的な病気が外出状況の理由", false).value_or(false);
  f.homemaker = in.boolean("homemaker_or_childcare", "専業主婦・主夫・家事手伝い又は出産・育児", false).value_or(false);
  f.talked = in.boolean("talked_with_non_family", "最近6か月に家族以外の人と会話した", false).value_or(false);
  f.phase = in.choice("withdrawal_phase", "ひきこもりの段階（多軸評価④）", domain::kWithdrawalPhase.values, false);
  f.group = in.choice("support_group", "診断と支援方針に基づく分類（多軸評価⑥・医師等の所見として）",
                      domain::kSupportGroup.values, false);
  f.difficulties = read_choices(in, body, "life_difficulties", "生活上の困難", domain::kLifeDifficulty.values);
  f.triggers = read_choices(in, body, "triggers", "きっかけ", domain::kTrigger.values);
  for (std::size_t i = 0; i < kAssessmentTexts.size(); ++i)
    f.texts[i] = in.opt_text(kAssessmentTexts[i].name, kAssessmentTexts[i].label,
                             {.required = false, .max = kAssessmentTexts[i].max, .multiline = true});
  in.check();
  f.assessed_on = domain::format_iso_date(*on);
  if (since) f.outing_since = domain::format_iso_date(*since);
  if (f.outing_level) {
    domain::OutingInput oi{.level = *f.outing_level,
                           .since = since,
                           .duration_band = f.outing_band ? std::optional<std::string_view>(*f.outing_band)
                                                          : std::nullopt,
                           .assessed_on = *on,
                           .employed = f.employed,
                           .reason_physical_illness = f.illness,
                           .homemaker_or_childcare = f.homemaker,
                           .talked_with_non_family = f.talked};
    auto c = domain::classify_outing(oi);
    if (!c) throw invalid({{"outing_level", "外出状況と時期の組み合わせを読み取れません。"}});
    f.cls = std::string(c->name());
    f.broad = c->broad;
    for (auto rule : c->reasons) f.reasons.push_back(std::string(domain::explain(rule)));
  }
  return f;
}

std::vector<store::Value> values(const Fields& f) {
  auto arr = [](const std::vector<std::string>& v) { return nlohmann::json(v).dump(); };
  auto b = [](bool v) { return store::Value{std::int64_t{v ? 1 : 0}}; };
  std::vector<store::Value> out{f.assessed_on,
                                store::text_or_null(f.outing_level),
                                store::text_or_null(f.outing_since),
                                store::text_or_null(f.outing_band),
                                b(f.employed),
                                b(f.illness),
                                b(f.homemaker),
                                b(f.talked),
                                store::text_or_null(f.cls),
                                b(f.broad),
                                f.reasons.dump(),
                                store::text_or_null(f.phase),
                                store::text_or_null(f.group),
                                arr(f.difficulties),
                                arr(f.triggers)};
  for (const auto& t : f.texts) out.push_back(store::text_or_null(t));
  return out;
}

// Fields compared between two assessments, in the order screens list them.
struct Compared {
  const char* field;
  const char* label;
};
constexpr std::array<Compared, 26> kCompared{{
    {"assessed_on", "アセスメントの日"},
    {"outing_level", "外出状況"},
    {"outing_since", "今の外出状況になった時期"},
    {"outing_duration", "期間"},
    {"outing_class", "内閣府の調査の定義による分類（説明のための情報）"},
    {"outing_broad", "広義のひきこもり群にあたるか（説明のための情報）"},
    {"employed", "就業している"},
    {"physical_illness", "身体的な病気が外出状況の理由"},
    {"homemaker_or_childcare", "専業主婦・主夫・家事手伝い又は出産・育児"},
    {"talked_with_non_family", "最近6か月に家族以外の人と会話した"},
    {"mental_background", "背景精神障害（①）"},
    {"developmental", "発達障害（②）"},
    {"personality", "パーソナリティ傾向（③）"},
    {"withdrawal_phase", "ひきこもりの段階（④）"},
    {"environment", "環境（⑤）"},
    {"support_group", "診断と支援方針に基づく分類（⑥）"},
    {"side_physical", "生理的・身体的"},
    {"side_psychological", "精神的・心理的"},
    {"side_social", "社会環境的"},
    {"life_difficulties", "生活上の困難"},
    {"distress", "本人の心理的な苦しさ"},
    {"family_distress", "家族のつらさ"},
    {"strengths", "できること"},
    {"interests", "興味関心"},
    {"triggers", "きっかけ"},
    {"note", "メモ"},
}};

}  // namespace

void to_json(nlohmann::json& j, const Assessment& a) {
  j = {{"id", a.id},
       {"case_id", a.case_id},
       {"organisation_id", a.organisation_id},
       {"assessed_on", a.assessed_on},
       {"outing_level", nj(a.outing_level)},
       {"outing_since", nj(a.outing_since)},
       {"outing_duration_band", nj(a.outing_duration_band)},
       {"outing_duration", nj(a.outing_duration)},
       {"employed", a.employed},
       {"physical_illness", a.physical_illness},
       {"homemaker_or_childcare", a.homemaker_or_childcare},
       {"talked_with_non_family", a.talked_with_non_family},
       {"outing_class", nj(a.outing_class)},
       {"outing_broad", a.outing_broad},
       {"outing_reasons", a.outing_reasons},
       {"outing_class_note", kOutingClassNote},
       {"withdrawal_phase", nj(a.withdrawal_phase)},
       {"support_group", nj(a.support_group)},
       {"support_group_description", nj(a.support_group_description)},
       {"life_difficulties", a.life_difficulties},
       {"triggers", a.triggers},
       {"recorded_by", a.recorded_by},
       {"recorded_by_name", nj(a.recorded_by_name)},
       {"version", a.version},
       {"created_at", a.created_at},
       {"updated_at", a.updated_at}};
  for (std::size_t i = 0; i < kAssessmentTexts.size(); ++i) j[kAssessmentTexts[i].name] = nj(a.texts[i]);
}

std::optional<Assessment> find_assessment(store::Connection& db, const std::string& id) {
  auto r = db.query_one(select_sql() + " WHERE a.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<Assessment> list_assessments(store::Connection& db, const std::string& case_id) {
  std::vector<Assessment> items;
  for (const auto& r :
       db.query(select_sql() + " WHERE a.case_id = ? ORDER BY a.assessed_on DESC, a.created_at DESC, a.id", {case_id}))
    items.push_back(from_row(r));
  return items;
}

Assessment create_assessment(store::Connection& db, const Actor& actor, const std::string& case_id,
                             const std::string& organisation_id, const nlohmann::json& body) {
  Fields f = read_fields(body);
  std::string id = random_id(), now = now_utc();
  std::vector<store::Value> v{id, case_id, organisation_id};
  for (auto& x : values(f)) v.push_back(std::move(x));
  v.insert(v.end(), {actor.user_id, now, now});
  std::string columns;
  for (const auto& name : written_columns()) columns += ", " + name;
  db.execute("INSERT INTO assessments (id, case_id, organisation_id" + columns +
                 ", recorded_by, created_at, updated_at, version) VALUES (" + store::placeholders(v.size()) + ",1)",
             v);
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, case_id});
  audit(db, actor, {"create", "assessment", id, "case " + case_id});
  return *find_assessment(db, id);
}

Assessment update_assessment(store::Connection& db, const Actor& actor, const std::string& id,
                             std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_assessment(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  Fields f = read_fields(body);
  std::string sets;
  for (const auto& name : written_columns()) sets += name + " = ?, ";
  std::string now = now_utc();
  auto v = values(f);
  v.insert(v.end(), {now, id, expected_version});
  auto changed =
      db.execute("UPDATE assessments SET " + sets + "version = version + 1, updated_at = ? WHERE id = ? AND version = ?", v);
  if (changed == 0) throw version_conflict(*find_assessment(db, id));
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now, current->case_id});
  audit(db, actor, {"update", "assessment", id, ""});
  return *find_assessment(db, id);
}

nlohmann::json compare_assessments(store::Connection& db, const std::string& case_id,
                                   const std::optional<std::string>& from, const std::optional<std::string>& to) {
  auto load = [&](const std::string& id) {
    auto a = find_assessment(db, id);
    if (!a || a->case_id != case_id) throw not_found();
    return nlohmann::json(*a);
  };
  nlohmann::json a = nullptr, b = nullptr;
  if (from || to) {
    if (!from || !to)
      throw invalid({{from ? "to" : "from", "比べる二つのアセスメント (from と to) を両方指定してください。"}});
    a = load(*from);
    b = load(*to);
  } else {
    auto items = list_assessments(db, case_id);
    if (!items.empty()) b = items[0];
    if (items.size() >= 2) a = items[1];
  }
  auto changes = nlohmann::json::array();
  int changed_count = 0;
  if (!a.is_null() && !b.is_null()) {
    for (const auto& c : kCompared) {
      const auto& x = a[c.field];
      const auto& y = b[c.field];
      nlohmann::json entry = {{"field", c.field}, {"label", c.label}, {"from", x}, {"to", y}, {"changed", x != y}};
      if (x.is_array() && y.is_array()) {
        auto added = nlohmann::json::array(), removed = nlohmann::json::array();
        for (const auto& v : y)
          if (std::find(x.begin(), x.end(), v) == x.end()) added.push_back(v);
        for (const auto& v : x)
          if (std::find(y.begin(), y.end(), v) == y.end()) removed.push_back(v);
        entry["added"] = added;
        entry["removed"] = removed;
      }
      if (x != y) ++changed_count;
      changes.push_back(entry);
    }
  }
  return {{"from", a},
          {"to", b},
          {"changes", changes},
          {"changed_count", changed_count},
          {"outing_class_note", kOutingClassNote}};
}

}  // namespace tsunagu::service
