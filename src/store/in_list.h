// Statements over a list of values of any length, with few statement texts.
//
// `WHERE id IN (?, ?, …)` with one placeholder per value gives a new
// statement text for every length, and each text is prepared and cached
// anew (PostgreSQL keeps a prepared statement per text and connection).
// Here the values go in lists of 1, 4, 16 or 64 placeholders (kListSizes),
// the last value repeated to fill one: four texts at most, whatever the
// number.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "store/db.h"

namespace tsunagu::store {

// The sizes lists of values come in, here and in the multi-row inserts of
// the audit logs (service/audit.cc): four statement texts at most.
inline constexpr std::size_t kListSizes[] = {1, 4, 16, 64};

// The largest list size that `count` values fill without padding (1 when
// `count` is 0): the audit logs' chunks.
inline std::size_t largest_full_list(std::size_t count) {
  std::size_t size = kListSizes[0];
  for (std::size_t s : kListSizes)
    if (s <= count) size = s;
  return size;
}

// The smallest list size that holds `count` values (the largest when none
// does): the IN lists, padded.
inline std::size_t smallest_list_holding(std::size_t count) {
  for (std::size_t s : kListSizes)
    if (s >= count) return s;
  return std::end(kListSizes)[-1];
}

// Calls `f(placeholders, params)` for each list of `values` in order (none
// when `values` is empty). A repeated value is harmless in an IN list.
template <class F>
void for_each_in_list(const std::vector<std::string>& values, F&& f) {
  for (std::size_t from = 0; from < values.size();) {
    std::size_t left = values.size() - from;
    std::size_t size = smallest_list_holding(left);
    std::size_t take = std::min(left, size);
    std::vector<Value> params;
    params.reserve(size);
    for (std::size_t i = 0; i < size; ++i) params.emplace_back(values[from + std::min(i, take - 1)]);
    f(placeholders(size), params);
    from += take;
  }
}

}  // namespace tsunagu::store
