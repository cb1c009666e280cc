// Field readers that the assessment, plan and stage services share on top
// of service::Input (dates are Input::date): multi-select lists of verbatim
// enumeration values.
// Like Input itself they collect errors instead of throwing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "service/input.h"

namespace tsunagu::service {

// Reads `field` as an array of distinct values of `allowed` (missing or null
// is empty). Unknown values, non-strings, duplicates and more than
// allowed.size() entries are errors.
std::vector<std::string> read_choices(Input& in, const nlohmann::json& body, const std::string& field,
                                      const std::string& label, std::span<const std::string_view> allowed);

// Parses a JSON array stored in a TEXT column; [] for anything else.
nlohmann::json json_array_column(const std::string& text);

}  // namespace tsunagu::service
