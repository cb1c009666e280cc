#include "cli/demo_groups.h"

#include <nlohmann/json.hpp>

#include "cli/demo_cases.h"
#include "domain/date.h"
#include "service/clock.h"
#include "service/groups.h"

namespace tsunagu::cli {
namespace {

using nlohmann::json;

class Groups {
 public:
  explicit Groups(store::Connection& c) : c_(c), actors_(demo_actors(c)) {
    today_ = *domain::parse_iso_date(service::today_tokyo());
    for (const auto& r : c_.query("SELECT name, id FROM areas WHERE level = 'municipality'")) towns_[r.text(0)] = r.text(1);
  }

  std::string date(int days_ago) const { return domain::format_iso_date(domain::add_days(today_, -days_ago)); }
  std::string town(const char* name) const { return towns_.at(name); }
  bool has(const char* login) const { return actors_.count(login) > 0; }

  service::Group group(const char* login, json body) { return service::create_group(c_, actors_.at(login), body); }

  std::vector<service::GroupSession> sessions(const char* login, const service::Group& g, int from_days_ago, int to_days_ago) {
    return service::generate_sessions(c_, actors_.at(login), g, {{"from", date(from_days_ago)}, {"to", date(to_days_ago)}});
  }

  service::GroupParticipant join(const char* login, const service::Group& g, json body, int days_ago) {
    body["joined_on"] = date(days_ago);
    return service::create_participant(c_, actors_.at(login), g, body);
  }

  void leave(const char* login, const service::GroupParticipant& p, int days_ago, const char* note) {
    auto now = *service::find_participant(c_, p.id);
    service::update_participant(c_, actors_.at(login), now, now.version, {{"left_on", date(days_ago)}, {"left_note", note}});
  }

  void cancel(const char* login, const service::GroupSession& s, const char* reason) {
    service::update_session(c_, actors_.at(login), s, s.version, {{"state", "中止"}, {"cancel_reason", reason}});
  }

  // Records one held session: who came (and who sent word), the headcounts
  // and a short reflection.
  void record(const char* login, const service::GroupSession& s, const json& attendance, const json& headcounts,
              const char* note = nullptr) {
    auto held = service::record_attendance(c_, actors_.at(login), s, s.version,
                                           {{"attendance", attendance}, {"headcounts", headcounts}});
    json edit = {{"staff", json::array({actors_.at(login).user_id})}};
    if (note) edit["note"] = note;
    service::update_session(c_, actors_.at(login), held, held.version, edit);
  }

  bool past(const service::GroupSession& s) const { return s.held_on <= service::today_tokyo(); }

 private:
  store::Connection& c_;
  std::map<std::string, service::Actor> actors_;
  std::map<std::string, std::string> towns_;
  domain::Date today_;
};

json present(const std::vector<service::GroupParticipant>& people, const std::vector<int>& pattern, std::size_t n,
             const std::string& held_on) {
  json out = json::array();
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& p = people[i];
    if (held_on < p.joined_on) continue;  // joined later: not expected
    int step = pattern[i % pattern.size()];
    std::string status = (n + i) % static_cast<std::size_t>(step) == 0 ? "欠席" : "出席";
    if (status == "欠席" && (n + i) % 3 == 0) status = "連絡あり欠席";
    out.push_back({{"participant_id", p.id}, {"status", status}});
  }
  return out;
}

}  // namespace

