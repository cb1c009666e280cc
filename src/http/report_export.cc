#include "http/report_export.h"

#include "report/export_csv.h"
#include "report/export_xlsx.h"
#include "service/problem.h"

namespace tsunagu::http {

Response report_response(const RouteContext& ctx, const nlohmann::json& body,
                         const std::vector<report::Table>& tables, const std::string& file_stem) {
  std::string format = ctx.req.query_or("format", "json");
  if (format == "json") return Response::json(body);
  Response res;
  if (format == "xlsx") {
    res.body = report::to_xlsx(tables);
    res.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else if (format == "csv") {
    res.body = report::to_csv(tables);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
  } else {
    throw service::invalid({{"format", "出力形式 (format) は json・xlsx・csv のいずれかを指定してください。"}});
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + file_stem + "." + format + "\"");
  return res;
}

service::Policy organisation_report_policy() {
  using domain::Role;
  using service::Reach;
  return service::policy({{Role::coordinator, Reach::own_organisation},
                          {Role::supervisor, Reach::own_organisation},
                          {Role::analyst, Reach::all},
                          {Role::admin, Reach::all}});
}

}  // namespace tsunagu::http
