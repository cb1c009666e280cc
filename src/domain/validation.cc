#include "domain/validation.h"

#include <cstdint>
#include <cstdio>

namespace tsunagu::domain {
namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 if ill-formed.
// Ranges from the Unicode standard, table 3-7.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

bool is_blank(std::string_view text) {
  static constexpr std::string_view kIdeographicSpace = "\u3000";
  while (!text.empty()) {
    const char c = text.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      return false;
    }
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool within_codepoint_limit(std::string_view text, std::size_t max_codepoints) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    if (count == max_codepoints) return false;
    const std::size_t n = utf8_sequence_length(text, i);
    i += n == 0 ? 1 : n;
  }
  return true;
}

TextCheck check_text(std::string_view text, const TextRule& rule) {
  if (!is_valid_utf8(text)) return TextCheck::kInvalidUtf8;
  if (rule.required && is_blank(text)) return TextCheck::kMissing;
  if (!within_codepoint_limit(text, rule.max_codepoints)) {
    return TextCheck::kTooLong;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool newline_or_tab = c == '\n' || c == '\r' || c == '\t';
    if ((c < 0x20 && !(rule.multiline && newline_or_tab)) || c == 0x7F) {
      return TextCheck::kControlChar;
    }
    // C1 controls U+0080–U+009F are encoded as C2 80 … C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return TextCheck::kControlChar;
    }
  }
  return TextCheck::kOk;
}

std::string_view describe(TextCheck check) {
  switch (check) {
    case TextCheck::kOk:
      return {};
    case TextCheck::kInvalidUtf8:
      return "文字コードが正しくありません（UTF-8で送信してください）。";
    case TextCheck::kMissing:
      return "入力が必要です。";
    case TextCheck::kTooLong:
      return "文字数が上限を超えています。";
    case TextCheck::kControlChar:
      return "使用できない制御文字が含まれています。";
  }
  return {};
}

std::optional<UtcDateTime> parse_iso_datetime_utc(std::string_view text) {
  // 0123456789012345678901234
  // YYYY-MM-DDTHH:MM:SSZ
  // YYYY-MM-DDTHH:MM:SS.sssZ
  if (text.size() != 20 && text.size() != 24) return std::nullopt;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z') {
    return std::nullopt;
  }
  auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  UtcDateTime time;
  time.date = *date;
  if (!parse_fixed_digits(text.substr(11, 2), time.hour) ||
      !parse_fixed_digits(text.substr(14, 2), time.minute) ||
      !parse_fixed_digits(text.substr(17, 2), time.second)) {
    return std::nullopt;
  }
  if (text.size() == 24) {
    if (text[19] != '.' ||
        !parse_fixed_digits(text.substr(20, 3), time.millisecond)) {
      return std::nullopt;
    }
  }
  if (time.hour > 23 || time.minute > 59 || time.second > 59) {
    return std::nullopt;
  }
  return time;
}

std::string format_iso_datetime_utc(const UtcDateTime& time) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                time.date.y, time.date.m, time.date.d, time.hour, time.minute,
                time.second, time.millisecond);
  return buffer;
}

Date tokyo_date_of(const UtcDateTime& time) {
  return time.hour + 9 >= 24 ? add_days(time.date, 1) : time.date;
}

std::string tokyo_day_start_utc(const Date& day) { return format_iso_date(add_days(day, -1)) + "T15:00:00.000Z"; }

std::optional<Date> tokyo_day_of_utc(std::string_view utc_iso) {
  auto t = parse_iso_datetime_utc(utc_iso);
  if (!t) return std::nullopt;
  return tokyo_date_of(*t);
}

std::string tokyo_day_text_of_utc(std::string_view utc_iso) {
  auto d = tokyo_day_of_utc(utc_iso);
  return d ? format_iso_date(*d) : std::string(utc_iso.substr(0, 10));
}

bool not_in_future(const Date& date, const Date& today) {
  return !(today < date);
}

bool not_in_future(const UtcDateTime& time, const UtcDateTime& now) {
  return !(now < time);
}

}  // namespace tsunagu::domain
