#include "cli/demo_resources.h"

#include <nlohmann/json.hpp>

#include "cli/demo_cases.h"
#include "service/problem.h"
#include "service/resources.h"

namespace tsunagu::cli {
namespace {

using json = nlohmann::json;

std::optional<std::string> id_of(store::Connection& c, const char* sql, const std::string& name) {
  auto r = c.query_one(sql, {name});
  return r ? std::optional(r->text(0)) : std::nullopt;
}

}  // namespace

void load_demo_resources(store::Connection& c) {
  auto actors = demo_actors(c);
  if (!actors.count("sato") || !actors.count("ito") || !actors.count("admin")) return;
  auto org = [&](const char* name) { return id_of(c, "SELECT id FROM organisations WHERE name = ?", name); };
  auto area = [&](const char* name) { return id_of(c, "SELECT id FROM areas WHERE name = ?", name); };
  auto add = [&](const char* who, service::Reach reach, json body) {
    for (auto it = body.begin(); it != body.end();)
      if (it->is_null()) it = body.erase(it);
      else ++it;
    try {
      service::create_resource(c, actors.at(who), reach, body);
    } catch (const service::Problem& p) {
      // Demo data that the rules refuse is a defect of this file: say which.
      std::string what = p.detail;
      for (const auto& e : p.errors) what += " " + e.field + ": " + e.detail;
      throw std::runtime_error("demo resource " + body.value("name", std::string()) + ": " + what);
    }
  };
  using service::Reach;
  const auto centre = org("みどり県ひきこもり地域支援センター"), aoba = org("あおば町ひきこもりサポート事業"),
             npo = org("NPO法人ひだまりの家");
  const auto sakura = area("さくら市"), aoba_town = area("あおば町"), pref = area("みどり県");
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };

  // tsunagu organisations: a referral lands in their 受け入れ.
  add("admin", Reach::all,
      {{"name", "みどり県ひきこもり地域支援センター"}, {"category", "他のひきこもり地域支援センター"},
       {"organisation_id", opt(centre)}, {"linked_organisation_id", opt(centre)}, {"area_id", opt(pref)},
       {"services", "県内全域の相談、家族教室（CRAFT）、講演会、市町村の後方支援"}, {"cost", "無料"},
       {"hours", "平日 9:00〜17:00"}, {"contact", "099-000-1234"}, {"tags", {"家族教室", "CRAFT"}},
       {"platform_member", true}});
  add("ito", Reach::own_organisation,
      {{"name", "あおば町ひきこもりサポート事業"}, {"category", "他のひきこもり地域支援センター"},
       {"linked_organisation_id", opt(aoba)}, {"area_id", opt(aoba_town)},
       {"services", "あおば町の相談窓口。保健師による訪問も。"}, {"cost", "無料"}, {"hours", "平日 8:30〜17:15"},
       {"contact", "099-300-0011"}, {"platform_member", true}});
  add("sato", Reach::own_organisation,
      {{"name", "NPO法人ひだまりの家 フリースペース"}, {"category", "民間支援団体（当事者団体・NPO法人等）"},
       {"linked_organisation_id", opt(npo)}, {"area_id", opt(sakura)},
       {"services", "週1回のフリースペース。ピアスタッフがいます。予約はいりません。"}, {"age_min", 15},
       {"cost", "無料"}, {"hours", "木曜 13:00〜17:00"}, {"tags", {"居場所", "ピア", "ボードゲーム"}},
       {"platform_member", true}});

  // Agencies without tsunagu: the answer is recorded by hand.
  struct Plain {
    const char *name, *category, *services, *hours, *contact;
    std::optional<std::string> area;
    std::vector<std::string> tags;
    bool online;
    int age_min, age_max;
  };
  const Plain plain[] = {
      {"さくら市 くらしの相談窓口（自立相談支援）", "自立相談支援事業実施機関", "生活費・仕事・住まいの困りごと。家計の相談。",
       "平日 8:30〜17:15", "099-200-3000", sakura, {"生活困窮", "家計"}, false, 0, 0},
      {"さくら市地域包括支援センター", "地域包括支援センター", "高齢の親の介護の相談（8050 世帯）。", "平日 8:30〜17:15",
       "099-200-3100", sakura, {"8050", "介護"}, false, 0, 0},
      {"みどり県精神保健福祉センター", "精神保健福祉センター", "こころの健康の相談、依存症の相談、家族の相談。",
       "平日 9:00〜16:00", "099-000-5500", pref, {"こころ", "依存"}, false, 0, 0},
      {"みどり地域若者サポートステーション", "地域若者サポートステーション",
       "15〜49歳の働くことの相談。パソコン講座、職場体験。オンライン面談も。", "月〜土 10:00〜18:00", "099-200-4400",
       sakura, {"パソコン", "就労体験"}, true, 15, 49},
      {"さくら保健センター", "保健所・保健センター", "保健師の相談・訪問。", "平日 8:30〜17:15", "099-200-3200", sakura,
       {"訪問"}, false, 0, 0},
      {"さくら市社会福祉協議会 ボランティアセンター", "社会福祉協議会", "ボランティア活動の紹介。短い時間から。",
       "平日 9:00〜17:00", "099-200-3300", sakura, {"ボランティア"}, false, 0, 0},
      {"みどり県発達障害者支援センター", "発達障害者支援センター", "発達の特性についての相談（本人・家族）。",
       "平日 9:00〜17:00", "099-000-6600", pref, {"発達特性"}, false, 0, 0},
      {"ひだまり農園（就労体験）", "民間支援団体（当事者団体・NPO法人等）", "週1回、畑仕事の体験。人の少ない時間帯あり。",
       "水曜 9:00〜12:00", "099-200-7700", sakura, {"農作業", "就労体験"}, false, 15, 39},
  };
  for (const auto& p : plain) {
    json body = {{"name", p.name}, {"category", p.category}, {"services", p.services}, {"hours", p.hours},
                 {"contact", p.contact}, {"area_id", opt(p.area)}, {"tags", p.tags}, {"online", p.online},
                 {"cost", "無料"}};
    if (p.age_min) body["age_min"] = p.age_min;
    if (p.age_max) body["age_max"] = p.age_max;
    add("sato", Reach::own_organisation, body);
  }
}

}  // namespace tsunagu::cli
