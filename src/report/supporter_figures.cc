#include "report/supporter_figures.h"

#include <map>

#include "domain/fiscal_year.h"
#include "domain/supporter.h"
#include "report/small_cells.h"
#include "report/table.h"

namespace tsunagu::report {

nlohmann::json supporter_figures(store::Connection& db, const std::string& organisation_id, int fiscal_year) {
  auto first = domain::format_iso_date(domain::fiscal_year_first_day(fiscal_year));
  auto last = domain::format_iso_date(domain::fiscal_year_last_day(fiscal_year));
  auto after_last = domain::format_iso_date(domain::add_days(domain::fiscal_year_last_day(fiscal_year), 1));

  std::int64_t active = 0, peers = 0;
  for (const auto& r : db.query("SELECT kind, COUNT(*) FROM supporters WHERE organisation_id = ? AND active = 1 GROUP BY kind",
                                {organisation_id})) {
    active += r.integer(1);
    if (domain::is_peer_kind(r.text(0))) peers += r.integer(1);
  }

  // Months of the fiscal year in order: April (index 0) … March (11).
  std::map<std::string, std::vector<std::int64_t>> by_activity;
  for (auto a : domain::kSupporterActivityValues) by_activity[std::string(a)] = std::vector<std::int64_t>(12, 0);
  std::vector<std::int64_t> months(12, 0);
  std::int64_t total = 0, minutes = 0;
  for (const auto& r : db.query(
           "SELECT activity, starts_at, COALESCE(hours_minutes, 0) FROM dispatches WHERE organisation_id = ? "
           "AND state IN ('実施', '報告済み') AND starts_at >= ? AND starts_at < ?",
           {organisation_id, first, after_last})) {
    int month = std::stoi(r.text(1).substr(5, 2));
    int index = (month + 8) % 12;  // 4 → 0, 3 → 11
    if (by_activity.count(r.text(0))) by_activity[r.text(0)][static_cast<std::size_t>(index)]++;
    months[static_cast<std::size_t>(index)]++;
    ++total;
    minutes += r.integer(2);
  }
  auto activities = nlohmann::json::array();
  for (auto a : domain::kSupporterActivityValues) {
    const auto& counts = by_activity[std::string(a)];
    std::int64_t sum = 0;
    for (auto c : counts) sum += c;
    activities.push_back({{"activity", a}, {"counts", counts}, {"total", sum}});
  }

  auto trainings = nlohmann::json::array();
  for (auto kind : domain::kTrainingKindValues) {
    auto r = db.query_one(
        "SELECT COUNT(*), COALESCE(SUM(x.external_attendees), 0), "
        "COALESCE(SUM((SELECT COUNT(*) FROM training_attendance t WHERE t.session_id = x.id)), 0) "
        "FROM training_sessions x JOIN training_courses c ON c.id = x.course_id "
        "WHERE x.organisation_id = ? AND c.kind = ? AND x.held_on >= ? AND x.held_on <= ?",
        {organisation_id, std::string(kind), first, last});
    trainings.push_back({{"kind", kind},
                         {"sessions", r->integer(0)},
                         {"supporter_attendances", r->integer(2)},
                         {"external_attendees", r->integer(1)}});
  }
  return {{"fiscal_year", fiscal_year},
          {"fiscal_year_label", domain::fiscal_year_label(fiscal_year)},
          {"supporters", {{"active", active}, {"peers", peers}}},
          {"dispatches", {{"months", months}, {"by_activity", activities}, {"total", total}, {"minutes", minutes}}},
          {"trainings", trainings}};
}

void suppress_supporter_figures(nlohmann::json& f, int k) {
  // The person counts as two tables, so the one rule decides what is hidden.
  Table people;
  people.columns = {{"active", "活動中のサポーター", ColumnKind::count, true},
                    {"peers", "うちピア", ColumnKind::count, true}};
  people.rows = {{f["supporters"]["active"].get<std::int64_t>(), f["supporters"]["peers"].get<std::int64_t>()}};
  Table trainings;
  trainings.columns = {{"supporter_attendances", "サポーター延べ", ColumnKind::count, true},
                       {"external_attendees", "関係機関の職員", ColumnKind::count, true}};
  for (const auto& t : f["trainings"])
    trainings.rows.push_back({t["supporter_attendances"].get<std::int64_t>(), t["external_attendees"].get<std::int64_t>()});
  suppress_small_cells(people, k);
  suppress_small_cells(trainings, k);
  auto hidden = [](const Table& t, std::size_t row, std::size_t col) {
    return !t.hidden.empty() && t.hidden[row][col];
  };
  if (hidden(people, 0, 0)) f["supporters"]["active"] = nullptr;
  if (hidden(people, 0, 1)) f["supporters"]["peers"] = nullptr;
  for (std::size_t i = 0; i < f["trainings"].size(); ++i) {
    if (hidden(trainings, i, 0)) f["trainings"][i]["supporter_attendances"] = nullptr;
    if (hidden(trainings, i, 1)) f["trainings"][i]["external_attendees"] = nullptr;
  }
}

}  // namespace tsunagu::report
