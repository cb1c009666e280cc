#include "cli/demo_public.h"

#include "service/clock.h"
#include "service/secrets.h"

namespace tsunagu::cli {
namespace {

struct Profile {
  const char *name, *offers, *hours, *phone, *address, *access;
  bool consultation;
  const char* protocol;
};

constexpr char kProtocol[] =
    "1. 主任相談員（不在なら所長）にすぐ知らせる。\n"
    "2. 返信では、いまの気持ちを受け止め、緊急の連絡先（119・110、こころの健康相談統一ダイヤル）を案内する。\n"
    "3. 返信と対応を内部メモに残す。\n"
    "4. 翌営業日までに、ケース会議で対応を確かめる。";

}  // namespace

void load_demo_public(store::Connection& c) {
  static const Profile profiles[] = {
      {"みどり県ひきこもり地域支援センター",
       "県内どこにお住まいの方も相談できます。ご本人・ご家族からの電話・来所・オンライン相談、家族教室（CRAFT）、講演会。",
       "平日 9:00〜17:00（祝日・年末年始を除く）", "099-000-1234", "みどり県みどり市中央1-2-3 県保健福祉センター3階",
       "みどり駅から徒歩8分。駐車場あり。", true, kProtocol},
      {"さくら市ひきこもり支援ステーション",
       "さくら市にお住まいのご本人・ご家族の相談、訪問、居場所「さくらカフェ」、家族会。",
       "月〜金 9:00〜17:00、第2土曜 10:00〜15:00", "099-200-5678", "さくら市本町2-1 さくら市福祉センター1階",
       "さくら駅からバスで10分「福祉センター前」下車。", true, kProtocol},
      {"あおば町ひきこもりサポート事業", "あおば町の相談窓口。保健師がお話を伺います。訪問もできます。",
       "平日 8:30〜17:15", "099-300-0011", "あおば町役場 保健福祉課", "役場1階の保健福祉課の窓口へ。", false, nullptr},
      {"NPO法人ひだまりの家", "フリースペース（週1回）。ピアスタッフがいます。予約はいりません。",
       "木曜 13:00〜17:00", nullptr, "さくら市ひがし台3-4-5", "ひがし台駅から徒歩5分。", false, nullptr},
  };
  for (const auto& p : profiles)
    c.execute(
        "UPDATE organisations SET public_listing = 1, public_offers = ?, public_hours = ?, public_phone = ?, "
        "public_address = ?, public_access = ?, consultation_open = ?, consultation_protocol = ? WHERE name = ?",
        {p.offers, p.hours, p.phone ? store::Value{p.phone} : store::null(), p.address, p.access,
         std::int64_t{p.consultation ? 1 : 0}, p.protocol ? store::Value{p.protocol} : store::null(), p.name});
  auto station = c.query_one("SELECT id FROM organisations WHERE name = 'さくら市ひきこもり支援ステーション'");
  if (!station) return;
  static const std::pair<const char*, const char*> templates[] = {
      {"はじめてのお返事",
       "ご相談ありがとうございます。さくら市ひきこもり支援ステーションの相談員です。\n"
       "書いてくださったこと、しっかり読みました。\n"
       "よろしければ、いま一番困っていることを、もう少し教えていただけますか。書ける範囲で大丈夫です。"},
      {"来所・電話のご案内",
       "もし直接お話しすることに関心があれば、電話（099-200-5678、平日9時〜17時）や来所でもお話を伺えます。"
       "名前を言わずにご相談いただくこともできます。もちろん、このままここでのやりとりを続けても大丈夫です。"},
      {"家族会のご案内",
       "同じような思いをされているご家族が集まる家族会を、毎月第3土曜に開いています。"
       "話を聞くだけの参加もできます。ご関心があれば、日時と場所をお知らせします。"},
  };
  for (const auto& [title, body] : templates)
    c.execute("INSERT INTO consultation_templates (id, organisation_id, title, body, created_at) VALUES (?,?,?,?,?)",
              {service::random_id(), station->text(0), title, body, service::now_utc()});
}

}  // namespace tsunagu::cli