void load_demo_groups(store::Connection& c) {
  Groups G(c);
  if (!G.has("suzuki") || !G.has("kato") || !G.has("watanabe")) return;
  const auto sakura = G.town("さくら市"), aoba = G.town("あおば町");

  // さくら市ステーション: 居場所 twice a week, shared with あおば町.
  auto cafe = G.group("suzuki", {{"kind", "居場所"}, {"audience", "本人"}, {"name", "さくらカフェ"},
                                 {"description", "ボードゲームやお茶をしながら、好きなように過ごせる場所です。話さなくても大丈夫です。"},
                                 {"venue", "さくら市福祉センター 2階 和室"}, {"area_id", sakura},
                                 {"schedule", {{"weekdays", {0, 3}}, {"weeks", json::array()}, {"starts", "13:00"}, {"ends", "16:00"}}},
                                 {"schedule_note", "祝日は休み"}, {"capacity", 15}, {"cost", "一部有料"}, {"cost_note", "お茶代100円"},
                                 {"public_listing", true},
                                 {"municipalities", {{{"area_id", sakura}},
                                                     {{"area_id", aoba}, {"agreement_note", "あおば町と令和7年度協定：あおば町の住民も利用可、費用は参加実人数で按分"}}}}});
  std::vector<service::GroupParticipant> people;
  for (const char* key : {"S05", "S02"})
    if (auto id = demo_case_id(c, key))
      people.push_back(G.join("suzuki", cafe, {{"case_id", *id}, {"side", "本人"}, {"municipality_area_id", sakura}}, 180));
  people.push_back(G.join("suzuki", cafe, {{"nickname", "ゆうさん"}, {"side", "本人"}, {"age_band", "30代"}, {"municipality_area_id", sakura}}, 180));
  people.push_back(G.join("suzuki", cafe, {{"nickname", "たっくん"}, {"side", "本人"}, {"age_band", "20代"}, {"sex", "男性"}, {"municipality_area_id", sakura}}, 170));
  people.push_back(G.join("suzuki", cafe, {{"nickname", "みーさん"}, {"side", "本人"}, {"age_band", "40代"}, {"municipality_area_id", aoba}}, 150));
  people.push_back(G.join("suzuki", cafe, {{"nickname", "ケイさん"}, {"side", "本人"}, {"municipality_area_id", aoba}}, 120));
  auto haru = G.join("suzuki", cafe, {{"nickname", "はるさん"}, {"side", "本人"}, {"age_band", "20代"}, {"municipality_area_id", sakura}}, 175);
  people.push_back(haru);
  people.push_back(G.join("suzuki", cafe, {{"nickname", "そらさん"}, {"side", "本人"}, {"age_band", "10代"}, {"municipality_area_id", aoba}}, 45));
  const std::vector<int> pattern{3, 2, 4, 5, 3, 2, 4, 6};
  std::size_t n = 0;
  for (const auto& s : G.sessions("suzuki", cafe, 182, -14)) {
    if (!G.past(s)) continue;
    ++n;
    if (n == 31) {
      G.cancel("suzuki", s, "台風接近のため");
      continue;
    }
    auto who = present(people, pattern, n, s.held_on);
    if (s.held_on > G.date(30))  // はるさん stopped coming a month ago
      for (auto it = who.begin(); it != who.end(); ++it)
        if ((*it)["participant_id"] == haru.id) {
          who.erase(it);
          break;
        }
    json counts = {{{"side", "本人"}, {"visit", "2回目以降"}, {"count", static_cast<int>(n % 3)}},
                   {{"side", "本人"}, {"visit", "初めて"}, {"count", n % 5 == 0 ? 1 : 0}},
                   {{"side", "家族"}, {"visit", "初めて"}, {"count", n % 7 == 0 ? 1 : 0}}};
    G.record("suzuki", s, who, counts, n % 6 == 0 ? "新しく見学の方あり。ゲームの輪に自然に入れていた。" : nullptr);
  }
  G.leave("suzuki", haru, 30, "アルバイトを始めたため。また来たいときはいつでも。");

  // Monthly 家族会 (第3土曜).
  auto kazoku = G.group("sato", {{"kind", "家族会"}, {"audience", "家族"}, {"name", "さくら家族のつどい"},
                                 {"venue", "さくら市福祉センター 会議室"}, {"area_id", sakura},
                                 {"schedule", {{"weekdays", {5}}, {"weeks", {3}}, {"starts", "10:00"}, {"ends", "12:00"}}}});
  std::vector<service::GroupParticipant> families;
  if (auto id = demo_case_id(c, "S01"))
    families.push_back(G.join("sato", kazoku, {{"case_id", *id}, {"nickname", "田中さん（母）"}, {"side", "家族"}, {"municipality_area_id", sakura}}, 180));
  families.push_back(G.join("sato", kazoku, {{"nickname", "Kさん（父）"}, {"side", "家族"}, {"age_band", "70代"}, {"municipality_area_id", sakura}}, 180));
  families.push_back(G.join("sato", kazoku, {{"nickname", "Mさん（母）"}, {"side", "家族"}, {"municipality_area_id", aoba}}, 100));
  n = 0;
  for (const auto& s : G.sessions("sato", kazoku, 182, -40)) {
    if (!G.past(s)) continue;
    G.record("sato", s, present(families, {4, 5, 3}, ++n, s.held_on), {{{"side", "家族"}, {"visit", "初めて"}, {"count", static_cast<int>(n % 2)}}});
  }

  // A 家族教室 course of six sessions, finished.
  auto kyoshitsu = G.group("sato", {{"kind", "家族教室"}, {"audience", "家族"}, {"name", "ひきこもりを理解する家族教室（全6回）"},
                                    {"venue", "さくら市保健センター"}, {"series_total", 6}, {"series_required", 5},
                                    {"registration_required", true},
                                    {"schedule", {{"weekdays", {2}}, {"weeks", {1, 3}}, {"starts", "14:00"}, {"ends", "16:00"}}}});
  std::vector<service::GroupParticipant> learners;
  for (const char* nick : {"Aさん（母）", "Bさん（父）", "Cさん（姉）", "Dさん（母）"})
    learners.push_back(G.join("sato", kyoshitsu, {{"nickname", nick}, {"side", "家族"}, {"municipality_area_id", sakura}}, 150));
  n = 0;
  for (const auto& s : G.sessions("sato", kyoshitsu, 150, 60)) G.record("sato", s, present(learners, {7, 4, 9, 3}, ++n, s.held_on), json::array());

  // 県センター: a CRAFT series in progress (12 sessions, every other Tuesday).
  auto craft = G.group("kato", {{"kind", "CRAFT プログラム"}, {"audience", "家族"}, {"name", "CRAFT 家族プログラム（全12回）"},
                                {"venue", "みどり県精神保健福祉センター 研修室"}, {"online", true}, {"series_total", 12}, {"series_required", 10},
                                {"registration_required", true},
                                {"schedule", {{"weekdays", {1}}, {"weeks", {2, 4}}, {"starts", "18:30"}, {"ends", "20:00"}}}});
  std::vector<service::GroupParticipant> craft_people;
  for (const char* nick : {"Eさん（母）", "Fさん（父）", "Gさん（母）", "Hさん（祖母）", "Iさん（母）"})
    craft_people.push_back(G.join("kato", craft, {{"nickname", nick}, {"side", "家族"}}, 120));
  n = 0;
  for (const auto& s : G.sessions("kato", craft, 120, -60)) {
    if (!G.past(s)) continue;
    G.record("kato", s, present(craft_people, {9, 6, 11, 4, 8}, ++n, s.held_on), json::array());
  }

  // A public lecture, counted by headcount only.
  auto lecture = G.group("kato", {{"kind", "講演会・研修会"}, {"audience", "住民"}, {"name", "ひきこもりを知る講演会"},
                                  {"venue", "みどり県民ホール"}, {"public_listing", true}});
  auto talk = service::create_session(c, demo_actors(c).at("kato"), lecture,
                                      {{"held_on", G.date(75)}, {"starts", "14:00"}, {"ends", "16:00"}, {"title", "寄り添うということ"}});
  G.record("kato", talk, json::array(),
           {{{"side", "家族"}, {"visit", "初めて"}, {"count", 38}}, {{"side", "その他"}, {"visit", "初めて"}, {"count", 54}},
            {{"side", "本人"}, {"visit", "初めて"}, {"count", 3}}},
           "アンケートでは「家族会に行ってみたい」が多かった。");

  // NPO: a weekly フリースペース run by 居場所スタッフ, nickname and anonymous only.
  auto space = G.group("watanabe", {{"kind", "居場所"}, {"audience", "どちらも"}, {"name", "ひだまりフリースペース"},
                                    {"venue", "ひだまりの家 1階"}, {"area_id", sakura},
                                    {"schedule", {{"weekdays", {2}}, {"weeks", json::array()}, {"starts", "11:00"}, {"ends", "17:00"}}},
                                    {"municipalities", {{{"area_id", sakura}}, {{"area_id", aoba}, {"agreement_note", "送迎なし。交通費の助成はあおば町の制度を案内"}}}}});
  std::vector<service::GroupParticipant> guests;
  guests.push_back(G.join("watanabe", space, {{"nickname", "ノリさん"}, {"side", "本人"}, {"municipality_area_id", sakura}}, 180));
  guests.push_back(G.join("watanabe", space, {{"nickname", "あっこさん"}, {"side", "本人"}, {"municipality_area_id", aoba}}, 140));
  guests.push_back(G.join("watanabe", space, {{"nickname", "シンさんのお母さん"}, {"side", "家族"}, {"municipality_area_id", sakura}}, 90));
  n = 0;
  for (const auto& s : G.sessions("watanabe", space, 182, -14)) {
    if (!G.past(s) || s.held_on == service::today_tokyo()) continue;  // today's is left for the door
    G.record("watanabe", s, present(guests, {3, 4, 5}, ++n, s.held_on),
             {{{"side", "本人"}, {"visit", "2回目以降"}, {"count", static_cast<int>(n % 4)}}});
  }
}

}  // namespace tsunagu::cli
