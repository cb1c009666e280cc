#include "http/report_export.h"

#include "http/content_disposition.h"
#include "report/export_csv.h"
#include "report/export_xlsx.h"
#include "service/problem.h"

namespace tsunagu::http {

std::string report_format(const RouteContext& ctx) {
  std::string format = ctx.req.query_or("format", "json");
  if (format != "json" && format != "xlsx" && format != "csv")
    throw service::invalid({{"format", "出力形式 (format) は json・xlsx・csv のいずれかを指定してください。"}});
  return format;
}

Response report_response(const RouteContext& ctx, const nlohmann::json& body,
                         const std::vector<report::Table>& tables, const std::string& file_stem,
                         const std::string& japanese_stem) {
  std::string format = report_format(ctx);
  if (format == "json") return Response::json(body);
  Response res;
  if (format == "xlsx") {
    res.body = report::to_xlsx(tables);
    res.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    res.body = report::to_csv(tables);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
  }
  std::string ascii = file_stem + "." + format;
  res.set_header("Content-Disposition", japanese_stem.empty()
                                            ? "attachment; filename=\"" + ascii + "\""
                                            : attachment_disposition(ascii, japanese_stem + "." + format));
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
