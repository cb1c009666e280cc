// A supporter's monthly statement (issue 17 point 6): each activity carried
// out in the month (実施 or 報告済み) with its time, the 謝金 at the
// organisation's hourly rate and the 交通費 declared (up to the
// organisation's cap), and the totals — for the supporter's coordinator and
// the accounting office (CSV/xlsx through report_response).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "report/table.h"
#include "store/db.h"

namespace tsunagu::report {

struct PayRates {
  std::optional<std::int64_t> yen_per_hour, transport_cap_yen;
  std::int64_t version = 0;  // 0: never set
};
PayRates pay_rates(store::Connection& db, const std::string& organisation_id);

// 謝金 for `minutes` at `yen_per_hour`, rounded to the yen (half up).
std::int64_t honorarium_yen(std::int64_t minutes, std::int64_t yen_per_hour);

// `month` is "YYYY-MM" (checked by the caller). Rows ordered by time; the
// last row holds the totals.
Table supporter_statement(store::Connection& db, const std::string& supporter_id, const std::string& supporter_name,
                          const std::string& organisation_id, const std::string& month);

}  // namespace tsunagu::report
