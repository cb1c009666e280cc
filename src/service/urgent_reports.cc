#include "service/urgent_reports.h"

#include "service/audit.h"
#include "service/clock.h"
#include "service/json_optional.h"
#include "service/problem.h"

namespace tsunagu::service {

std::int64_t untaken_urgent_report_count(store::Connection& db, const std::string& organisation_id) {
  auto r = db.query_one(std::string("SELECT COUNT(*) FROM dispatches d WHERE d.organisation_id = ? AND ") +
                            kUntakenUrgentReport,
                        {organisation_id});
  return r ? r->integer(0) : 0;
}

nlohmann::json urgent_reports_section(store::Connection& db, const std::string& organisation_id, int limit) {
  auto rows = db.query(
      std::string("SELECT d.id, d.activity, d.starts_at, d.reported_at, s.name, d.case_id, c.title, g.name "
                  "FROM dispatches d JOIN supporters s ON s.id = d.supporter_id LEFT JOIN cases c ON c.id = d.case_id "
                  "LEFT JOIN group_sessions gs ON gs.id = d.group_session_id LEFT JOIN groups g ON g.id = gs.group_id "
                  "WHERE d.organisation_id = ? AND ") +
          kUntakenUrgentReport + " ORDER BY d.reported_at DESC, d.id LIMIT ?",
      {organisation_id, std::int64_t{limit}});
  auto items = nlohmann::json::array();
  for (const auto& r : rows) {
    store::Cells in(r);
    nlohmann::json j;
    j["id"] = in.text();
    j["activity"] = in.text();
    j["starts_at"] = in.text();
    j["reported_at"] = nj(in.opt_text());
    j["supporter_name"] = in.text();
    j["case_id"] = nj(in.opt_text());
    j["case_title"] = nj(in.opt_text());
    j["group_name"] = nj(in.opt_text());
    items.push_back(std::move(j));
  }
  auto count = rows.size() < static_cast<std::size_t>(limit) ? static_cast<std::int64_t>(rows.size())
                                                             : untaken_urgent_report_count(db, organisation_id);
  return {{"count", count}, {"items", std::move(items)}};
}

Dispatch mark_urgent_report_handled(store::Connection& db, const Actor& actor, const Dispatch& d,
                                    std::int64_t expected_version) {
  auto pending = db.query_one(std::string("SELECT 1 FROM dispatches d WHERE d.id = ? AND d.group_session_id IS NOT NULL AND ") +
                                  kUntakenUrgentReport,
                              {d.id});
  if (!pending)
    throw Problem(409, "urgent_not_pending",
                  "確認済みにできるのは、居場所・グループの回の急ぎの連絡がある報告のうち、まだ確認していないものだけです"
                  "（ケースの報告は、記録にすると一覧から外れます）。");
  if (d.version != expected_version) throw version_conflict(d);
  std::string now = now_utc();
  if (db.execute("UPDATE dispatches SET urgent_handled_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                 {now, now, d.id, expected_version}) == 0)
    throw version_conflict(*find_dispatch(db, d.id));
  audit(db, actor, {"update", "dispatch", d.id, "urgent report handled"});
  return *find_dispatch(db, d.id);
}

}  // namespace tsunagu::service
