#include "report/supporter_statement.h"

#include <algorithm>

#include "domain/supporter.h"

namespace tsunagu::report {

PayRates pay_rates(store::Connection& db, const std::string& organisation_id) {
  PayRates p;
  if (auto r = db.query_one("SELECT yen_per_hour, transport_cap_yen, version FROM supporter_pay_rates WHERE organisation_id = ?",
                            {organisation_id})) {
    p.yen_per_hour = r->integer(0);
    p.transport_cap_yen = r->opt_integer(1);
    p.version = r->integer(2);
  }
  for (const auto& r : db.query("SELECT activity, yen_per_hour, transport_cap_yen FROM supporter_activity_rates "
                                "WHERE organisation_id = ?",
                                {organisation_id}))
    p.by_activity.push_back({r.text(0), r.integer(1), r.opt_integer(2)});
  auto order = [](const ActivityRate& a) {
    return domain::kSupporterActivity.index_of(a.activity).value_or(domain::kSupporterActivity.size());
  };
  std::stable_sort(p.by_activity.begin(), p.by_activity.end(),
                   [&](const ActivityRate& a, const ActivityRate& b) { return order(a) < order(b); });
  return p;
}

PayRates::Effective PayRates::for_activity(const std::string& activity) const {
  for (const auto& a : by_activity)
    if (a.activity == activity) return {a.yen_per_hour, a.transport_cap_yen};
  return {yen_per_hour, transport_cap_yen};
}

nlohmann::json pay_rates_json(const PayRates& p) {
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  auto by_activity = nlohmann::json::array();
  for (const auto& a : p.by_activity)
    by_activity.push_back(
        {{"activity", a.activity}, {"yen_per_hour", a.yen_per_hour}, {"transport_cap_yen", opt(a.transport_cap_yen)}});
  return {{"yen_per_hour", opt(p.yen_per_hour)},
          {"transport_cap_yen", opt(p.transport_cap_yen)},
          {"by_activity", std::move(by_activity)},
          {"version", p.version}};
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
  const std::string others = rates.by_activity.empty() ? "" : "（下の活動を除く）";
  if (rates.yen_per_hour)
    t.notes.push_back("謝金は1時間 " + std::to_string(*rates.yen_per_hour) + " 円で計算" + others + "。1円未満は四捨五入です。");
  else
    t.notes.push_back("謝金の単価がまだ決められていない活動は、謝金が空欄です。");
  if (rates.transport_cap_yen)
    t.notes.push_back("交通費は1回 " + std::to_string(*rates.transport_cap_yen) + " 円まで" + others + "です。");
  for (const auto& a : rates.by_activity)
    t.notes.push_back("「" + a.activity + "」は謝金1時間 " + std::to_string(a.yen_per_hour) + " 円" +
                      (a.transport_cap_yen ? "、交通費は1回 " + std::to_string(*a.transport_cap_yen) + " 円まで" : "") +
                      "です。");
  std::int64_t minutes_total = 0, honorarium_total = 0, transport_total = 0;
  bool priced = false;  // some activity had a rate: the total is shown
  for (const auto& r : db.query(
           "SELECT starts_at, activity, COALESCE(hours_minutes, 0), COALESCE(transport_yen, 0) FROM dispatches "
           "WHERE supporter_id = ? AND state IN ('実施', '報告済み') AND starts_at >= ? AND starts_at < ? "
           "ORDER BY starts_at, id",
           {supporter_id, month + "-01", month + "-32"})) {
    std::int64_t minutes = r.integer(2), transport = r.integer(3);
    auto rate = rates.for_activity(r.text(1));
    if (rate.transport_cap_yen) transport = std::min(transport, *rate.transport_cap_yen);
    Cell honorarium = std::monostate{};
    if (rate.yen_per_hour) {
      auto yen = honorarium_yen(minutes, *rate.yen_per_hour);
      honorarium = yen;
      honorarium_total += yen;
      priced = true;
    }
    minutes_total += minutes;
    transport_total += transport;
    t.rows.push_back({r.text(0).substr(0, 10), r.text(1), minutes, honorarium, transport});
  }
  t.rows.push_back({std::string("合計"), std::string(), minutes_total,
                    rates.yen_per_hour || priced ? Cell{honorarium_total} : Cell{std::monostate{}}, transport_total});
  t.total_row = t.rows.size() - 1;
  return t;
}

}  // namespace tsunagu::report
