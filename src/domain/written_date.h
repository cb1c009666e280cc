// Dates and times as Japanese ledgers write them (相談受付台帳, Excel sheets
// kept for years): 西暦 with hyphens, slashes, dots or 年月日, 和暦 with the
// era's name or its letter (令和5年4月1日, R5.4.1, 平成31年4月30日, H31.4.30,
// 令和元年5月1日), full-width digits and punctuation. Used by the ledger
// import (service/ledger_import.h). A 和暦 date outside its era (平成31年5月1日:
// 令和 had begun) is not a date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tsunagu::domain {

// Full-width digits, letters and ASCII punctuation to half-width, and
// U+3000 to a space; other characters as they are.
std::string half_width(std::string_view text);

std::optional<Date> parse_written_date(std::string_view text);

// A time of day: "14:30", "１４：３０", "14時30分", "14時"; minutes since
// midnight.
std::optional<int> parse_written_time(std::string_view text);

}  // namespace tsunagu::domain
