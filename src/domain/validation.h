// Small checks shared by every input path (HTTP, CSV import, CLI).
//
// Everything here is pure: no clock is read. "Not in the future" takes today
// as an argument, computed by the caller once per request, so tests and
// imports of old ledgers are deterministic.
//
// Times are stored as UTC ISO-8601 in one canonical form with milliseconds,
// "2025-04-01T00:00:00.000Z": a fixed width makes text order equal time
// order in SQL ("…:00Z" would sort after "…:00.500Z", because 'Z' > '.').
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tsunagu::domain {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800–DFFF),
// nothing above U+10FFFF, no truncated sequences. NUL is valid UTF-8; use
// check_text to refuse control characters.
bool is_valid_utf8(std::string_view text);

// True iff `text` has at most `max_codepoints` code points. Precondition:
// is_valid_utf8(text). Stops counting early, so a huge input costs at most
// max_codepoints steps.
bool within_codepoint_limit(std::string_view text, std::size_t max_codepoints);

// True iff `text` is empty or only spaces, tabs, newlines and U+3000
// (ideographic space, which Japanese IMEs type). A reason of "　" is no reason.
bool is_blank(std::string_view text);

struct TextRule {
  std::size_t max_codepoints = 200;
  bool required = false;   // empty or whitespace-only is refused
  bool multiline = false;  // allow \n, \r and \t (notes); names are one line
};

enum class TextCheck {
  kOk,
  kInvalidUtf8,
  kMissing,       // required but empty or only whitespace
  kTooLong,
  kControlChar,   // C0/C1 controls or DEL (except \n \r \t when multiline)
};

// Checks one text field against `rule`, cheapest failure first.
TextCheck check_text(std::string_view text, const TextRule& rule);

// Japanese sentence for a failed check; empty for kOk.
std::string_view describe(TextCheck check);

struct UtcDateTime {
  Date date;
  int hour = 0;         // 0..23
  int minute = 0;       // 0..59
  int second = 0;       // 0..59 (leap seconds are refused)
  int millisecond = 0;  // 0..999

  friend constexpr auto operator<=>(const UtcDateTime&,
                                    const UtcDateTime&) = default;
};

// Parses "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ" (exactly three
// fraction digits). Only 'T' and 'Z' in upper case; no offsets other than Z:
// the API speaks UTC only. nullopt for anything else or a non-existent time.
std::optional<UtcDateTime> parse_iso_datetime_utc(std::string_view text);

// Canonical form "YYYY-MM-DDTHH:MM:SS.sssZ".
std::string format_iso_datetime_utc(const UtcDateTime& time);

// The calendar day in Asia/Tokyo (UTC+9; Japan has had no daylight saving
// since 1951) of an instant. Contacts are counted in the fiscal year of this
// day, not of the UTC day.
Date tokyo_date_of(const UtcDateTime& time);

// The same for a stored UTC text ("2026-03-31T15:00:00.000Z" → 2026-04-01);
// nullopt when the text is not of that form. The one rule for the Tokyo day
// of a time in C++; store/tokyo_day_sql.h is its SQL twin.
std::optional<Date> tokyo_day_of_utc(std::string_view utc_iso);
// As YYYY-MM-DD, or the text's first ten characters when it is not a time.
std::string tokyo_day_text_of_utc(std::string_view utc_iso);
// The stored UTC text at which a Tokyo day begins (Japan has no DST):
// 2026-04-01 → "2026-03-31T15:00:00.000Z". Comparing stored times with it
// selects whole Tokyo days.
std::string tokyo_day_start_utc(const Date& day);

// True iff `date` is not after `today`.
bool not_in_future(const Date& date, const Date& today);

// True iff `time` is not after `now`.
bool not_in_future(const UtcDateTime& time, const UtcDateTime& now);

}  // namespace tsunagu::domain
