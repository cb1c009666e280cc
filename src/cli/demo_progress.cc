#include "cli/demo_progress.h"

#include <map>

#include <nlohmann/json.hpp>

#include "cli/demo_cases.h"
#include "domain/date.h"
#include "service/actor.h"
#include "service/assessments.h"
#include "service/case_ref.h"
#include "service/clock.h"
#include "service/plans.h"
#include "service/stages.h"

namespace tsunagu::cli {
namespace {

using nlohmann::json;

class Progress {
 public:
  explicit Progress(store::Connection& c) : c_(c) {
    today_ = *domain::parse_iso_date(service::today_tokyo());
    actors_ = demo_actors(c_);
  }

  std::string date(int days_ago) const { return domain::format_iso_date(domain::add_days(today_, -days_ago)); }
  bool has(const std::string& login) const { return actors_.count(login) > 0; }

  void assess(const std::string& login, const std::string& case_id, int days_ago, json body) {
    auto ref = service::find_case_ref(c_, case_id);
    body["assessed_on"] = date(days_ago);
    service::create_assessment(c_, actors_.at(login), ref->id, ref->organisation_id, body);
  }

  // Creates a plan; returns it (with goal ids in goal order).
  service::Plan plan(const std::string& login, const std::string& case_id, int days_ago, json body) {
    auto ref = service::find_case_ref(c_, case_id);
    body["started_on"] = date(days_ago);
    return service::create_plan(c_, actors_.at(login), ref->id, ref->organisation_id, body);
  }

  void progress(const std::string& login, const service::Plan& plan, std::size_t goal, int days_ago, int level,
                const char* note) {
    json body = {{"recorded_on", date(days_ago)}, {"level", level}};
    if (note) body["note"] = note;
    service::record_progress(c_, actors_.at(login), plan.id, plan.goals.at(goal).id, body);
  }

  void stage(const std::string& login, const std::string& case_id, const char* to, int days_ago,
             const char* note = nullptr) {
    auto ref = service::find_case_ref(c_, case_id);
    json body = {{"to_stage", to}, {"changed_on", date(days_ago)}};
    if (note) body["note"] = note;
    service::change_stage(c_, actors_.at(login), *ref, ref->version, body);
  }

