// An optional value as JSON: the value, or null. One helper for every
// service that maps nullable columns to its answers.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace tsunagu::service {

template <typename T>
nlohmann::json nj(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
// The same, moving the value out (a record turned into JSON once).
template <typename T>
nlohmann::json nj(std::optional<T>&& v) {
  return v ? nlohmann::json(std::move(*v)) : nlohmann::json(nullptr);
}

}  // namespace tsunagu::service
