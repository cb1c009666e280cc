#include "cli/demo_cases.h"

#include <map>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "domain/role.h"
#include "domain/validation.h"
#include "service/actor.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/contacts.h"

namespace tsunagu::cli {
namespace {

using nlohmann::json;

class Loader {
 public:
  Loader(store::Connection& c, const service::SealKey& key) : c_(c), key_(key) {
    today_ = *domain::parse_iso_date(service::today_tokyo());
    actors_ = demo_actors(c_);
    for (const auto& r : c_.query("SELECT name, id FROM areas WHERE level = 'district'")) districts_[r.text(0)] = r.text(1);
  }

  std::string date(int days_ago) const { return domain::format_iso_date(domain::add_days(today_, -days_ago)); }

  // A Tokyo wall-clock time on a Tokyo date, as the UTC instant the API takes.
  static std::string at(const domain::Date& tokyo_day, int hour, int minute) {
    domain::UtcDateTime t{tokyo_day, hour - 9, minute, 0, 0};
    if (t.hour < 0) {
      t.hour += 24;
      t.date = domain::add_days(tokyo_day, -1);
    }
    return domain::format_iso_datetime_utc(t);
  }

  std::string district(const std::string& name) const { return districts_.at(name); }

  std::string open_case(const std::string& login, json body, int opened_days_ago) {
    body["opened_on"] = date(opened_days_ago);
    return service::create_case(c_, key_, actors_.at(login), body).summary.id;
  }

  struct C {
    int days_ago;
    int hour;
    const char* channel;  // 電話 / メール / SNS / 来所 / or a sub-kind of その他（訪問等）
    const char* counterpart;
    bool met;
    int minutes;
    const char* note;
    const char* next_step = nullptr;
  };

  void contacts(const std::string& login, const std::string& case_id, std::initializer_list<C> list) {
    for (const auto& x : list) add(login, case_id, domain::add_days(today_, -x.days_ago), x.hour, 0, x);
  }

  void add(const std::string& login, const std::string& case_id, const domain::Date& day, int hour, int minute,
           const C& x) {
    std::string ch = x.channel;
    bool sub = ch == "訪問" || ch == "手紙" || ch == "オンライン面談" || ch == "同行" || ch == "出張相談";
    json body = {{"occurred_at", at(day, hour, minute)},
                 {"channel", sub ? "その他（訪問等）" : ch},
                 {"counterpart", x.counterpart},
                 {"subject_met", x.met},
                 {"note", x.note}};
    if (sub) body["sub_kind"] = ch;
    if (x.minutes > 0) body["duration_minutes"] = x.minutes;
    if (x.next_step) {
      body["next_step"] = x.next_step;
      body["next_step_on"] = domain::format_iso_date(domain::add_days(day, 28));
    }
    service::create_contact(c_, actors_.at(login), case_id, body);
  }

  // Monthly calls from a family member over `months` months, ending
  // `last_days_ago` days ago: the shape of 家族のみの相談.
  void monthly_calls(const std::string& login, const std::string& case_id, int months, int last_days_ago,
                     const char* counterpart, std::initializer_list<const char*> notes) {
    std::vector<const char*> pool(notes);
    for (int i = months - 1; i >= 0; --i) {
      C x{last_days_ago + i * 30 + (i % 3), 10 + i % 5, "電話", counterpart, false, 20 + (i * 7) % 30,
          pool[static_cast<std::size_t>(i) % pool.size()]};
      add(login, case_id, domain::add_days(today_, -x.days_ago), x.hour, 0, x);
    }
  }

  void status(const std::string& login, const std::string& case_id, const char* to, const char* reason,
              int days_ago) {
    auto current = service::case_summary(c_, case_id);
    json body = {{"to", to}, {"on", date(days_ago)}};
    if (reason) body["reason"] = reason;
    service::change_case_status(c_, key_, actors_.at(login), case_id, current->version,
                                body);
  }

