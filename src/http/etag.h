// A JSON answer for one versioned record, with its ETag: the version the
// client sends back in If-Match when it edits the record.
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace tsunagu::http {

inline Response versioned(const nlohmann::json& j, int status = 200) {
  auto res = Response::json(j, status);
  res.set_header("ETag", "\"" + std::to_string(j.at("version").get<std::int64_t>()) + "\"");
  return res;
}

// A domain struct: converted to JSON first. (A JSON record goes to the
// overload above as it is, without a copy: case detail is on the hot path.)
template <typename Record>
Response versioned(const Record& record, int status = 200) {
  return versioned(nlohmann::json(record), status);
}

}  // namespace tsunagu::http
