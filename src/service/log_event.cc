#include "service/log_event.h"

#include <spdlog/spdlog.h>

namespace tsunagu::service {

std::string log_line(const nlohmann::json& fields) {
  // ensure_ascii=false keeps Japanese readable; control characters and
  // quotes are escaped by the writer either way.
  return fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void log_event(spdlog::level::level_enum level, const nlohmann::json& fields) {
  // The severity in the line itself: stdout goes to journald as one
  // priority, and alerts select on it (docs/operations/prefecture-deployment.md).
  nlohmann::json line = fields;
  line["level"] = level >= spdlog::level::err ? "error" : level == spdlog::level::warn ? "warning" : "info";
  spdlog::log(level, "{}", log_line(line));
}

}  // namespace tsunagu::service