  // The last 31 March strictly before today (for contacts on both sides of
  // the fiscal-year boundary).
  domain::Date last_march_31() const {
    int y = today_ > domain::Date{today_.y, 4, 1} ? today_.y : today_.y - 1;
    return {y, 3, 31};
  }

  bool has(const std::string& login) const { return actors_.count(login) > 0; }

 private:
  store::Connection& c_;
  const service::SealKey& key_;
  domain::Date today_;
  std::map<std::string, service::Actor> actors_;
  std::map<std::string, std::string> districts_;
};

json person(const char* naming, const char* name, const char* furigana, const char* sex, const char* age_band,
            const char* phone = nullptr) {
  json p = {{"naming", naming}, {"sex", sex}};
  if (name) p["name"] = name;
  if (furigana) p["furigana"] = furigana;
  if (age_band) p["age_band"] = age_band;
  if (phone) p["contact"] = {{"phone", phone}};
  return p;
}

json caller(const char* name, const char* furigana, const char* sex, const char* age_band, const char* relation,
            const char* phone) {
  json p = person("named", name, furigana, sex, age_band, phone);
  p["relation"] = relation;
  return p;
}

void sakura(Loader& L) {
  const std::string me = "suzuki", boss = "sato";
  // S01: the classic family-first case. Mother calls monthly; 本人 unknown
  // to the centre and not told about the consultation.
  auto s01 = L.open_case(me, {{"title", "S01 田中さん（40代男性）"}, {"intake_route", "家族"},
                              {"subject_awareness", "知らない"}, {"needs", {"8050", "介護"}},
                              {"subject", person("named", "田中 健一", "たなか けんいち", "男性", "40代")},
                              {"caller", caller("田中 和子", "たなか かずこ", "女性", "70代", "母", "090-3141-5926")}},
                         520);
  L.monthly_calls(me, s01, 16, 12, "母",
                  {"母より電話。本人は自室で過ごすことが多く、食事は部屋の前に置いているとのこと。母の疲れが強い。",
                   "母より定期連絡。最近は夜に台所へ出てくるようになった。ひきこもりの期間は約8年。",
                   "父の介護が始まり母の負担が増えている。家族教室の案内を送付することにした。",
                   "母より。本人が母に「相談に行っているのか」と尋ねたとのこと。否定せずに様子を見る方針を確認。"});
  // S02: letters first, then unanswered visits, finally a short meeting.
  auto s02 = L.open_case(me, {{"title", "S02 山口さん（30代男性）"}, {"intake_route", "家族"},
                              {"subject_awareness", "知っている"}, {"needs", {"精神疾患"}},
                              {"subject", person("named", "山口 翔太", "やまぐち しょうた", "男性", "30代")},
                              {"caller", caller("山口 良子", "やまぐち よしこ", "女性", "60代", "母", "080-2718-2818")}},
                         460);
  L.contacts(me, s02, {{455, 14, "来所", "母", false, 60, "母が来所。本人は大学中退後から外出が減り、ここ5年はほぼ自宅。"},
                       {420, 15, "手紙", "本人", false, 0, "本人宛てに手紙を母経由で渡した。返事は求めない内容にした。"},
                       {380, 15, "手紙", "本人", false, 0, "2通目の手紙。好きだというゲームの話題に触れた。"},
                       {350, 10, "訪問", "本人", false, 30, "家庭訪問。母と面談。本人は自室から出てこなかった（会えなかった）。"},
                       {320, 10, "訪問", "本人", false, 30, "家庭訪問。玄関越しに挨拶だけした。返事はなかった。",
                        "次回も同じ曜日・時間に訪問"},
                       {290, 10, "訪問", "本人", true, 20, "本人が玄関まで出てきた。10分ほど立ち話。表情は硬いが拒否はない。"},
                       {200, 14, "来所", "本人", true, 50, "本人が初めて来所。居場所の見学を希望。"}});
  L.status(me, s02, "継続支援", nullptr, 290);
  // S03: an 8050 household — an 82-year-old father, a 50s son.
  auto s03 = L.open_case(boss, {{"title", "S03 松本さん世帯（8050）"}, {"intake_route", "関係機関"},
                                {"caller_relation", "関係機関"}, {"subject_awareness", "不明"},
                                {"needs", {"8050", "介護", "生活困窮", "ごみ屋敷"}},
                                {"subject", person("named", "松本 誠", "まつもと まこと", "男性", "50代")}},
                           400);
  L.contacts(boss, s03, {{398, 11, "電話", "関係機関", false, 25, "地域包括支援センターより。父（82歳）の介護認定調査で訪問した際、50代の息子が同居し長く就労していない様子との情報。"},
                         {390, 14, "同行", "父", false, 60, "地域包括の職員と同行訪問。父と面談。家の中に物が多く、足の踏み場が少ない。"},
                         {360, 14, "訪問", "本人", false, 20, "訪問したが、本人は出てこなかった。父によると年金で二人暮らし。"},
                         {300, 14, "訪問", "本人", true, 30, "本人と初めて会えた。父の今後を心配している。生活の話から始めた。"},
                         {240, 10, "電話", "本人", true, 15, "本人から電話。父の入院の件で相談したいとのこと。"},
                         {200, 13, "同行", "本人", true, 90, "福祉事務所へ同行。生活保護の相談。"}});
  L.status(boss, s03, "継続支援", nullptr, 300);
  // S04: anonymous phone consultation, once.
  auto s04 = L.open_case(me, {{"title", "S04 匿名の電話相談（姉から）"}, {"intake_route", "家族"},
                              {"caller_relation", "きょうだい"}, {"subject_awareness", "不明"}},
                         150);
  L.contacts(me, s04, {{150, 19, "電話", "きょうだい", false, 35, "匿名での相談。弟（20代）が就職活動の失敗以来、半年ほど外出していない。まず家族教室を案内した。"}});
  L.status(me, s04, "見守り", nullptr, 150);
  // S05: closed, then reopened a year later.
  auto s05 = L.open_case(me, {{"title", "S05 井上さん（20代女性）"}, {"intake_route", "本人"},
                              {"subject_awareness", "知っている"}, {"needs", {"発達特性"}},
                              {"subject", person("named", "井上 さくら", "いのうえ さくら", "女性", "20代", "070-1414-2135")}},
                         540);
  L.contacts(me, s05, {{535, 13, "メール", "本人", true, 0, "本人からメール。人と話すのが苦手で、電話は避けたいとのこと。"},
                       {500, 13, "来所", "本人", true, 50, "来所面談。居場所に月2回通うことにした。"},
                       {430, 13, "オンライン面談", "本人", true, 40, "オンライン面談。アルバイトを始めたとの報告。"}});
  L.status(me, s05, "継続支援", nullptr, 500);
  L.status(me, s05, "終結", "本人の希望により終結。アルバイトが続いており、困ったときは連絡をもらうことにした。", 400);
  L.contacts(me, s05, {{120, 16, "メール", "本人", true, 0, "本人から久しぶりにメール。職場の人間関係で休みがちになっている。"},
                       {110, 13, "来所", "本人", true, 60, "来所。再び居場所を利用したいとの希望。"}});
  L.status(me, s05, "継続支援", "本人から再度の相談があったため再開。", 110);
  // S06–S10: family-only for months, 本人 never met.
  const char* surnames[] = {"木村", "林", "清水", "森", "池田"};
  const char* readings[] = {"きむら", "はやし", "しみず", "もり", "いけだ"};
  const char* ages[] = {"30代", "20代", "40代", "30代", "50代"};
  for (int i = 0; i < 5; ++i) {
    std::string title = "S0" + std::to_string(6 + i) + " " + surnames[i] + "さん（" + ages[i] + "）";
    if (i == 4) title = "S10 " + std::string(surnames[i]) + "さん（" + ages[i] + "）";
    json body = {{"title", title}, {"intake_route", "家族"}, {"subject_awareness", i % 2 ? "不明" : "知らない"},
                 {"caller", caller((std::string(surnames[i]) + (i % 2 ? " 正男" : " 洋子")).c_str(),
                                   (std::string(readings[i]) + (i % 2 ? " まさお" : " ようこ")).c_str(),
                                   i % 2 ? "男性" : "女性", "60代", i % 2 ? "父" : "母", nullptr)}};
    if (i == 4) body["needs"] = {"8050"};
    auto id = L.open_case(me, body, 90 + i * 60);
    L.monthly_calls(me, id, 3 + i * 2, 5 + i * 3, i % 2 ? "父" : "母",
                    {"家族より電話。本人の様子に大きな変化はない。家族の気持ちを聴いた。",
                     "家族教室（CRAFT）への参加を勧めた。",
                     "本人が家族と夕食をとる日が増えたとのこと。"});
    if (i >= 2) L.status(me, id, "継続支援", nullptr, 60);
  }
  // S11–S14: 本人 comes in; varied channels, including SNS and online.
  struct P { const char *title, *name, *reading, *sex, *age, *channel; };
  const P people[] = {{"S11 橋本さん（10代）", "橋本 陽向", "はしもと ひなた", "男性", "10代", "SNS"},
                      {"S12 阿部さん（20代）", "阿部 美咲", "あべ みさき", "女性", "20代", "メール"},
                      {"S13 石川さん（30代）", "石川 大輔", "いしかわ だいすけ", "男性", "30代", "オンライン面談"},
                      {"S14 前田さん（40代）", "前田 直美", "まえだ なおみ", "女性", "40代", "来所"}};
  int k = 0;
  for (const auto& p : people) {
    auto id = L.open_case(k % 2 ? boss : me,
                          {{"title", p.title}, {"intake_route", k == 0 ? "学校" : "本人"}, {"subject_awareness", "知っている"},
                           {"needs", k == 0 ? json{"不登校"} : json::array()},
                           {"subject", person("named", p.name, p.reading, p.sex, p.age)}},
                          300 - k * 40);
    for (int i = 0; i < 6; ++i)
      L.add(k % 2 ? boss : me, id, domain::add_days(*domain::parse_iso_date(L.date(0)), -(290 - k * 40 - i * 20)), 15, 0,
            {0, 0, p.channel, "本人", true, 30 + i * 5,
             i == 0 ? "初回の相談。今の生活リズムと、困っていることを聴いた。"
                    : i % 2 ? "近況を聴いた。居場所のプログラムに興味があるとのこと。"
                            : "前回から変わりなし。焦らず続けることを確認した。"});
    L.status(k % 2 ? boss : me, id, "継続支援", nullptr, 290 - k * 40);
    ++k;
  }
  // S15: contacts on both sides of 31 March / 1 April (fiscal-year edge).
  auto s15 = L.open_case(me, {{"title", "S15 藤田さん（30代男性）"}, {"intake_route", "民生委員"},
                              {"caller_relation", "民生委員"}, {"subject_awareness", "知らない"},
                              {"subject", person("named", "藤田 悠真", "ふじた ゆうま", "男性", "30代")}},
                         0 + static_cast<int>(domain::days_since_epoch(*domain::parse_iso_date(L.date(0))) -
                                              domain::days_since_epoch(L.last_march_31())) + 20);
  auto m31 = L.last_march_31();
  L.add(me, s15, m31, 16, 30, {0, 0, "電話", "民生委員", false, 15, "民生委員より年度末の連絡。本人の母が入院したとのこと。"});
  L.add(me, s15, m31, 23, 30, {0, 0, "メール", "母", false, 0, "母（入院中）から夜にメール。本人の食事が心配とのこと。"});
  L.add(me, s15, domain::add_days(m31, 1), 0, 30, {0, 0, "SNS", "きょうだい", false, 0, "妹からSNSで連絡（日付が変わった直後）。"});
  L.add(me, s15, domain::add_days(m31, 1), 10, 0, {0, 0, "訪問", "本人", false, 20, "新年度初日に訪問。会えなかったので手紙を置いてきた。"});
  // S16: 地域住民 intake, watch status.
  auto s16 = L.open_case(boss, {{"title", "S16 小川さん（60代）"}, {"intake_route", "地域住民"},
                                {"caller_relation", "地域住民"}, {"subject_awareness", "不明"}, {"needs", {"ごみ屋敷"}},
                                {"subject", person("pseudonym", "Kさん", nullptr, "男性", "60代")}},
                           80);
  L.contacts(boss, s16, {{80, 11, "電話", "地域住民", false, 10, "近所の方より。庭の荷物が増えており、姿を見かけないとの心配の声。"},
                         {70, 11, "訪問", "本人", false, 15, "訪問。応答なし。ポストに案内の手紙を入れた。"}});
  L.status(boss, s16, "見守り", nullptr, 70);
}

void aoba(Loader& L) {
  const std::string me = "takahashi", boss = "ito";
  // A01: 8050, the father calls; 本人 unmet for over a year.
  auto a01 = L.open_case(me, {{"title", "A01 岡田さん（50代男性）"}, {"intake_route", "家族"},
                              {"subject_awareness", "知らない"}, {"needs", {"8050", "生活困窮"}},
                              {"subject", person("named", "岡田 隆", "おかだ たかし", "男性", "50代")},
                              {"caller", caller("岡田 茂", "おかだ しげる", "男性", "80代", "父", "0120-00-1234")}},
                         480);
  L.monthly_calls(me, a01, 14, 20, "父",
                  {"父（80代）より電話。自分が亡くなった後の息子の生活が心配とのこと。",
                   "父より。年金だけの生活が苦しくなってきた。社協の貸付について情報提供。",
                   "父より。息子が買い物に一人で出かけたとのこと。"});
  L.contacts(me, a01, {{200, 13, "手紙", "本人", false, 0, "本人宛てに手紙。父の了解を得て、相談員の自己紹介のみ。"},
                       {170, 13, "訪問", "本人", false, 30, "訪問。父と面談。本人は二階にいたが降りてこなかった。"}});
  // A02: anonymous SNS consultation by 本人 themself.
  auto a02 = L.open_case(me, {{"title", "A02 匿名のSNS相談（本人）"}, {"intake_route", "本人"},
                              {"subject_awareness", "知っている"},
                              {"subject", person("anonymous", nullptr, nullptr, "不明", "20代")}},
                         45);
  L.contacts(me, a02, {{45, 22, "SNS", "本人", true, 0, "夜にSNSで相談。名前は言いたくないとのこと。眠れない日が続いている。"},
                       {38, 21, "SNS", "本人", true, 0, "SNSで2回目のやりとり。居場所の開催日を伝えた。"}});
  // A03: moved forward, then back to 受付 — and that is ordinary.
  auto a03 = L.open_case(boss, {{"title", "A03 近藤さん（30代女性）"}, {"intake_route", "関係機関"},
                                {"caller_relation", "関係機関"}, {"subject_awareness", "知っている"},
                                {"needs", {"精神疾患", "ダブルケア"}},
                                {"subject", person("named", "近藤 葵", "こんどう あおい", "女性", "30代", "090-2236-0679")}},
                           360);
  L.contacts(boss, a03, {{355, 10, "出張相談", "本人", true, 60, "町の出張相談会で面談。保健センターからの紹介。"},
                         {300, 10, "来所", "本人", true, 60, "来所。祖母の介護と子育てが重なり疲れている。"},
                         {200, 10, "電話", "本人", true, 20, "体調を崩して入院していたとの連絡。無理をしないことを確認。"}});
  L.status(boss, a03, "継続支援", nullptr, 300);
  L.status(boss, a03, "受付", nullptr, 200);
  L.status(boss, a03, "継続支援", nullptr, 100);
  // A04–A07: smaller family-only and school cases.
  const char* names[][2] = {{"A04 石井さん（10代）", "学校"}, {"A05 坂本さん（20代）", "家族"},
                            {"A06 遠藤さん（40代）", "家族"}, {"A07 青木さん（30代）", "民生委員"}};
  for (int i = 0; i < 4; ++i) {
    auto id = L.open_case(i % 2 ? boss : me,
                          {{"title", names[i][0]}, {"intake_route", names[i][1]}, {"subject_awareness", "不明"},
                           {"needs", i == 0 ? json{"不登校"} : json::array()}},
                          60 + i * 70);
    L.monthly_calls(i % 2 ? boss : me, id, 2 + i, 7 + i * 5, i == 0 ? "学校" : i == 3 ? "民生委員" : "母",
                    {"電話で近況を聴いた。本人にはまだ会えていない。", "家族の心配ごとを整理した。次回も電話で。"});
  }
  // A08: closed as 中断 (the family stopped calling), kept for the record.
  auto a08 = L.open_case(me, {{"title", "A08 西村さん（20代）"}, {"intake_route", "家族"},
                              {"subject_awareness", "知らない"}},
                         300);
  L.contacts(me, a08, {{298, 10, "電話", "母", false, 30, "母より相談。本人の昼夜逆転が続いている。"},
                       {260, 10, "電話", "母", false, 20, "母より。もう少し様子を見たいとのこと。"}});
  L.status(me, a08, "中断", "家族から連絡が途絶え、こちらからの連絡にも応答がないため中断。", 150);
}

void prefecture(Loader& L) {
  if (!L.has("kato")) return;
  const std::string me = "kato";
  const char* cases[][3] = {{"P01 福田さん（40代）", "関係機関", "市町村の相談窓口からの後方支援の依頼。"},
                            {"P02 太田さん（30代）", "本人", "県センターのメール相談。住んでいる町にも窓口があることを伝えた。"},
                            {"P03 長谷川さん（50代）", "家族", "きょうだいからの電話相談。県外に住んでおり、実家の兄を心配している。"},
                            {"P04 村上さん（20代）", "その他", "講演会のあとに個別相談を希望された。"},
                            {"P05 後藤さん（40代）", "関係機関", "精神保健福祉センターと合同で面談。"},
                            {"P06 藤井さん（30代）", "家族", "母からの電話。市の窓口につなぐ前の相談。"}};
  const char* channels[] = {"電話", "メール", "電話", "来所", "来所", "電話"};
  const char* who[] = {"関係機関", "本人", "きょうだい", "本人", "本人", "母"};
  for (int i = 0; i < 6; ++i) {
    auto id = L.open_case(me, {{"title", cases[i][0]}, {"intake_route", cases[i][1]}, {"subject_awareness", "不明"}},
                          30 + i * 75);
    L.contacts(me, id, {{30 + i * 75, 14, channels[i], who[i], std::string(who[i]) == "本人", 40, cases[i][2]},
                        {20 + i * 60, 14, "電話", who[i], std::string(who[i]) == "本人", 20, "その後の様子を確認した。"}});
  }
}

}  // namespace

void load_demo_cases(store::Connection& c, const service::SealKey& key) {
  Loader L(c, key);
  sakura(L);
  aoba(L);
  prefecture(L);
}

std::optional<std::string> demo_case_id(store::Connection& c, const std::string& key) {
  auto r = c.query_one("SELECT id FROM cases WHERE title LIKE ? ORDER BY created_at LIMIT 1", {key + " %"});
  if (!r) return std::nullopt;
  return r->text(0);
}

std::map<std::string, service::Actor> demo_actors(store::Connection& c) {
  std::map<std::string, service::Actor> actors;
  for (const auto& r : c.query(
           "SELECT u.id, u.login, u.display_name, u.role, u.organisation_id, o.name FROM users u "
           "JOIN organisations o ON o.id = u.organisation_id"))
    actors[r.text(1)] = service::Actor{r.text(0), r.text(1), r.text(2),
                                       domain::parse_role(r.text(3)).value_or(domain::Role::coordinator),
                                       r.text(4), r.text(5), "demo"};
  return actors;
}

}  // namespace tsunagu::cli
