// JSON as the server writes it in every answer: compact, and text that is
// not valid UTF-8 replaced rather than refused (one bad byte in an old
// record must not make a whole screen unreadable).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tsunagu::service {

inline std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tsunagu::service
