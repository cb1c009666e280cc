#include "service/log_event.h"

#include <spdlog/spdlog.h>

#include <algorithm>

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

namespace {

// A string as the JSON writer writes it. Printable ASCII without a quote or
// a backslash is written as it is, which is what the writer does too;
// anything else (Japanese, control characters, invalid UTF-8) goes through
// the writer itself, so that there is one escaping rule.
void put_string(std::string& out, std::string_view s) {
  bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != '"' && c != '\\';
  });
  if (!plain) {
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

}  // namespace

std::string access_line(std::string_view method, std::string_view path, int status, std::int64_t us,
                        std::string_view client, std::string_view user) {
  // The writer's order: keys sorted.
  std::string out;
  out.reserve(120 + path.size() + user.size());
  out += "{\"client\":";
  put_string(out, client);
  out += ",\"event\":\"access\",\"level\":\"info\",\"method\":";
  put_string(out, method);
  out += ",\"path\":";
  put_string(out, path);
  out += ",\"status\":";
  out += std::to_string(status);
  out += ",\"us\":";
  out += std::to_string(us);
  out += ",\"user\":";
  put_string(out, user);
  out += '}';
  return out;
}

void log_access(std::string_view method, std::string_view path, int status, std::int64_t us,
                std::string_view client, std::string_view user) {
  spdlog::info("{}", access_line(method, path, status, us, client, user));
}

}  // namespace tsunagu::service
