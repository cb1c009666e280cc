// GET /healthz: whether this server can serve, for a supervisor (systemd,
// a load balancer) to trust. It answers 200 only when the database can be
// read and written (a one-row write, committed) and the disk where the
// database lives has room; otherwise 503 with what failed. Reaching it at
// all proves the server still accepts connections (server.cc keeps the
// acceptor alive). It says nothing about people or records: it is public.
#include <sys/statvfs.h>

#include "http/routes.h"
#include "service/clock.h"
#include "service/log_event.h"

namespace tsunagu::http {
namespace {

// Free bytes for an unprivileged writer where `dir` lives; null when it
// cannot be told (no such directory: PostgreSQL, whose own disk the write
// probe covers).
std::optional<std::uint64_t> free_bytes(const std::string& dir) {
  if (dir.empty()) return std::nullopt;
  struct statvfs st{};
  if (statvfs(dir.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace

void add_health_routes(Router& r) {
  r.add({.method = "GET",
         .pattern = "/healthz",
         .policy = service::public_policy(),
         .handler =
             [](RouteContext& ctx) {
               nlohmann::json checks = nlohmann::json::object();
               bool ok = true;
               try {
                 ctx.db.query("SELECT 1");
                 store::Transaction tx(ctx.db, store::Transaction::Mode::write);
                 ctx.db.execute("UPDATE health_probe SET at = ? WHERE id = 1", {service::now_utc()});
                 tx.commit();
                 checks["database"] = "ok";
               } catch (const store::Error& e) {
                 ok = false;
                 checks["database"] = e.kind() == store::Error::Kind::disk_full ? "disk_full" : "unavailable";
                 service::log_error({{"event", "health_database"}, {"error", e.what()}});
               }
               if (auto bytes = free_bytes(ctx.config.data_dir)) {
                 bool room = *bytes >= ctx.config.min_free_disk_bytes;
                 checks["disk"] = room ? "ok" : "full";
                 ok = ok && room;
               }
               return Response::json({{"status", ok ? "ok" : "unavailable"}, {"checks", checks}}, ok ? 200 : 503);
             },
         .own_transaction = true,
         .summary = "稼働確認"});
}

}  // namespace tsunagu::http
