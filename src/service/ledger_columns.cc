#include "service/ledger_columns.h"

#include <algorithm>
#include <utility>

#include "domain/age_band.h"
#include "domain/case_attributes.h"
#include "domain/contact.h"
#include "domain/person.h"
#include "domain/written_date.h"
#include "service/csv_text.h"

namespace tsunagu::service::ledger {
namespace {

// Header names, compared after csv::header_key (no spaces, half-width
// brackets). The first of each is what the export writes.
const std::vector<std::pair<Column, std::vector<std::string_view>>> kNames = {
    {Column::number, {"台帳番号", "ケース番号", "番号", "No", "No.", "ID", "相談番号", "受付番号"}},
    {Column::title, {"ケース名", "件名"}},
    {Column::route, {"相談経路", "経路", "受付経路"}},
    {Column::opened_on, {"受付日", "受付年月日", "初回相談日", "初回受付日"}},
    {Column::name, {"氏名", "本人氏名", "氏名(本人)", "名前", "対象者氏名"}},
    {Column::furigana, {"ふりがな", "フリガナ", "よみがな", "ヨミガナ", "氏名(ふりがな)", "氏名(フリガナ)"}},
    {Column::sex, {"性別"}},
    {Column::birth_date, {"生年月日"}},
    {Column::age_band, {"年代", "年齢", "年齢(年代)"}},
    {Column::date, {"相談日", "相談年月日", "対応日", "日付", "実施日", "支援日"}},
    {Column::time, {"時刻", "時間帯", "開始時刻"}},
    {Column::channel, {"相談方法", "方法", "相談形態", "手段", "対応方法"}},
    {Column::sub_kind, {"その他の内訳", "内訳"}},
    {Column::counterpart, {"相談者", "来談者", "相談者(続柄)", "相談者続柄"}},
    {Column::subject_met, {"本人に会えたか", "本人に会えた", "本人面談"}},
    {Column::minutes, {"所要時間(分)", "所要時間", "対応時間(分)", "時間(分)"}},
    {Column::staff, {"対応者", "担当者", "対応職員", "記録者"}},
    {Column::note, {"記録", "相談内容", "内容", "対応内容", "経過", "メモ", "備考"}},
};

// Cell text with full-width letters and digits made half-width and the
// ends trimmed, so that 「来所 」 and 「ＳＮＳ」 are read as written.
std::string plain(const std::string& written) {
  std::string s = domain::half_width(written);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

template <std::size_t N>
std::optional<std::string> verbatim(const std::array<std::string_view, N>& values, const std::string& s) {
  for (auto v : values)
    if (v == s) return std::string(v);
  return std::nullopt;
}

std::optional<std::string> lookup(const std::vector<std::pair<std::string_view, std::string_view>>& words,
                                  const std::string& s) {
  for (const auto& [w, v] : words)
    if (w == s) return std::string(v);
  return std::nullopt;
}

}  // namespace

const std::array<std::string_view, kColumnCount> kLedgerHeader = {
    "台帳番号", "ケース名", "相談経路", "受付日", "氏名",   "ふりがな", "性別",           "生年月日",       "年代",
    "相談日",   "時刻",     "相談方法", "その他の内訳", "相談者", "本人に会えたか", "所要時間（分）", "対応者", "記録"};

std::optional<Column> column_named(const std::string& header_cell) {
  const std::string key = csv::header_key(header_cell);
  for (const auto& [column, names] : kNames)
    if (std::find(names.begin(), names.end(), key) != names.end()) return column;
  return std::nullopt;
}

std::string_view label(Column c) { return kLedgerHeader.at(static_cast<std::size_t>(c)); }

std::optional<Channel> channel_of(const std::string& written) {
  const std::string s = plain(written);
  if (auto v = verbatim(domain::kContactChannelValues, s)) return Channel{*v, std::nullopt};
  if (auto sub = verbatim(domain::kContactSubKindValues, s)) return Channel{std::string(domain::kChannelOther), *sub};
  static const std::vector<std::pair<std::string_view, std::string_view>> kWords = {
      {"電話相談", "電話"}, {"TEL", "電話"},   {"tel", "電話"},       {"Eメール", "メール"}, {"E-mail", "メール"},
      {"e-mail", "メール"}, {"mail", "メール"}, {"LINE", "SNS"},      {"チャット", "SNS"},   {"来所相談", "来所"},
      {"面談", "来所"},     {"面接", "来所"},   {"窓口", "来所"},     {"その他", domain::kChannelOther},
      {"その他(訪問等)", domain::kChannelOther}};
  if (auto v = lookup(kWords, s)) return Channel{*v, std::nullopt};
  static const std::vector<std::pair<std::string_view, std::string_view>> kSubWords = {
      {"家庭訪問", "訪問"}, {"アウトリーチ", "訪問"}, {"オンライン", "オンライン面談"}, {"Web面談", "オンライン面談"}};
  if (auto sub = lookup(kSubWords, s)) return Channel{std::string(domain::kChannelOther), *sub};
  return std::nullopt;
}

std::optional<std::string> counterpart_of(const std::string& written) {
  const std::string s = plain(written);
  if (auto v = verbatim(domain::kContactCounterpartValues, s)) return v;
  static const std::vector<std::pair<std::string_view, std::string_view>> kWords = {
      {"父親", "父"},       {"母親", "母"},         {"兄", "きょうだい"},     {"姉", "きょうだい"},
      {"弟", "きょうだい"}, {"妹", "きょうだい"},   {"兄弟", "きょうだい"},   {"姉妹", "きょうだい"},
      {"夫", "配偶者"},     {"妻", "配偶者"},       {"息子", "子"},           {"娘", "子"},
      {"祖父", "祖父母"},   {"祖母", "祖父母"},     {"家族", "その他の家族"}, {"親族", "その他の家族"},
      {"両親", "その他の家族"}, {"機関", "関係機関"}, {"近隣住民", "地域住民"}, {"民生・児童委員", "民生委員"}};
  return lookup(kWords, s);
}

std::optional<std::string> route_of(const std::string& written) {
  const std::string s = plain(written);
  if (auto v = verbatim(domain::kIntakeRouteValues, s)) return v;
  if (auto c = counterpart_of(s)) return route_from_counterpart(*c);
  return std::nullopt;
}

std::string route_from_counterpart(const std::string& counterpart) {
  static const std::vector<std::string_view> kFamily = {"父", "母", "きょうだい", "配偶者", "子", "祖父母", "その他の家族"};
  if (std::find(kFamily.begin(), kFamily.end(), counterpart) != kFamily.end()) return "家族";
  if (verbatim(domain::kIntakeRouteValues, counterpart)) return counterpart;
  return "その他";
}

std::optional<std::string> sex_of(const std::string& written) {
  const std::string s = plain(written);
  if (auto v = verbatim(domain::kSexValues, s)) return v;
  static const std::vector<std::pair<std::string_view, std::string_view>> kWords = {
      {"男", "男性"}, {"女", "女性"}, {"M", "男性"}, {"F", "女性"}, {"無回答", "回答しない"}, {"-", "不明"}};
  return lookup(kWords, s);
}

std::optional<std::string> age_band_of(const std::string& written) {
  std::string s = plain(written);
  if (auto v = verbatim(domain::kPersonAgeBandValues, s)) return v;
  if (s == "年齢不明" || s == "不詳") return std::string("不明");
  // 「40歳代」「40代」「40歳」「45」: the band of the age.
  std::size_t i = 0;
  int age = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 3) age = age * 10 + (s[i++] - '0');
  if (i == 0) return std::nullopt;
  const std::string rest = s.substr(i);
  if (rest != "" && rest != "歳" && rest != "代" && rest != "歳代" && rest != "才") return std::nullopt;
  if ((rest == "代" || rest == "歳代") && age % 10 != 0) return std::nullopt;
  return std::string(domain::person_age_band_for_age(age));
}

std::optional<bool> yes_no_of(const std::string& written) {
  const std::string s = plain(written);
  for (auto y : {"はい", "○", "〇", "有", "あり", "会えた", "1", "TRUE", "true", "Y"})
    if (s == y) return true;
  for (auto n : {"いいえ", "×", "無", "なし", "会えなかった", "0", "FALSE", "false", "N"})
    if (s == n) return false;
  return std::nullopt;
}

}  // namespace tsunagu::service::ledger
