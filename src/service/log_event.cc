#include "service/log_event.h"

#include <spdlog/spdlog.h>

namespace tsunagu::service {

std::string log_line(const nlohmann::json& fields) {
  // ensure_ascii=false keeps Japanese readable; control characters and
  // quotes are escaped by the writer either way.
  return fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void log_event(spdlog::level::level_enum level, const nlohmann::json& fields) {
  spdlog::log(level, "{}", log_line(fields));
}

}  // namespace tsunagu::service
