// Staff load (issue 5 point 4): open cases per member of staff, open cases
// without a contact for N days (N per organisation), and current plans
// past their review date — the rules are in domain/staff_load.h.
//
// Who sees what is decided by the route (one permission check): a
// supervisor reads the whole organisation, a coordinator only their own
// cases (`staff` is then their own id), an analyst only the organisation's
// totals with small cells hidden (to_json with `aggregate_only`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "report/table.h"
#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::report {

struct StaffLoadQuery {
  std::string organisation_id;
  std::optional<std::string> staff_user_id;  // only this person's cases
  domain::Date on;                            // the day the load is looked at
};

// Reads `organisation` (default the actor's), `staff` (a user id; a
// coordinator's default is themself) and `on` (YYYY-MM-DD, default today
// in Asia/Tokyo). Throws 400 validation_failed (Japanese errors) for
// garbage; 404 not_found for an unknown organisation, or a `staff` who is
// not one of its users.
StaffLoadQuery read_staff_load_query(store::Connection& db, const std::map<std::string, std::string>& query,
                                     const service::Actor& actor);

struct StaffRow {
  std::string user_id, display_name, role;
  std::int64_t open_cases = 0, without_contact = 0, overdue_reviews = 0;
};
struct CaseWithoutContact {
  std::string case_id, title, last_on;  // last contact, or opened_on with no contact
  bool ever_contacted = false;
  std::int64_t days = 0;
  std::vector<std::string> staff_names;
};
struct OverduePlan {
  std::string plan_id, plan_title, case_id, case_title, review_on;
  std::int64_t days_overdue = 0;
};
struct StaffLoad {
  std::string organisation_id, organisation_name;
  std::optional<std::string> staff_user_id;
  domain::Date on;
  std::int64_t no_contact_days = 0;
  std::vector<StaffRow> staff;  // by display name; with no staff filter, everyone who can hold cases
  StaffRow unassigned;          // open cases with nobody assigned
  StaffRow totals;              // distinct cases (a case with two staff counts once)
  std::vector<CaseWithoutContact> cases_without_contact;  // longest wait first
  std::vector<OverduePlan> overdue_plans;                 // oldest review date first
};

StaffLoad staff_load(store::Connection& db, const StaffLoadQuery& q);

// Tables: with `aggregate_only` only `staff_load_totals` (small cells
// hidden with k); otherwise staff_load_by_staff, staff_load_without_contact,
// staff_load_overdue_plans.
std::vector<Table> staff_load_tables(const StaffLoad& load, bool aggregate_only, int k);

// The JSON answer; with `aggregate_only` no names, no case lists, and the
// totals taken from the suppressed table.
nlohmann::json to_json(const StaffLoad& load, bool aggregate_only, int k);

}  // namespace tsunagu::report
