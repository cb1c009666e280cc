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
#include <utility>
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

// Walks `count` values in lists of kListSizes: `f(from, take, size)` for
// each, `take` values from `from` in a list of `size` (take ≤ size; the
// caller fills the rest of the list).
template <class F>
void for_each_list_of(std::size_t count, F&& f) {
  for (std::size_t from = 0; from < count;) {
    std::size_t left = count - from;
    std::size_t size = smallest_list_holding(left);
    std::size_t take = std::min(left, size);
    f(from, take, size);
    from += take;
  }
}

// Calls `f(placeholders, params)` for each list of `values` in order (none
// when `values` is empty). A repeated value is harmless in an IN list.
template <class F>
void for_each_in_list(const std::vector<std::string>& values, F&& f) {
  for_each_list_of(values.size(), [&](std::size_t from, std::size_t take, std::size_t size) {
    std::vector<Value> params;
    params.reserve(size);
    for (std::size_t i = 0; i < size; ++i) params.emplace_back(values[from + std::min(i, take - 1)]);
    f(placeholders(size), params);
  });
}

// The same for pairs of values, as the rows of `VALUES (?, ?), (?, ?), …`
// (read as column1 and column2, in SQLite and PostgreSQL alike): one
// statement joins each pair to its own rows. The rows that fill a list are
// ("", ""), which the caller's joins must find nothing for (no key is
// empty): a repeated real pair would be joined again for nothing.
template <class F>
void for_each_in_pairs(const std::vector<std::pair<std::string, std::string>>& pairs, F&& f) {
  for_each_list_of(pairs.size(), [&](std::size_t from, std::size_t take, std::size_t size) {
    std::vector<Value> params;
    params.reserve(2 * size);
    std::string rows;
    for (std::size_t i = 0; i < size; ++i) {
      params.emplace_back(i < take ? pairs[from + i].first : std::string());
      params.emplace_back(i < take ? pairs[from + i].second : std::string());
      rows += i ? ", (?, ?)" : "(?, ?)";
    }
    f(rows, params);
  });
}

}  // namespace tsunagu::store
