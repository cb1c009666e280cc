// Time as tsunagu stores it: UTC, ISO-8601 with milliseconds and a trailing
// Z ("2026-11-23T09:30:00.123Z"). Fixed width, so strings compare in time
// order and SQL can compare them as text on both databases.
#pragma once

#include <chrono>
#include <string>

namespace tsunagu::service {

using TimePoint = std::chrono::system_clock::time_point;

std::string format_utc(TimePoint t);
// Parses what format_utc writes (and the same without milliseconds).
// Returns false on anything else.
bool parse_utc(const std::string& s, TimePoint& out);
std::string now_utc();
// Today's date in Asia/Tokyo (YYYY-MM-DD): the calendar day staff live in.
std::string today_tokyo();
std::string tokyo_date_of(TimePoint t);

}  // namespace tsunagu::service
