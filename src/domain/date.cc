#include "domain/date.h"

#include <cstdio>

namespace tsunagu::domain {

bool parse_fixed_digits(std::string_view text, int& out) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

bool is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && is_leap_year(y)) return 29;
  return kDays[m - 1];
}

bool is_valid(const Date& date) {
  return date.y >= kMinYear && date.y <= kMaxYear && date.m >= 1 &&
         date.m <= 12 && date.d >= 1 && date.d <= days_in_month(date.y, date.m);
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  if (!parse_fixed_digits(text.substr(0, 4), date.y) ||
      !parse_fixed_digits(text.substr(5, 2), date.m) ||
      !parse_fixed_digits(text.substr(8, 2), date.d)) {
    return std::nullopt;
  }
  if (!is_valid(date)) return std::nullopt;
  return date;
}

std::string format_iso_date(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.y, date.m,
                date.d);
  return buffer;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole
// proleptic Gregorian calendar, no tables, no time zone.
std::int64_t days_since_epoch(const Date& date) {
  const std::int64_t y = date.y - (date.m <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date date_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

Date add_days(const Date& date, std::int64_t days) {
  return date_from_days(days_since_epoch(date) + days);
}

Date add_months(const Date& date, int months) {
  const int index = date.y * 12 + (date.m - 1) + months;
  // Floor division keeps negative month offsets right.
  int y = index / 12;
  int m0 = index % 12;
  if (m0 < 0) {
    m0 += 12;
    y -= 1;
  }
  const int m = m0 + 1;
  const int last = days_in_month(y, m);
  return Date{y, m, date.d < last ? date.d : last};
}

int full_months_between(const Date& from, const Date& to) {
  if (to < from) return 0;
  int n = (to.y - from.y) * 12 + (to.m - from.m);
  // add_months is monotonic in n, so at most one step back is needed.
  if (add_months(from, n) > to) --n;
  return n;
}

}  // namespace tsunagu::domain
