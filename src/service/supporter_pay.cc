// The organisation's pay rates for supporters (service/supporters.h,
// set_pay_rates): the default 謝金 per hour and 交通費 cap, and rates per
// activity kind that replace them for that activity (migration 0034). The
// whole set is written at once under one version.
#include <set>

#include "domain/supporter.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/supporters.h"

namespace tsunagu::service {
namespace {

constexpr std::int64_t kMaxYen = 100000;

struct ActivityRateInput {
  std::string activity;
  std::int64_t yen_per_hour = 0;
  std::optional<std::int64_t> transport_cap_yen;
};

// body.by_activity: [{activity, yen_per_hour, transport_cap_yen?}], each
// activity once. Errors go to `in` as by_activity.<i>.<field>.
std::optional<std::vector<ActivityRateInput>> read_activity_rates(Input& in, const nlohmann::json& body) {
  if (!body.contains("by_activity") || body["by_activity"].is_null()) return std::nullopt;
  std::vector<ActivityRateInput> out;
  const auto& list = body["by_activity"];
  if (!list.is_array() || list.size() > domain::kSupporterActivity.size()) {
    in.fail("by_activity", "活動ごとの単価は、活動ごとに1つずつの一覧で指定してください（" +
                               std::to_string(domain::kSupporterActivity.size()) + "件まで）。");
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "by_activity." + std::to_string(i) + ".";
    if (!list[i].is_object()) {
      in.fail("by_activity." + std::to_string(i), "活動ごとの単価は {activity, yen_per_hour, transport_cap_yen} の形で指定してください。");
      continue;
    }
    Input item(list[i]);
    auto activity = item.choice("activity", "活動", domain::kSupporterActivity.values, true);
    auto rate = item.integer("yen_per_hour", "謝金（1時間あたり・円）", true, 0, kMaxYen);
    auto cap = item.integer("transport_cap_yen", "交通費の上限（1回・円）", false, 0, kMaxYen);
    if (activity && !seen.insert(*activity).second) item.fail("activity", "「" + *activity + "」の単価が2つあります。1つにしてください。");
    try {
      item.check();
      out.push_back({*activity, *rate, cap});
    } catch (const Problem& p) {
      for (const auto& e : p.errors) in.fail(prefix + e.field, e.detail);
    }
  }
  return out;
}

}  // namespace

void set_pay_rates(store::Connection& db, const Actor& actor, std::int64_t current_version,
                   std::int64_t expected_version, const nlohmann::json& body) {
  Input in(body);
  auto rate = in.integer("yen_per_hour", "謝金（1時間あたり・円）", true, 0, kMaxYen);
  auto cap = in.integer("transport_cap_yen", "交通費の上限（1回・円）", false, 0, kMaxYen);
  auto by_activity = read_activity_rates(in, body);
  in.check();
  if (current_version != expected_version)
    throw version_conflict({{"version", current_version}});
  std::string now = now_utc();
  auto cap_value = cap ? store::Value{*cap} : store::null();
  if (current_version == 0) {
    db.execute("INSERT INTO supporter_pay_rates (organisation_id, yen_per_hour, transport_cap_yen, version, updated_at) "
               "VALUES (?,?,?,1,?)",
               {actor.organisation_id, *rate, cap_value, now});
  } else if (db.execute("UPDATE supporter_pay_rates SET yen_per_hour = ?, transport_cap_yen = ?, version = version + 1, "
                        "updated_at = ? WHERE organisation_id = ? AND version = ?",
                        {*rate, cap_value, now, actor.organisation_id, expected_version}) == 0) {
    throw version_conflict({{"version", current_version}});
  }
  // Left out: the activities keep their rates; given (even empty): replaced.
  if (by_activity) {
    db.execute("DELETE FROM supporter_activity_rates WHERE organisation_id = ?", {actor.organisation_id});
    for (const auto& a : *by_activity)
      db.execute("INSERT INTO supporter_activity_rates (organisation_id, activity, yen_per_hour, transport_cap_yen) "
                 "VALUES (?,?,?,?)",
                 {actor.organisation_id, a.activity, a.yen_per_hour,
                  a.transport_cap_yen ? store::Value{*a.transport_cap_yen} : store::null()});
  }
  audit(db, actor,
        {"update", "supporter_pay_rates", actor.organisation_id,
         std::to_string(*rate) + " yen/h" +
             (by_activity ? ", " + std::to_string(by_activity->size()) + " activity rates" : std::string())});
}

}  // namespace tsunagu::service
