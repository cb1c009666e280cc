// One line of the server's log. Every line is a JSON object written by the
// JSON writer, never text pasted into a format string: a request's path,
// query or headers may hold quotes, newlines or control characters, and
// pasted into a line they could end it and forge the next (a fake access by
// an admin). Invalid UTF-8 is replaced, not passed through.
#pragma once

#include <nlohmann/json.hpp>
#include <spdlog/common.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace tsunagu::service {

// `fields` must be an object; "event" names what happened.
void log_event(spdlog::level::level_enum level, nlohmann::json fields);

// The single line as written (for tests and for callers that need it).
std::string log_line(const nlohmann::json& fields);

// The access line of one answer: exactly the line log_info would write for
// {"event": "access", "method", "path", "status", "us", "client", "user"},
// built without a JSON object, since it is written for every request.
std::string access_line(std::string_view method, std::string_view path, int status, std::int64_t us,
                        std::string_view client, std::string_view user);
void log_access(std::string_view method, std::string_view path, int status, std::int64_t us,
                std::string_view client, std::string_view user);

inline void log_info(nlohmann::json fields) { log_event(spdlog::level::info, std::move(fields)); }
inline void log_warn(nlohmann::json fields) { log_event(spdlog::level::warn, std::move(fields)); }
inline void log_error(nlohmann::json fields) { log_event(spdlog::level::err, std::move(fields)); }

}  // namespace tsunagu::service
