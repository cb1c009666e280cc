// A JSON answer for one versioned record, with its ETag: the version the
// client sends back in If-Match when it edits the record.
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "service/json_text.h"

namespace tsunagu::http {

// One record already written as JSON text, whose version is `version`.
inline Response versioned_text(std::string json, std::int64_t version, int status = 200) {
  auto res = Response::json_text(std::move(json), status);
  res.set_header("ETag", "\"" + std::to_string(version) + "\"");
  return res;
}

inline Response versioned(const nlohmann::json& j, int status = 200) {
  return versioned_text(service::json_text(j), j.at("version").get<std::int64_t>(), status);
}

// A domain struct: converted to JSON first. (A JSON record goes to the
// overload above as it is, without a copy: case detail is on the hot path.)
template <typename Record>
Response versioned(const Record& record, int status = 200) {
  return versioned(nlohmann::json(record), status);
}

}  // namespace tsunagu::http
