// A supporter's monthly statement (issue 17 point 6): each activity carried
// out in the month (実施 or 報告済み) with its time, the 謝金 at the hourly
// rate of its activity (the organisation's default when the activity has
// none) and the 交通費 declared (up to the activity's or the default cap), and the totals — for the supporter's coordinator and
// the accounting office (CSV/xlsx through report_response).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/table.h"
#include "store/db.h"

namespace tsunagu::report {

// The organisation's default rates and, per activity kind, rates that
// replace them for that activity (supporter_activity_rates, migration 0034).
struct ActivityRate {
  std::string activity;
  std::int64_t yen_per_hour = 0;
  std::optional<std::int64_t> transport_cap_yen;
};
struct PayRates {
  std::optional<std::int64_t> yen_per_hour, transport_cap_yen;
  std::vector<ActivityRate> by_activity;  // in the order of domain::kSupporterActivity
  std::int64_t version = 0;  // 0: never set

  // The rates an activity is paid at: its own when set, else the default.
  struct Effective {
    std::optional<std::int64_t> yen_per_hour, transport_cap_yen;
  };
  Effective for_activity(const std::string& activity) const;
};
PayRates pay_rates(store::Connection& db, const std::string& organisation_id);
// {yen_per_hour, transport_cap_yen, by_activity: [{activity, yen_per_hour,
// transport_cap_yen}], version}
nlohmann::json pay_rates_json(const PayRates& p);

// 謝金 for `minutes` at `yen_per_hour`, rounded to the yen (half up).
std::int64_t honorarium_yen(std::int64_t minutes, std::int64_t yen_per_hour);

// `month` is "YYYY-MM" (checked by the caller). Rows ordered by time; the
// last row holds the totals.
Table supporter_statement(store::Connection& db, const std::string& supporter_id, const std::string& supporter_name,
                          const std::string& organisation_id, const std::string& month);

}  // namespace tsunagu::report
