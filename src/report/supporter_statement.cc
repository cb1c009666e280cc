#include "report/supporter_statement.h"

#include <algorithm>

namespace tsunagu::report {

PayRates pay_rates(store::Connection& db, const std::string& organisation_id) {
  PayRates p;
  if (auto r = db.query_one("SELECT yen_per_hour, transport_cap_yen, version FROM supporter_pay_rates WHERE organisation_id = ?",
                            {organisation_id})) {
    p.yen_per_hour = r->integer(0);
    p.transport_cap_yen = r->opt_integer(1);
    p.version = r->integer(2);
  }
  return p;
}

std::int64_t honorarium_yen(std::int64_t minutes, std::int64_t yen_per_hour) {
  return (minutes * yen_per_hour + 30) / 60;
}

Table supporter_statement(store::Connection& db, const std::string& supporter_id, const std::string& supporter_name,
                          const std::string& organisation_id, const std::string& month) {
  auto rates = pay_rates(db, organisation_id);
  Table t;
  t.id = "supporter_statement";
  t.title = "サポーター活動の明細（" + supporter_name + "さん）";
  t.sheet_name = "活動の明細";
  t.caption = {month.substr(0, 4) + "年" + std::to_string(std::stoi(month.substr(5, 2))) + "月分"};
  t.columns = {{"day", "日付", ColumnKind::text},
               {"activity", "活動", ColumnKind::text},
               {"minutes", "時間（分）", ColumnKind::number},
               {"honorarium", "謝金（円）", ColumnKind::number},
               {"transport", "交通費（円）", ColumnKind::number}};
  if (rates.yen_per_hour)
    t.notes.push_back("謝金は1時間 " + std::to_string(*rates.yen_per_hour) + " 円で計算（1円未満は四捨五入）。");
  else
    t.notes.push_back("謝金の単価がまだ決められていないため、謝金は空欄です。");
  if (rates.transport_cap_yen) t.notes.push_back("交通費は1回 " + std::to_string(*rates.transport_cap_yen) + " 円までです。");
  std::int64_t minutes_total = 0, honorarium_total = 0, transport_total = 0;
  for (const auto& r : db.query(
           "SELECT starts_at, activity, COALESCE(hours_minutes, 0), COALESCE(transport_yen, 0) FROM dispatches "
           "WHERE supporter_id = ? AND state IN ('実施', '報告済み') AND starts_at >= ? AND starts_at < ? "
           "ORDER BY starts_at, id",
           {supporter_id, month + "-01", month + "-32"})) {
    std::int64_t minutes = r.integer(2), transport = r.integer(3);
    if (rates.transport_cap_yen) transport = std::min(transport, *rates.transport_cap_yen);
    Cell honorarium = std::monostate{};
    if (rates.yen_per_hour) {
      auto yen = honorarium_yen(minutes, *rates.yen_per_hour);
      honorarium = yen;
      honorarium_total += yen;
    }
    minutes_total += minutes;
    transport_total += transport;
    t.rows.push_back({r.text(0).substr(0, 10), r.text(1), minutes, honorarium, transport});
  }
  t.rows.push_back({std::string("合計"), std::string(), minutes_total,
                    rates.yen_per_hour ? Cell{honorarium_total} : Cell{std::monostate{}}, transport_total});
  t.total_row = t.rows.size() - 1;
  return t;
}

}  // namespace tsunagu::report
