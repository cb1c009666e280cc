// Civil dates (proleptic Gregorian, no time zone) and month arithmetic.
//
// Dates in tsunagu are Japanese calendar days: a birth date, the day of a
// contact in Asia/Tokyo, the first day of a fiscal year. Month arithmetic
// follows 民法第143条: adding months keeps the day of the month, and when the
// target month is shorter the result is its last day (31 Aug + 6 months =
// 28 Feb, or 29 Feb in a leap year). The outing duration rule and the
// duration bands rely on this.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::domain {

struct Date {
  int y = 1970;
  int m = 1;
  int d = 1;

  // Field-wise, so y, m, d order is chronological for valid dates.
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
};

// Supported years: 1..9999 (four digits in ISO form).
inline constexpr int kMinYear = 1;
inline constexpr int kMaxYear = 9999;

bool is_leap_year(int y);

// Days in month `m` (1..12) of year `y`; 0 if `m` is out of range.
int days_in_month(int y, int m);

// True iff y is in [kMinYear, kMaxYear], m in 1..12 and d a day of that month.
bool is_valid(const Date& date);

// The value of `text` read as decimal ASCII digits into `out`: a fixed-width
// field of an ISO date or time ("2025", "09", "123"). False, and `out`
// untouched, when any character is not 0-9; no sign, no space. The caller
// takes the field's width from the format; "" reads as 0.
bool parse_fixed_digits(std::string_view text, int& out);

// Parses exactly "YYYY-MM-DD" (ASCII digits, zero-padded, nothing else).
// nullopt for any other shape or for a date that does not exist (2025-02-29).
std::optional<Date> parse_iso_date(std::string_view text);

// "YYYY-MM-DD". Precondition: is_valid(date).
std::string format_iso_date(const Date& date);

// Days since 1970-01-01 (negative before). Precondition: is_valid(date).
std::int64_t days_since_epoch(const Date& date);

// Inverse of days_since_epoch.
Date date_from_days(std::int64_t days);

// `date` + `days` (may be negative). Precondition: result within range.
Date add_days(const Date& date, std::int64_t days);

// `date` + `months` (may be negative), clamped to the last day of the target
// month. Precondition: is_valid(date) and the result year within range.
Date add_months(const Date& date, int months);

// The largest n >= 0 with add_months(from, n) <= to; 0 if to < from.
// So from 2024-08-31 to 2025-02-28 is 6 full months, and from 2024-03-01 to
// 2024-08-31 is 5 (five months and thirty days).
int full_months_between(const Date& from, const Date& to);

}  // namespace tsunagu::domain
