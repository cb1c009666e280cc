#include "cli/demo_survey.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/demo_cases.h"
#include "domain/date.h"
#include "domain/fiscal_year.h"
#include "service/clock.h"
#include "service/persons.h"
#include "service/surveys.h"

namespace tsunagu::cli {
namespace {

using nlohmann::json;

// A fixed sequence (the demo is the same every time).
class Dice {
 public:
  std::uint32_t next(std::uint32_t n) {
    state_ = state_ * 1103515245u + 12345u;
    return (state_ >> 8) % n;
  }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[next(N)];
  }

 private:
  std::uint32_t state_ = 18;
};

constexpr std::array<const char*, 8> kDistricts{"さくら中央地区", "ひがし台地区", "かわべ地区", "みなみ野地区",
                                                "きた山地区",     "にしはら地区", "さくら台地区", "おおの地区"};
// Residents by age band (10代 … 70代以上) of each district, 住民基本台帳 style.
constexpr std::array<std::array<std::int64_t, 7>, 8> kPopulation{{
    {4100, 4300, 5000, 5900, 5600, 5200, 8300},
    {3800, 3500, 4400, 5300, 5000, 4700, 7600},
    {2100, 1900, 2400, 3000, 3100, 3200, 5600},
    {2600, 2500, 2900, 3400, 3300, 3100, 4800},
    {1200, 1000, 1300, 1700, 1900, 2200, 4100},
    {2900, 3100, 3300, 3600, 3400, 3000, 4400},
    {3300, 3000, 3800, 4600, 4200, 3500, 5200},
    {1500, 1300, 1600, 2000, 2300, 2600, 4600},
}};

json answers(Dice& d, const char* age, const char* gender, const char* household) {
  static constexpr std::array<const char*, 10> durations{"1年～2年未満", "2年～3年未満", "3年～5年未満", "5年～7年未満",
                                                         "7年～10年未満", "10年以上", "10年以上", "分からない",
                                                         "分からない", "分からない"};
  static constexpr std::array<const char*, 7> outings{"趣味の用事のときだけ外出する", "近所のコンビニなどには出かける",
                                                      "近所のコンビニなどには出かける", "自室からは出るが、家からは出ない",
                                                      "自室からは出るが、家からは出ない", "自室からほとんど出ない", "分からない"};
  static constexpr std::array<const char*, 8> triggers{"退職", "人間関係", "病気", "不登校", "介護・看護", "分からない",
                                                       "分からない", "分からない"};
  static constexpr std::array<const char*, 6> supports{"相談機関の支援を受けている", "医療機関にかかっている",
                                                       "家族以外の支えは見当たらない", "家族以外の支えは見当たらない",
                                                       "分からない", "分からない"};
  static constexpr std::array<const char*, 4> knows{"知っている", "知らない", "分からない", "分からない"};
  static constexpr std::array<const char*, 4> hardship{"ある", "ない", "分からない", "分からない"};
  static constexpr std::array<const char*, 6> needs{"家族への支援", "居場所", "訪問による支援", "相談窓口の情報",
                                                    "就労に向けた支援", "分からない"};
  return {{"age_band", age},
          {"gender", gender},
          {"household", household},
          {"duration", d.pick(durations)},
          {"outing", d.pick(outings)},
          {"trigger", json::array({d.pick(triggers)})},
          {"support", d.pick(supports)},
          {"knows_centre", d.pick(knows)},
          {"needs", json::array({d.pick(needs)})},
          {"custom_1", d.pick(hardship)}};  // the survey's own item: 生活に困っている様子
}

}  // namespace

