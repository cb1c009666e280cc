// A JSON answer for one versioned record, with its ETag: the version the
// client sends back in If-Match when it edits the record.
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace tsunagu::http {

template <typename Record>
Response versioned(const Record& record, int status = 200) {
  nlohmann::json j = record;
  auto res = Response::json(j, status);
  res.set_header("ETag", "\"" + std::to_string(j.at("version").get<std::int64_t>()) + "\"");
  return res;
}

}  // namespace tsunagu::http
