// Time as tsunagu stores it: UTC, ISO-8601 with milliseconds and a trailing
// Z ("2026-11-23T09:30:00.123Z"). Fixed width, so strings compare in time
// order and SQL can compare them as text on both databases.
#pragma once

#include <chrono>
#include <string>

namespace tsunagu::service {

using TimePoint = std::chrono::system_clock::time_point;

// The time tsunagu lives by: the system clock plus the test offset below.
// Every expiry (sessions, sign-in locks, emergency grants) and every stored
// time reads it, so a test can move all of them at once.
TimePoint now();

// Moves now() forward by `offset` for the rest of the process. Only for the
// tests (`tsunagu serve --test-clock-offset-seconds`, which the command
// refuses unless TSUNAGU_TEST_CLOCK=1 is set): a test restarts a server on
// the same database an hour "later" and sees a session or a grant expire
// without waiting for it. Zero, the default, is the system clock itself.
void set_test_clock_offset(std::chrono::seconds offset);

std::string format_utc(TimePoint t);
// Parses what format_utc writes (and the same without milliseconds).
// Returns false on anything else.
bool parse_utc(const std::string& s, TimePoint& out);
std::string now_utc();
// Today's date in Asia/Tokyo (YYYY-MM-DD): the calendar day staff live in.
std::string today_tokyo();
std::string tokyo_date_of(TimePoint t);
// A time in Asia/Tokyo to the minute, "YYYY-MM-DDTHH:MM": the form of a
// dispatch's starts_at and ends_at, so that the two compare as text.
std::string tokyo_minute_of(TimePoint t);
std::string now_tokyo_minute();

}  // namespace tsunagu::service