void load_demo_survey(store::Connection& c, const service::SealKey& key) {
  auto actors = demo_actors(c);
  if (!actors.count("suzuki") || !actors.count("nakamura")) return;
  const auto& staff = actors.at("suzuki");
  auto sakura = c.query_one("SELECT id FROM areas WHERE level = 'municipality' AND name = 'さくら市'");
  if (!sakura) return;
  std::array<std::string, 8> district_ids;
  for (std::size_t i = 0; i < kDistricts.size(); ++i) {
    auto r = c.query_one("SELECT id FROM areas WHERE parent_id = ? AND name = ?", {sakura->text(0), std::string(kDistricts[i])});
    if (!r) return;
    district_ids[i] = r->text(0);
  }
  const auto today = *domain::parse_iso_date(service::today_tokyo());
  auto day = [&](int offset) { return domain::format_iso_date(domain::add_days(today, offset)); };
  const int year = domain::fiscal_year_of(today);

  json respondents = json::array();
  for (int i = 0; i < 40; ++i) {
    char label[32];
    std::snprintf(label, sizeof label, "民生委員 %02d番", i + 1);
    json r = {{"label", label}, {"district_id", district_ids[static_cast<std::size_t>(i / 5)]}};
    if (i == 0) r["user_id"] = actors.at("nakamura").user_id;
    respondents.push_back(r);
  }
  auto survey = service::create_survey(
      c, staff,
      {{"year", year},
       {"title", "さくら市ひきこもり等の実態把握調査（民生委員・児童委員アンケート）"},
       {"area_id", sakura->text(0)},
       {"respondent_kind", "民生委員・児童委員"},
       {"starts_on", day(-45)},
       {"ends_on", day(30)},
       {"note", "民生委員・児童委員の皆さまが日ごろの活動で把握している範囲でお答えください。新たな訪問は必要ありません。"},
       {"custom_items", json::array({{{"label", "生活に困っている様子があるか"}, {"choices", {"ある", "ない"}}}})},
       {"respondents", respondents}});
  auto list = service::respondents_of(c, survey.id);  // in district order, then label

  static constexpr std::array<const char*, 8> ages{"20代", "30代", "40代", "40代", "50代", "50代", "60代", "分からない"};
  static constexpr std::array<const char*, 3> genders{"男性", "男性", "女性"};
  static constexpr std::array<const char*, 5> households{"親と同居", "親と同居", "高齢の親と同居（8050など）", "単身",
                                                        "分からない"};
  Dice d;
  auto card = [&](const service::SurveyRespondent& r, json a, int days_ago) {
    return service::create_card(c, staff, survey,
                                {{"respondent_id", r.id}, {"reported_on", day(-days_ago)}, {"answers", a}, {"state", "送信済み"}});
  };
  // 01 is 中村さん (below). Of the others, four answer 該当者なし and nine
  // have not returned it yet, spread over the districts (おおの地区 lags:
  // its response rate carries the caution); the rest send 2 cards each,
  // every fifth 3 (58 cards). 31 returned, 64 cards sent in all.
  static constexpr std::array<std::size_t, 4> no_one{7, 16, 25, 34};
  static constexpr std::array<std::size_t, 9> not_returned{4, 9, 13, 18, 22, 27, 31, 36, 39};
  auto among = [](const auto& set, std::size_t i) { return std::find(set.begin(), set.end(), i) != set.end(); };
  for (std::size_t i = 1; i < list.size(); ++i) {
    if (among(not_returned, i)) continue;
    if (among(no_one, i)) {
      auto r = *service::find_respondent(c, list[i].id);
      service::set_no_one(c, staff, survey, r, r.version, {{"no_one", true}});
      continue;
    }
    const int n = i % 5 == 0 ? 3 : 2;
    for (int k = 0; k < n; ++k)
      card(list[i], answers(d, d.pick(ages), d.pick(genders), d.pick(households)), 40 - static_cast<int>(d.next(35)));
  }
  // Two 民生委員 of ひがし台 know the same 40代 man living with his elderly
  // parents; two of かわべ report 50代 women alone who are two people.
  Dice same;
  auto a1 = card(list[5], answers(same, "40代", "男性", "高齢の親と同居（8050など）"), 20);
  auto a2 = card(list[6], answers(same, "40代", "男性", "高齢の親と同居（8050など）"), 18);
  auto b1 = card(list[10], answers(same, "50代", "女性", "単身"), 25);
  auto b2 = card(list[11], answers(same, "50代", "女性", "単身"), 12);
  service::decide_duplicate(c, staff, survey,
                            {{"card_a", a1.id}, {"card_b", a2.id}, {"decision", "同一人物"},
                             {"note", "両委員に確認。同じ世帯のことでした。"}});
  service::decide_duplicate(c, staff, survey,
                            {{"card_a", b1.id}, {"card_b", b2.id}, {"decision", "別人"}, {"note", "住まいの町内が違います。"}});
  // 中村さん: one card sent from her phone, one draft.
  const auto& nakamura = actors.at("nakamura");
  service::create_card(c, nakamura, survey,
                       {{"answers", answers(same, "30代", "男性", "親と同居")}, {"state", "送信済み"}, {"reported_on", day(-10)}});
  service::create_card(c, nakamura, survey, {{"answers", {{"age_band", "20代"}, {"gender", "女性"}}}, {"state", "下書き"}});

  // The station's 本人 S11–S14 live in the survey's districts: the link
  // (district, gender, age band; counts only) finds some of them on cards.
  static constexpr std::array<std::pair<const char*, std::size_t>, 4> homes{
      {{"S11 %", 0}, {"S12 %", 1}, {"S13 %", 0}, {"S14 %", 2}}};
  for (const auto& [title, district] : homes) {
    auto row = c.query_one(
        "SELECT x.subject_person_id FROM cases x WHERE x.organisation_id = ? AND x.title LIKE ? AND x.subject_person_id IS NOT NULL",
        {staff.organisation_id, std::string(title)});
    if (!row) continue;
    auto person = service::find_person(c, key, row->text(0));
    if (!person) continue;
    json body = *person;
    body["district_id"] = district_ids[district];
    service::update_person(c, key, staff, person->id, person->version, body);
  }
  // かわべ地区's 民生委員 knows a 40代 woman (S14, known to the station too).
  card(list[12], answers(same, "40代", "女性", "親と同居"), 15);

  // Population by district and age band for the survey's year.
  static constexpr std::array<const char*, 7> bands{"10代", "20代", "30代", "40代", "50代", "60代", "70代以上"};
  const auto& admin = actors.count("admin") ? actors.at("admin") : staff;
  for (std::size_t i = 0; i < district_ids.size(); ++i) {
    json b = json::array();
    for (std::size_t k = 0; k < bands.size(); ++k) b.push_back({{"age_band", bands[k]}, {"population", kPopulation[i][k]}});
    service::set_area_population(c, admin, district_ids[i], {{"year", year}, {"bands", b}});
  }
}

}  // namespace tsunagu::cli