 private:
  store::Connection& c_;
  domain::Date today_;
  std::map<std::string, service::Actor> actors_;
};

// The demo case whose ledger number is `key` ("S05 井上さん…"), if loaded.
std::optional<std::string> demo_case(store::Connection& c, const std::string& key) {
  auto r = c.query_one("SELECT id FROM cases WHERE title LIKE ? ORDER BY created_at", {key + " %"});
  if (!r) return std::nullopt;
  return r->text(0);
}

json goal(const char* axis, const char* term, const char* words, const char* support = nullptr) {
  json g = {{"axis", axis}, {"term", term}, {"words", words}};
  if (support) g["support"] = support;
  return g;
}

}  // namespace

void load_demo_progress(store::Connection& c) {
  Progress P(c);
  if (!P.has("suzuki") || !P.has("sato") || !P.has("ito")) return;
  const std::string me = "suzuki", boss = "sato", aoba = "ito";

  // S01: family only — assessed from the mother's account; 本人 not met.
  if (auto s01 = demo_case(c, "S01")) {
    P.assess(me, *s01, 200,
             {{"outing_level", "自室からは出るが、家からは出ない"},
              {"outing_duration_band", "10年以上"},
              {"withdrawal_phase", "ひきこもり段階"},
              {"environment", "母（70代）と二人暮らし。父は5年前に他界。年金と貯金で生活。"},
              {"side_social", "近所付き合いはほとんどない。親戚とも疎遠。"},
              {"family_distress", "母は自分が亡くなった後のことを心配して眠れない日がある。"},
              {"strengths", "家の中の掃除や洗濯は本人がしている（母の話）。"},
              {"interests", "夜にラジオを聞いている。"},
              {"triggers", {"退職", "人間関係"}},
              {"note", "本人とは未面談。母からの聞き取りによる。"}});
    P.stage(me, *s01, "出会い・評価段階", 200, "母との面談を続けている。");
  }

  // S02: letters, visits, then a meeting — two assessments show the change.
  if (auto s02 = demo_case(c, "S02")) {
    P.assess(me, *s02, 440,
             {{"outing_level", "自室からほとんど出ない"},
              {"outing_duration_band", "5年～7年未満"},
              {"withdrawal_phase", "ひきこもり段階"},
              {"mental_background", "母の話では、大学在学中に心療内科を受診していた（診断名は不明）。"},
              {"side_psychological", "家族との会話も少ない（母の話）。"},
              {"life_difficulties", {"学業的", "対人的"}},
              {"family_distress", "母は声をかけるたびに拒まれ、疲れている。"},
              {"interests", "ゲーム（母の話）。"},
              {"triggers", {"人間関係", "不登校"}},
              {"note", "本人とは未面談。母からの聞き取り。"}});
    P.assess(me, *s02, 190,
             {{"outing_level", "近所のコンビニなどには出かける"},
              {"outing_since", P.date(280)},
              {"withdrawal_phase", "社会との再開段階"},
              {"mental_background", "母の話では、大学在学中に心療内科を受診していた（診断名は不明）。"},
              {"side_psychological", "初対面の人の前では緊張が強いが、話題が合うと話せる。"},
              {"side_social", "居場所の見学に一度来た。"},
              {"life_difficulties", json::array({"対人的"})},
              {"distress", "「このままでいいとは思っていない。でも何から始めたらいいかわからない」"},
              {"family_distress", "母は本人が来所したことに安心している。"},
              {"strengths", "パソコンに詳しい。約束の時間は守る。"},
              {"interests", "ゲーム、古いパソコンの修理。"},
              {"triggers", {"人間関係", "不登校"}}});
    auto plan = P.plan(me, *s02, 185,
                       {{"title", "はじめての支援計画"},
                        {"wish", "「人が多いところはまだ怖い。でもパソコンのことなら話せるかも」"},
                        {"consent", "同意"},
                        {"consent_on", P.date(185)},
                        {"review_on", P.date(-5)},
                        {"goals",
                         {goal("日常生活自立", "短期", "朝ごはんの時間に起きる日を増やしたい", "起きられた日を一緒に数える"),
                          goal("社会生活自立", "短期", "月に1回、居場所に顔を出してみる", "初回は同じ職員が付き添う"),
                          goal("社会生活自立", "中期", "パソコン好きの人と話してみたい", "居場所のパソコン講座を紹介する"),
                          goal("経済的自立", "長期", "いつかは自分で少しでも稼げたら", nullptr)}}});
    P.progress(me, plan, 0, 150, 1, "週に2日は朝起きられた。");
    P.progress(me, plan, 1, 150, 2, "居場所に1回来た。30分ほど滞在。");
    P.progress(me, plan, 0, 90, 2, "平日はほぼ朝起きている。");
    P.progress(me, plan, 1, 90, 1, "体調がすぐれず今月は行けなかった。手紙で近況を伝えてくれた。");
    P.progress(me, plan, 1, 30, 2, "居場所に2回来た。");
    P.stage(me, *s02, "出会い・評価段階", 455, "母の来所から。");
    P.stage(me, *s02, "個人的支援段階", 290, "本人と会えた。");
    P.stage(me, *s02, "中間的・過渡的な支援段階", 150, "居場所の利用を始めた。");
  }

  // S03: 8050 — one assessment, a plan centred on daily life.
  if (auto s03 = demo_case(c, "S03")) {
    P.assess(boss, *s03, 290,
             {{"outing_level", "近所のコンビニなどには出かける"},
              {"outing_duration_band", "10年以上"},
              {"withdrawal_phase", "ひきこもり段階"},
              {"environment", "父（82歳、要介護）と二人暮らし。家の中に物が多い。収入は父の年金のみ。"},
              {"side_physical", "腰痛があると話す。健診は長く受けていない。"},
              {"side_social", "地域包括支援センター、福祉事務所と連携。"},
              {"life_difficulties", {"職業的", "その他"}},
              {"distress", "「親父がいなくなったらどうしたらいいのか」"},
              {"strengths", "父の通院の付き添いはしている。料理ができる。"},
              {"triggers", {"退職", "介護・看護"}}});
    auto plan = P.plan(boss, *s03, 280,
                       {{"title", "生活を立て直す計画"},
                        {"wish", "「まずは親父の入院と家のことを片付けたい」"},
                        {"consent", "一部同意"},
                        {"consent_on", P.date(280)},
                        {"review_on", P.date(20)},
                        {"goals",
                         {goal("日常生活自立", "短期", "台所とトイレまでの通り道を片付ける", "片付けを一緒に行う日を決める"),
                          goal("経済的自立", "短期", "生活費の相談ができるところを知りたい", "福祉事務所に同行する"),
                          goal("社会生活自立", "中期", "親父の見舞いに一人で行けるようにする", nullptr)}}});
    P.progress(boss, plan, 0, 240, 1, "台所の一角を一緒に片付けた。");
    P.progress(boss, plan, 1, 200, 3, "福祉事務所で生活保護の相談をした。");
    P.progress(boss, plan, 0, 120, 3, "通り道ができた。");
    P.progress(boss, plan, 0, 60, 2, "父の退院準備で物が増え、また少し散らかった。本人は「また片付ければいい」と話す。");
    P.stage(boss, *s03, "出会い・評価段階", 390);
    P.stage(boss, *s03, "個人的支援段階", 300, "本人と会えた。");
  }

  // S05: moved forward, ended, came back — and went back a stage. Ordinary.
  if (auto s05 = demo_case(c, "S05")) {
    P.assess(me, *s05, 500,
             {{"outing_level", "趣味の用事のときだけ外出する"},
              {"outing_since", P.date(900)},
              {"withdrawal_phase", "社会との再開段階"},
              {"developmental", "本人の話では、高校生のときに医療機関で発達特性の指摘を受けた。"},
              {"side_psychological", "電話や大勢の場は苦手。メールや少人数なら話せる。"},
              {"life_difficulties", {"対人的", "職業的"}},
              {"strengths", "文章で気持ちを伝えるのが上手。絵を描く。"},
              {"interests", "イラスト、動物。"},
              {"triggers", {"就職活動", "人間関係"}}});
    P.assess(me, *s05, 110,
             {{"outing_level", "人づきあいのためにときどき外出する"},
              {"outing_since", P.date(130)},
              {"employed", true},
              {"withdrawal_phase", "社会との再開段階"},
              {"developmental", "本人の話では、高校生のときに医療機関で発達特性の指摘を受けた。"},
              {"side_psychological", "職場の人間関係で疲れ、休みがちになっている。"},
              {"life_difficulties", {"職業的", "対人的"}},
              {"distress", "「また前みたいになるのが怖い」"},
              {"strengths", "一度アルバイトを続けられた経験がある。文章で気持ちを伝えるのが上手。"},
              {"interests", "イラスト、動物、居場所のカフェ当番。"},
              {"triggers", json::array({"人間関係"})}});
    auto plan = P.plan(me, *s05, 495,
                       {{"title", "居場所からはじめる計画"},
                        {"wish", "「人と話すのは苦手だけど、好きなことなら続けられると思う」"},
                        {"consent", "同意"},
                        {"consent_on", P.date(495)},
                        {"review_on", P.date(-20)},
                        {"goals",
                         {goal("社会生活自立", "短期", "居場所に月2回通う", "メールで予定を確認する"),
                          goal("経済的自立", "中期", "短い時間のアルバイトをしてみたい", "求人の見方を一緒に確認する"),
                          goal("日常生活自立", "長期", "疲れたときに自分で休み方を決められるようになりたい")}}});
    P.progress(me, plan, 0, 470, 2, "2回とも来られた。");
    P.progress(me, plan, 1, 430, 3, "アルバイトを始めた。");
    P.progress(me, plan, 1, 115, 1, "職場の人間関係で休みがち。本人は「少し休んでから考えたい」。");
    P.progress(me, plan, 0, 100, 2, "居場所の利用を再開した。");
    P.progress(me, plan, 2, 100, 2, "休む日を自分で決めて職場に伝えられた。");
    P.stage(me, *s05, "出会い・評価段階", 535);
    P.stage(me, *s05, "個人的支援段階", 500, "来所面談を始めた。");
    P.stage(me, *s05, "中間的・過渡的な支援段階", 480, "居場所に通い始めた。");
    P.stage(me, *s05, "社会参加の試行段階", 430, "アルバイトを始めた。");
    P.stage(me, *s05, "個人的支援段階", 110, "本人の希望で、面談を中心にした関わりに戻す。");
  }

  // A03 (あおば町): forward, back during an illness, forward again.
  if (auto a03 = demo_case(c, "A03")) {
    P.assess(aoba, *a03, 300,
             {{"outing_level", "近所のコンビニなどには出かける"},
              {"outing_duration_band", "1年～2年未満"},
              {"homemaker_or_childcare", true},
              {"talked_with_non_family", true},
              {"mental_background", "本人の話では、保健センターの紹介で受診し、うつ病と言われた。"},
              {"support_group", "第1群"},
              {"side_physical", "睡眠が浅い。"},
              {"life_difficulties", {"対人的", "その他"}},
              {"distress", "「誰にも頼れない」"},
              {"family_distress", "夫は仕事が忙しく、祖母の介護は本人が担っている。"},
              {"strengths", "子どもの送り迎えは毎日している。"},
              {"triggers", {"介護・看護", "病気"}}});
    P.stage(aoba, *a03, "出会い・評価段階", 355);
    P.stage(aoba, *a03, "個人的支援段階", 300);
    P.stage(aoba, *a03, "出会い・評価段階", 200, "入院のため。退院後にあらためて話を聞く。");
    P.stage(aoba, *a03, "個人的支援段階", 100, "体調が落ち着き、面談を再開。");
  }
}

}  // namespace tsunagu::cli
