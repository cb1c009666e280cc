#include "cli/demo_supporters.h"

#include <nlohmann/json.hpp>

#include "cli/demo_cases.h"
#include "domain/date.h"
#include "service/clock.h"
#include "service/secrets.h"
#include "service/cases.h"
#include "service/supporters.h"

namespace tsunagu::cli {
namespace {

using nlohmann::json;

struct Graduate {
  const char *name, *kind, *sex, *age_band;
  std::vector<const char*> activities;
  const char* phone;
};

}  // namespace

void load_demo_supporters(store::Connection& c, const service::SealKey& key) {
  auto actors = demo_actors(c);
  if (!actors.count("hayashi") || !actors.count("yamamoto")) return;
  const auto& hayashi = actors.at("hayashi");
  auto today = *domain::parse_iso_date(service::today_tokyo());
  auto date = [&](int days_ago) { return domain::format_iso_date(domain::add_days(today, -days_ago)); };
  std::map<std::string, std::string> areas;
  for (const auto& r : c.query("SELECT name, id FROM areas")) areas[r.text(0)] = r.text(1);

  // The NPO's own consultations (ひきこもりサポート事業 commissioned by さくら市).
  auto open = [&](json body) { return *service::find_case_ref(c, service::create_case(c, key, hayashi, body).summary.id); };
  auto mori = open({{"title", "N01 森さん（20代男性）"}, {"intake_route", "家族"}, {"subject_awareness", "知っている"},
                    {"opened_on", date(200)},
                    {"subject", {{"naming", "named"}, {"name", "森 大輔"}, {"furigana", "もり だいすけ"}, {"sex", "男性"},
                                 {"age_band", "20代"}, {"district_id", areas.at("さくら中央地区")},
                                 // 本人's wishes, read by the dispatch form (同性・ピア).
                                 {"preferences", {"同性の支援者を希望", "ピアサポーター（経験者）を希望", "訪問の前に知らせてほしい"}}}}});
  auto ishida = open({{"title", "N02 石田さん（30代女性）"}, {"intake_route", "本人"}, {"subject_awareness", "知っている"},
                      {"opened_on", date(120)},
                      {"subject", {{"naming", "named"}, {"name", "石田 真由"}, {"furigana", "いしだ まゆ"}, {"sex", "女性"},
                                   {"age_band", "30代"}, {"district_id", areas.at("ひがし台地区")}}}});

  // Twelve graduates of this year's 養成講座; 山本 ゆう signs in.
  const Graduate graduates[] = {
      {"山本 ゆう", "ピアサポーター", "男性", "30代", {"訪問同行", "居場所の運営"}, "090-2100-0001"},
      {"岡田 りょう", "ピアサポーター", "男性", "20代", {"訪問同行", "電話・オンライン"}, "090-2100-0002"},
      {"前田 ちひろ", "サポーター", "女性", "40代", {"訪問同行", "家族会の運営"}, "090-2100-0003"},
      {"小川 ひとみ", "サポーター", "女性", "30代", {"居場所の運営"}, "090-2100-0004"},
      {"長谷川 たけし", "サポーター", "男性", "60代", {"訪問同行", "同行支援"}, "090-2100-0005"},
      {"村上 あや", "ボランティア", "女性", "20代", {"居場所の運営", "電話・オンライン"}, "090-2100-0006"},
      {"近藤 けんじ", "サポーター", "男性", "50代", {"同行支援"}, "090-2100-0007"},
      {"坂本 なお", "サポーター", "女性", "50代", {"家族会の運営"}, "090-2100-0008"},
      {"遠藤 しょう", "ボランティア", "男性", "20代", {"居場所の運営"}, "090-2100-0009"},
      {"青木 みく", "サポーター", "女性", "40代", {"電話・オンライン"}, "090-2100-0010"},
      {"藤井 まさと", "サポーター", "男性", "30代", {"訪問同行"}, "090-2100-0011"},
      {"西村 はるか", "サポーター", "女性", "60代", {"居場所の運営", "家族会の運営"}, "090-2100-0012"},
  };
  std::vector<std::string> ids;
  for (const auto& g : graduates) {
    json body = {{"kind", g.kind},          {"name", g.name},
                 {"sex", g.sex},            {"age_band", g.age_band},
                 {"area_id", areas.at("さくら市")}, {"activities", g.activities},
                 {"availability", "平日の午後、月2回まで"}, {"languages", {"日本語"}},
                 {"contact", {{"phone", g.phone}}}};
    if (std::string(g.name) == "山本 ゆう") {
      body["user_id"] = actors.at("yamamoto").user_id;
      body["experience_note"] = "20代に3年ほど家にこもっていた経験があります（本人の申告）。";
    }
    if (std::string(g.name) == "岡田 りょう") body["experience_note"] = "当事者会に5年参加（本人の申告）。";
    ids.push_back(service::create_supporter(c, key, hayashi, body).id);
  }

  // This year's 養成講座: four sessions, every graduate attended all four.
  auto course = service::create_course(c, hayashi, {{"kind", "養成講座"}, {"title", "さくら市ひきこもりサポーター養成講座"},
                                                   {"qualifies", {"訪問同行", "居場所の運営", "電話・オンライン", "家族会の運営", "同行支援"}},
                                                   {"validity_months", 24}, {"sessions_required", 4}});
  const char* themes[] = {"ひきこもりの理解", "家族の思いを聴く", "訪問のときに大切なこと", "ピアサポートと振り返り"};
  for (int i = 0; i < 4; ++i) {
    auto s = service::create_training_session(c, hayashi, course, {{"held_on", date(300 - i * 14)}, {"title", themes[i]}});
    auto ref = *service::find_training_session(c, s["id"].get<std::string>());
    service::record_training_attendance(c, hayashi, ref, {{"supporter_ids", ids}});
  }
  for (const auto& id : ids) service::complete_course(c, hayashi, course, {{"supporter_id", id}, {"completed_on", date(258)}});

  // 藤井 まさと came from the course two years ago: his 訪問同行 expires in three weeks
  // (he is not in this year's course list for 訪問同行; his new one is 居場所 only).
  auto earlier = service::create_course(c, hayashi, {{"kind", "フォローアップ研修"}, {"title", "訪問同行フォローアップ研修（令和6年度）"},
                                                    {"qualifies", {"訪問同行"}}, {"validity_months", 12}, {"sessions_required", 1}});
  auto s = service::create_training_session(c, hayashi, earlier, {{"held_on", date(345)}, {"title", "訪問の振り返り"}});
  service::record_training_attendance(c, hayashi, *service::find_training_session(c, s["id"].get<std::string>()),
                                      {{"supporter_ids", {ids[10]}}});
  service::complete_course(c, hayashi, earlier, {{"supporter_id", ids[10]}, {"completed_on", date(345)}});
  c.execute("DELETE FROM supporter_qualifications WHERE supporter_id = ? AND course_id = ? AND activity = '訪問同行'",
            {ids[10], course.id});

  // Training for the staff of partner agencies (⑪), counted by headcount.
  auto agency = service::create_course(c, hayashi, {{"kind", "関係機関向け研修"}, {"title", "関係機関職員向け ひきこもり支援研修"},
                                                   {"sessions_required", 1}});
  auto a = service::create_training_session(c, hayashi, agency, {{"held_on", date(40)}, {"title", "地域包括・社協の職員と"}});
  service::record_training_attendance(c, hayashi, *service::find_training_session(c, a["id"].get<std::string>()),
                                      {{"supporter_ids", json::array()}, {"external_attendees", 28}});

  // The NPO pays 1,000 yen an hour and up to 1,000 yen of 交通費 an activity.
  service::set_pay_rates(c, hayashi, 0, 0, {{"yen_per_hour", 1000}, {"transport_cap_yen", 1000}});

  // Dispatches in every state. Coming ones go through the service (qualification
  // and double booking checked); past ones are written as they were recorded.
  auto future = [&](int days_ahead) { return domain::format_iso_date(domain::add_days(today, days_ahead)); };
  auto book = [&](const service::CaseRef& k, const std::string& supporter, const char* activity, int days_ahead,
                  const char* starts, const char* ends, const char* nickname, const char* note) {
    return service::create_dispatch(c, key, hayashi, k,
                                    {{"supporter_id", supporter}, {"activity", activity}, {"date", future(days_ahead)},
                                     {"starts", starts}, {"ends", ends}, {"place", "本人の自宅（さくら中央地区）"},
                                     {"meeting_point", "さくら中央駅 東口の改札前"}, {"nickname", nickname},
                                     {"note_for_supporter", note}, {"call_name", "林（ひだまりの家）"},
                                     {"call_phone", "0120-000-111"},
                                     {"wishes", {{"same_sex", true}, {"same_generation", true}, {"peer", true}}}});
  };
  auto yamamoto = ids[0];
  book(mori, yamamoto, "訪問同行", 3, "14:00", "15:30", "だいちゃん",
       "ゲームの話が好きです。玄関先で10分ほど、無理に話さなくて大丈夫です。");
  auto accepted = book(mori, ids[1], "訪問同行", 7, "14:00", "15:00", "だいちゃん", "前回の続きで、好きなゲームの話を。");
  // 岡田さん has no sign-in: the coordinator records his answer from the phone.
  service::answer_dispatch(c, hayashi, accepted, accepted.version, {{"answer", "承諾"}});
  auto declined = book(ishida, ids[2], "同行支援", 5, "10:00", "12:00", "まゆさん", "区役所への同行です。");
  service::answer_dispatch(c, hayashi, declined, declined.version, {{"answer", "辞退"}, {"reason", "家族の通院と重なったため"}});
  auto cancelled = book(ishida, ids[3], "居場所の運営", 10, "13:00", "16:00", "まゆさん", "居場所で一緒に過ごします。");
  service::move_dispatch(c, hayashi, cancelled, cancelled.version, {{"state", "取消"}, {"reason", "本人から、今回は見送りたいと連絡があったため"}});

  auto past = [&](const service::CaseRef& k, const std::string& supporter, const char* activity, int days_ago,
                  const char* state, const char* report) {
    std::string id = service::random_id(), now = service::now_utc(), day = date(days_ago);
    c.execute(
        "INSERT INTO dispatches (id, organisation_id, case_id, supporter_id, activity, starts_at, ends_at, place, "
        "meeting_point, nickname, note_for_supporter, call_name, call_phone, wishes, state, requested_at, answered_at, "
        "done_at, reported_at, report_text, report_mood, report_urgent, hours_minutes, created_by, version, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,3,?,?)",
        {id, hayashi.organisation_id, k.id, supporter, activity, day + "T14:00", day + "T15:30", "本人の自宅",
         "さくら中央駅 東口の改札前", "だいちゃん", "はじめての訪問です。", "林（ひだまりの家）", "0120-000-111",
         json{{"same_sex", true}, {"same_generation", true}, {"peer", true}}.dump(), state, now, now, now,
         report ? store::Value{now} : store::null(), report ? store::Value{std::string(report)} : store::null(),
         report ? store::Value{std::string("少し緊張していたが、最後は笑顔だった")} : store::null(),
         std::int64_t{90}, hayashi.user_id, now, now});
  };
  past(mori, yamamoto, "訪問同行", 10, "報告済み", "玄関先でゲームの話を15分。次も来てほしいとのこと。");
  past(mori, ids[1], "訪問同行", 1, "実施", nullptr);
}

}  // namespace tsunagu::cli
