// The MHLW annual figures for one fiscal year and one scope: an
// organisation, or an area (国 / 都道府県 / 市区町村 / 地区) with a row for each
// area directly under it and the 指定都市 below it (report/mhlw_scope.h). Decides who may ask for which scope and whether
// the figures are suppressed; the counting is report/mhlw_query.cc, the
// layout report/mhlw.cc.
//
// Who sees what (PRODUCT.md roles): analysts and admins may ask for any
// area or organisation and always get person counts suppressed (they see
// aggregates only); coordinators and supervisors only their own
// organisation, in full. Query: fiscal_year (required), and area or
// organisation (neither: the asker's own organisation).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/table.h"
#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::report {

struct MhlwReport {
  int fiscal_year = 0;
  std::string fiscal_year_label;  // 「令和7年度（2025年度）」
  std::string scope_kind;         // "area" | "organisation"
  std::string scope_id, scope_label;
  bool suppressed = false;
  int small_cell_k = 0;
  std::vector<report::Table> tables;
  std::string file_name;   // 「令和7年度_相談実績_みどり県」 (no extension)
  std::string ascii_name;  // "mhlw-2025" for old clients
};
void to_json(nlohmann::json& j, const MhlwReport& r);

// The organisation a scoped request names, for the route's permission
// check before any figure is computed (empty for an area scope).
struct MhlwRequest {
  int fiscal_year = 0;
  std::string area_id, organisation_id;
};
// Validates the query: throws 400 validation_failed (Japanese errors[]).
// `today_fy`: the current fiscal year, the latest that may be asked for.
MhlwRequest read_mhlw_request(const std::map<std::string, std::string>& query, const service::Actor& actor, int today_fy);

// Builds the report; 404 for an unknown area or organisation; 403 when a
// coordinator or supervisor asks for an area. Audited as a read.
MhlwReport mhlw_report(store::Connection& db, const service::Actor& actor, const MhlwRequest& req, int small_cell_k);

}  // namespace tsunagu::report
