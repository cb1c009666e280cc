#include "service/public_portal.h"

#include <set>

#include "domain/date.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/groups.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"

namespace tsunagu::service {
namespace {

// The profile fields: JSON name, column, label, limit (code points).
struct TextField {
  const char *field, *column, *label;
  std::size_t max;
  bool multiline;
};
constexpr TextField kTextFields[] = {
    {"offers", "public_offers", "相談できること・していること", 1000, true},
    {"hours", "public_hours", "受付時間", 200, true},
    {"phone", "public_phone", "電話番号", 40, false},
    {"address", "public_address", "所在地", 200, false},
    {"url", "public_url", "ホームページ", 300, false},
    {"access", "public_access", "行き方", 300, true},
    {"protocol", "consultation_protocol", "緊急時の対応手順（職員向け）", 2000, true},
};

// The areas whose 窓口 and groups serve the residents of `municipality`:
// itself, its districts and its prefecture.
std::vector<std::string> serving_areas(store::Connection& db, const std::string& municipality) {
  std::vector<std::string> out{municipality};
  for (const auto& r : db.query("SELECT id FROM areas WHERE parent_id = ?", {municipality})) out.push_back(r.text(0));
  if (auto p = db.query_one("SELECT parent_id FROM areas WHERE id = ?", {municipality}); p && !p->is_null(0))
    out.push_back(p->text(0));
  return out;
}

nlohmann::json window_json(const store::Row& r) {
  return {{"id", r.text(0)},
          {"name", r.text(1)},
          {"kind", r.text(2)},
          {"program_type", nj(r.opt_text(3))},
          {"area_name", r.text(4)},
          {"offers", nj(r.opt_text(5))},
          {"hours", nj(r.opt_text(6))},
          {"phone", nj(r.opt_text(7))},
          {"address", nj(r.opt_text(8))},
          {"url", nj(r.opt_text(9))},
          {"access", nj(r.opt_text(10))},
          {"anonymous_consultation", r.integer(11) != 0}};
}

nlohmann::json group_json(const Group& g) {
  return {{"id", g.id},
          {"name", g.name},
          {"kind", g.kind},
          {"audience", g.audience},
          {"organisation_name", g.organisation_name},
          {"description", nj(g.description)},
          {"area_name", nj(g.area_name)},
          {"venue", nj(g.venue)},
          {"online", g.online},
          {"schedule", nj(g.schedule_label())},
          {"schedule_note", nj(g.schedule_note)},
          {"cost", g.cost},
          {"cost_note", nj(g.cost_note)},
          {"registration_required", g.registration_required},
          {"gender", g.gender}};
}

}  // namespace

nlohmann::json public_portal(store::Connection& db, const std::optional<std::string>& municipality) {
  std::vector<std::string> areas;
  if (municipality) {
    if (municipality->size() > 64 ||
        !db.query_one("SELECT 1 FROM areas WHERE id = ? AND level = 'municipality'", {*municipality}))
      throw invalid({{"municipality", "市区町村は、一覧から選んでください。"}});
    areas = serving_areas(db, *municipality);
  }
  nlohmann::json j = {{"municipalities", nlohmann::json::array()},
                      {"windows", nlohmann::json::array()},
                      {"groups", nlohmann::json::array()},
                      {"sessions", nlohmann::json::array()}};
  for (const auto& r : db.query("SELECT a.id, a.name, p.name FROM areas a LEFT JOIN areas p ON p.id = a.parent_id "
                                "WHERE a.level = 'municipality' ORDER BY a.code, a.name"))
    j["municipalities"].push_back({{"id", r.text(0)}, {"name", r.text(1)}, {"prefecture_name", nj(r.opt_text(2))}});

  std::vector<store::Value> params(areas.begin(), areas.end());
  std::string in_areas = "(" + store::placeholders(areas.size()) + ")";
  std::string where = municipality ? " AND o.area_id IN " + in_areas : "";
  for (const auto& r : db.query(
           "SELECT o.id, o.name, o.kind, o.program_type, a.name, o.public_offers, o.public_hours, o.public_phone, "
           "o.public_address, o.public_url, o.public_access, o.consultation_open FROM organisations o "
           "JOIN areas a ON a.id = o.area_id WHERE o.public_listing = 1" + where +
               " ORDER BY CASE a.level WHEN 'prefecture' THEN 0 WHEN 'municipality' THEN 1 ELSE 2 END, a.code, "
               // The public programmes (センター, ステーション …) before the NPOs of the same area.
               "CASE WHEN o.program_type IS NULL THEN 1 ELSE 0 END, o.name",
           params))
    j["windows"].push_back(window_json(r));
  j["consultation_available"] =
      db.query_one("SELECT 1 FROM organisations WHERE consultation_open = 1 LIMIT 1").has_value();

  std::string group_where;
  std::vector<store::Value> group_params;
  if (municipality) {
    group_where = " AND (g.area_id IN " + in_areas + " OR o.area_id IN " + in_areas +
                  " OR EXISTS (SELECT 1 FROM group_municipalities m WHERE m.group_id = g.id AND m.area_id = ?))";
    for (int k = 0; k < 2; ++k) group_params.insert(group_params.end(), params.begin(), params.end());
    group_params.emplace_back(*municipality);
  }
  std::vector<std::string> group_ids;
  for (const auto& r : db.query("SELECT g.id FROM groups g JOIN organisations o ON o.id = g.organisation_id "
                                "WHERE g.public_listing = 1 AND g.active = 1" + group_where + " ORDER BY g.kind, g.name",
                                group_params))
    group_ids.push_back(r.text(0));
  for (const auto& id : group_ids)
    if (auto g = find_group(db, id)) j["groups"].push_back(group_json(*g));

  if (!group_ids.empty()) {
    auto today = domain::parse_iso_date(today_tokyo()).value();
    std::vector<store::Value> sp{domain::format_iso_date(today),
                                 domain::format_iso_date(domain::add_days(today, kPortalSessionDays))};
    sp.insert(sp.end(), group_ids.begin(), group_ids.end());
    for (const auto& r : db.query(
             "SELECT s.id, s.group_id, g.name, s.held_on, s.starts, s.ends, s.title, g.venue, g.online, g.kind "
             "FROM group_sessions s JOIN groups g ON g.id = s.group_id WHERE s.state = '予定' AND s.held_on >= ? "
             "AND s.held_on <= ? AND s.group_id IN (" + store::placeholders(group_ids.size()) +
                 ") ORDER BY s.held_on, s.starts, g.name LIMIT 100",
             sp))
      j["sessions"].push_back({{"id", r.text(0)},
                               {"group_id", r.text(1)},
                               {"group_name", r.text(2)},
                               {"held_on", r.text(3)},
                               {"starts", nj(r.opt_text(4))},
                               {"ends", nj(r.opt_text(5))},
                               {"title", nj(r.opt_text(6))},
                               {"venue", nj(r.opt_text(7))},
                               {"online", r.integer(8) != 0},
                               {"kind", r.text(9)}});
  }
  return j;
}

nlohmann::json organisation_public_profile(store::Connection& db, const std::string& organisation_id) {
  auto r = db.query_one(
      "SELECT public_listing, public_offers, public_hours, public_phone, public_address, public_url, public_access, "
      "consultation_protocol, consultation_open, consultation_reply_days, consultation_close_days, version, name "
      "FROM organisations WHERE id = ?",
      {organisation_id});
  if (!r) throw not_found();
  nlohmann::json j = {{"organisation_id", organisation_id}, {"organisation_name", r->text(12)},
                      {"public_listing", r->integer(0) != 0}};
  for (std::size_t i = 0; i < std::size(kTextFields); ++i) j[kTextFields[i].field] = nj(r->opt_text(1 + i));
  j["consultation_open"] = r->integer(8) != 0;
  j["reply_days"] = r->integer(9);
  j["close_days"] = r->integer(10);
  j["version"] = r->integer(11);
  return j;
}

nlohmann::json update_public_profile(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                     std::int64_t expected_version, const nlohmann::json& body) {
  auto current = organisation_public_profile(db, organisation_id);
  Input in(body);
  std::string sets;
  std::vector<store::Value> values;
  auto set = [&](const char* column, store::Value v) {
    sets += std::string(sets.empty() ? "" : ", ") + column + " = ?";
    values.push_back(std::move(v));
  };
  for (const auto& f : kTextFields)
    if (in.has(f.field))
      set(f.column, store::text_or_null(in.opt_text(f.field, f.label, {.required = false, .max = f.max, .multiline = f.multiline})));
  if (in.has("url") && in.present("url")) {
    auto url = body["url"].is_string() ? body["url"].get<std::string>() : std::string();
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
      in.fail("url", "ホームページは https:// で始まるアドレスを入力してください。");
  }
  if (in.has("public_listing")) set("public_listing", std::int64_t{*in.boolean("public_listing", "窓口として公開", true) ? 1 : 0});
  if (in.has("consultation_open"))
    set("consultation_open", std::int64_t{*in.boolean("consultation_open", "匿名のオンライン相談を受け付ける", true) ? 1 : 0});
  if (in.has("reply_days"))
    if (auto v = in.integer("reply_days", "返信までの目安（日）", true, 1, 30)) set("consultation_reply_days", *v);
  if (in.has("close_days"))
    if (auto v = in.integer("close_days", "やりとりがないときに終了するまで（日）", true, 7, 730)) set("consultation_close_days", *v);
  in.check();
  if (current["version"].get<std::int64_t>() != expected_version) throw version_conflict(current);
  if (sets.empty()) return current;
  values.emplace_back(now_utc());
  values.emplace_back(organisation_id);
  values.emplace_back(expected_version);
  // `sets` holds column names of kTextFields and the lines above, never input.
  if (db.execute("UPDATE organisations SET " + sets + ", version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                 values) == 0)
    throw version_conflict(organisation_public_profile(db, organisation_id));
  audit(db, actor, {"update", "organisation_public_profile", organisation_id, ""});
  return organisation_public_profile(db, organisation_id);
}

}  // namespace tsunagu::service
