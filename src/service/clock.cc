#include "service/clock.h"

#include "domain/date.h"
#include "domain/validation.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace tsunagu::service {

namespace {
std::atomic<std::int64_t> g_test_offset_seconds{0};
}  // namespace

TimePoint now() {
  return std::chrono::system_clock::now() +
         std::chrono::seconds(g_test_offset_seconds.load(std::memory_order_relaxed));
}

void set_test_clock_offset(std::chrono::seconds offset) {
  g_test_offset_seconds.store(offset.count(), std::memory_order_relaxed);
}

// Written digit by digit: it runs several times for every request (the
// session's age, the audit entry's time, the access line), and snprintf
// with gmtime_r was 3 % of the server's CPU on a case detail.
std::string format_utc(TimePoint t) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  // A TimePoint counts nanoseconds in 64 bits: its years are 1677 to 2262,
  // always four digits.
  const int year = static_cast<int>(ymd.year());
  const hh_mm_ss clock{ms - day};
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](std::size_t at, unsigned value, std::size_t width) {
    for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(year), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, static_cast<unsigned>(clock.hours().count()), 2);
  put(14, static_cast<unsigned>(clock.minutes().count()), 2);
  put(17, static_cast<unsigned>(clock.seconds().count()), 2);
  put(20, static_cast<unsigned>(clock.subseconds().count()), 3);
  return out;
}

bool parse_utc(const std::string& s, TimePoint& out) {
  int y, mo, d, h, mi, sec, ms = 0;
  char z = 0;
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &sec, &ms, &z);
  if (n != 8) {
    ms = 0;
    n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z);
    if (n != 7) return false;
  }
  if (z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  std::time_t t = timegm(&tm);
  out = std::chrono::system_clock::from_time_t(t) + std::chrono::milliseconds(ms);
  return true;
}

std::string now_utc() { return format_utc(now()); }

std::string tokyo_date_of(TimePoint t) { return domain::tokyo_day_text_of_utc(format_utc(t)); }

std::string today_tokyo() { return tokyo_date_of(now()); }

std::string tokyo_minute_of(TimePoint t) {
  // Japan has no daylight saving: Tokyo is UTC+9 all year. format_utc of
  // the shifted time ("YYYY-MM-DDTHH:MM:SS.mmmZ") reads as Tokyo's clock.
  return format_utc(std::chrono::floor<std::chrono::minutes>(t + std::chrono::hours(9))).substr(0, 16);
}

std::string now_tokyo_minute() { return tokyo_minute_of(now()); }

}  // namespace tsunagu::service
