#include "service/log_event.h"

#include <spdlog/spdlog.h>

namespace tsunagu::service {

std::string log_line(const nlohmann::json& fields) {
  // ensure_ascii=false keeps Japanese readable; control characters and
  // quotes are escaped by the writer either way.
  return fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void log_event(spdlog::level::level_enum level, nlohmann::json fields) {
  // The severity in the line itself: stdout goes to journald as one
  // priority, and alerts select on it (docs/operations/prefecture-deployment.md).
  // Taken by value: callers build the object in place, so it is moved, not
  // copied, on the access line of every request.
  fields["level"] = level >= spdlog::level::err ? "error" : level == spdlog::level::warn ? "warning" : "info";
  spdlog::log(level, "{}", log_line(fields));
}

}  // namespace tsunagu::service
