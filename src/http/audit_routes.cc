// Browsing the audit log: admins see everything, supervisors the entries
// made by users of their own organisation.
#include "http/routes.h"
#include "service/audit.h"
#include "service/problem.h"

namespace tsunagu::http {

using domain::Role;
using service::Reach;

void add_audit_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/api/v1/audit",
         .policy = service::policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               std::int64_t limit = 50, before = INT64_MAX;
               try {
                 if (auto l = ctx.req.query_or("limit"); !l.empty()) limit = std::stoll(l);
                 if (auto c = ctx.req.query_or("cursor"); !c.empty()) before = std::stoll(c);
               } catch (...) {
                 throw service::Problem(400, "invalid_query", "limit と cursor は整数で指定してください。");
               }
               if (limit < 1 || limit > 200)
                 throw service::Problem(400, "invalid_query", "limit は1から200の範囲で指定してください。");
               std::string sql =
                   "SELECT a.seq, a.at, a.user_id, COALESCE(u.login, ''), a.organisation_id, a.action, a.entity, "
                   "a.entity_id, a.client, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
                   "WHERE a.seq < ?";
               store::Rows rows;
               if (ctx.reach() == Reach::all)
                 rows = ctx.db.query(sql + " ORDER BY a.seq DESC LIMIT ?", {before, limit + 1});
               else
                 rows = ctx.db.query(sql + " AND a.organisation_id = ? ORDER BY a.seq DESC LIMIT ?",
                                     {before, ctx.actor().organisation_id, limit + 1});
               auto items = nlohmann::json::array();
               nlohmann::json next = nullptr;
               for (std::size_t i = 0; i < rows.size(); ++i) {
                 const auto& row = rows[i];
                 if (static_cast<std::int64_t>(i) == limit) break;
                 items.push_back({{"seq", row.integer(0)},      {"at", row.text(1)},      {"user_id", row.text(2)},
                                  {"user_login", row.text(3)},  {"organisation_id", row.text(4)},
                                  {"action", row.text(5)},      {"entity", row.text(6)},  {"entity_id", row.text(7)},
                                  {"client", row.text(8)},      {"detail", row.text(9)}});
                 next = std::to_string(row.integer(0));
               }
               if (static_cast<std::int64_t>(rows.size()) <= limit) next = nullptr;
               return Response::json({{"items", items}, {"next_cursor", next}});
             },
         .summary = "監査ログの閲覧"});
}

}  // namespace tsunagu::http
