#include "service/urgent_reports.h"

#include "service/json_optional.h"

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

}  // namespace tsunagu::service
