// Enumerations whose stored and API value is the Japanese word itself.
//
// PRODUCT.md fixes the vocabulary of the MHLW report, the Cabinet Office
// survey and the field ("その他（訪問等）", "継続支援", …). We store exactly
// those strings rather than codes, so that a row read in the sqlite3 shell, a
// CSV export and an API reply all say what the staff wrote, and no mapping
// table can drift from the spec. The cost is that every value crossing a
// boundary must be checked against its list; EnumSpec is that check.
//
// Each topic header (contact.h, case_status.h, …) defines its values as a
// constexpr array and wraps it in an EnumSpec. enum_catalog.h lists them all
// so the HTTP layer can publish them to the front end from one place.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace tsunagu::domain {

struct EnumSpec {
  // Stable identifier of the enumeration, ASCII snake_case
  // ("contact_channel"). Used as a key in the API and in error details.
  std::string_view name;
  // Japanese heading shown to people ("相談方法").
  std::string_view label;
  // The allowed values, verbatim, in the order screens and reports list them.
  std::span<const std::string_view> values;
  // What screens show for each value, same index as `values`; empty when
  // every value is shown as itself (most of PRODUCT.md's lists). Only the
  // lists whose stored value is an ASCII identifier ("pseudonym", "summary")
  // or a terse legal name need one.
  std::span<const std::string_view> value_labels = {};

  // True iff `value` is exactly one of `values` (byte equality: no
  // normalisation, so "その他(訪問等)" with ASCII parentheses is refused).
  constexpr bool contains(std::string_view value) const {
    return std::find(values.begin(), values.end(), value) != values.end();
  }

  // Position of `value` in `values`, or nullopt if it is not one of them.
  // Reports use the position to order columns as the national tables do.
  constexpr std::optional<std::size_t> index_of(std::string_view value) const {
    auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) return std::nullopt;
    return static_cast<std::size_t>(it - values.begin());
  }

  constexpr std::size_t size() const { return values.size(); }

  // The label shown for values[i] (the value itself when there are no
  // labels). Precondition: i < size().
  constexpr std::string_view label_of(std::size_t i) const {
    return value_labels.empty() ? values[i] : value_labels[i];
  }
};

}  // namespace tsunagu::domain
