// One line of the server's log. Every line is a JSON object written by the
// JSON writer, never text pasted into a format string: a request's path,
// query or headers may hold quotes, newlines or control characters, and
// pasted into a line they could end it and forge the next (a fake access by
// an admin). Invalid UTF-8 is replaced, not passed through.
#pragma once

#include <nlohmann/json.hpp>
#include <spdlog/common.h>

#include <string>
#include <utility>

namespace tsunagu::service {

// `fields` must be an object; "event" names what happened.
void log_event(spdlog::level::level_enum level, nlohmann::json fields);

// The single line as written (for tests and for callers that need it).
std::string log_line(const nlohmann::json& fields);

inline void log_info(nlohmann::json fields) { log_event(spdlog::level::info, std::move(fields)); }
inline void log_warn(nlohmann::json fields) { log_event(spdlog::level::warn, std::move(fields)); }
inline void log_error(nlohmann::json fields) { log_event(spdlog::level::err, std::move(fields)); }

}  // namespace tsunagu::service
