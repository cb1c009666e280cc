// The columns of a 相談台帳 (consultation ledger) as centres keep them in
// Excel, and the words they write in each, mapped to tsunagu's fields and
// enumerations. One row is one consultation (相談記録); rows with the same
// 台帳番号 (or, without one, the same 氏名 and 生年月日) are one case. The
// export (service/ledger_export.h) writes exactly kLedgerHeader, so that
// what tsunagu writes out reads back in.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::service::ledger {

enum class Column {
  number,        // 台帳番号: which rows are one case
  title,         // ケース名
  route,         // 相談経路 (intake_route)
  opened_on,     // 受付日
  name,          // 氏名 (none: an anonymous 本人)
  furigana,      // ふりがな
  sex,           // 性別
  birth_date,    // 生年月日
  age_band,      // 年代
  date,          // 相談日: the consultation of the row
  time,          // 時刻
  channel,       // 相談方法
  sub_kind,      // その他の内訳
  counterpart,   // 相談者
  subject_met,   // 本人に会えたか
  minutes,       // 所要時間（分）
  staff,         // 対応者 (a staff member's display name)
  note,          // 記録
};
inline constexpr std::size_t kColumnCount = 18;

// The header the export writes, in Column order.
extern const std::array<std::string_view, kColumnCount> kLedgerHeader;

// The column a header cell names (compared by csv::header_key, with the
// other names ledgers use: 番号, 氏名（本人）, 相談年月日, 方法, 内容, 担当者…);
// nullopt for a column tsunagu does not read.
std::optional<Column> column_named(const std::string& header_cell);

std::string_view label(Column c);

// Each returns tsunagu's value for what a ledger wrote, or nullopt when the
// word is not one it knows (the caller reports the row and the column).
struct Channel {
  std::string channel;
  std::optional<std::string> sub_kind;
};
std::optional<Channel> channel_of(const std::string& written);
std::optional<std::string> counterpart_of(const std::string& written);
std::optional<std::string> route_of(const std::string& written);
std::optional<std::string> sex_of(const std::string& written);
std::optional<std::string> age_band_of(const std::string& written);
std::optional<bool> yes_no_of(const std::string& written);

// The 相談経路 a case takes from its first consultation's 相談者, when the
// ledger has no 相談経路 column: 本人 → 本人, a family member → 家族, the
// others as they are.
std::string route_from_counterpart(const std::string& counterpart);

}  // namespace tsunagu::service::ledger
