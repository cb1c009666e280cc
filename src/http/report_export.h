// The answer of a report route in the format asked for: JSON by default,
// or the report's tables as an xlsx workbook or a CSV file (UTF-8 with BOM)
// with `format=xlsx` / `format=csv`. Tables reach this point already
// suppressed where the viewer sees only aggregates, so a file can hold
// nothing the JSON would not show.
#pragma once

#include <string>
#include <vector>

#include "http/router.h"
#include "report/table.h"
#include "service/permission.h"

namespace tsunagu::http {

// The `format` asked for: json (default), xlsx or csv; 400 validation_failed
// for anything else. Routes whose report is costly call it before computing.
std::string report_format(const RouteContext& ctx);

// `file_stem` is ASCII ("requirements-2025"); the extension is added. With a
// `japanese_stem` the file is offered under that name too (RFC 5987).
Response report_response(const RouteContext& ctx, const nlohmann::json& body,
                         const std::vector<report::Table>& tables, const std::string& file_stem,
                         const std::string& japanese_stem = "");

// Who may read an organisation's aggregate report (requirement matrix,
// outcomes): its own coordinators and supervisors; analysts (市区町村・
// 都道府県) and admins any organisation's, with small cells hidden where
// persons are counted.
service::Policy organisation_report_policy();

}  // namespace tsunagu::http
