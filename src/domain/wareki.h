// The Japanese eras (和暦) as ledgers and lists write them: by name (令和)
// or letter (R, r), with 元年 for the first year. One table for every
// reader of 和暦 dates (domain/written_date.h for days, domain/list_row_cells.h
// for birth months).
#pragma once

#include <optional>
#include <string_view>

#include "domain/date.h"

namespace tsunagu::domain {

struct Era {
  std::string_view name, letter, lower;
  Date first, last;  // the days the era covers (令和: no end yet)
  // The 西暦 year of the era's year n (1 = 元年).
  int year_of(int n) const { return first.y + n - 1; }
  // How many years the era has (so far: 令和 has no last year).
  int years() const { return last.y - first.y + 1; }
};

// The era `text` begins with, consumed from it; null when none.
const Era* take_era(std::string_view& text);

}  // namespace tsunagu::domain
