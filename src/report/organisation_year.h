// What the per-organisation reports (requirement matrix, outcomes, staff
// load, dashboard) are about: one organisation and one fiscal year, read
// from the query string with defaults (the actor's own organisation, the
// current fiscal year in Asia/Tokyo).
//
// Whether the actor may see the organisation is not decided here: the route
// calls ctx.require({organisation_id}) — the one permission check — with
// what this returns.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::report {

inline constexpr int kMinReportYear = 2000;
inline constexpr int kMaxReportYear = 2100;

struct OrganisationYear {
  std::string organisation_id, organisation_name;
  std::optional<std::string> program_type;
  std::int64_t no_contact_days = 60;
  int fiscal_year = 0;
  domain::Date first_day, last_day;  // 1 April, 31 March (Asia/Tokyo)
  // The fiscal year as UTC instants [from_utc, to_utc): Tokyo midnight of
  // 1 April is 15:00Z the day before, so a contact at 23:30 on 31 March
  // (Tokyo) belongs to the old year and one at 00:10 on 1 April to the new.
  std::string from_utc, to_utc;
};

// Reads `organisation` (an id; default the actor's) and `fiscal_year`
// (YYYY; default the current one). 400 validation_failed with Japanese
// errors for garbage; 404 when the organisation does not exist.
OrganisationYear read_organisation_year(store::Connection& db, const std::map<std::string, std::string>& query,
                                        const service::Actor& actor);

// A query parameter's value; nullopt when absent or empty.
std::optional<std::string> query_value(const std::map<std::string, std::string>& query, const char* key);

// The UTC instant ("…T15:00:00.000Z" of the day before) at which `day`
// begins in Asia/Tokyo.
std::string utc_start_of_tokyo_day(const domain::Date& day);

// {organisation:{id,name,program_type}, fiscal_year, fiscal_year_label, wareki}
nlohmann::json scope_json(const OrganisationYear& s);

// 「2025年度（令和7年度）」 and 「対象: …」 lines for a table's caption.
std::vector<std::string> scope_caption(const OrganisationYear& s);

}  // namespace tsunagu::report
