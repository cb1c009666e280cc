#include "domain/written_date.h"

#include "domain/wareki.h"

#include <cstdint>

namespace tsunagu::domain {
namespace {

std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Reads digits at `i` (at most 4), skipping nothing; nullopt when none.
std::optional<int> number_at(std::string_view s, std::size_t& i) {
  std::size_t from = i;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - from < 4) v = v * 10 + (s[i++] - '0');
  if (i == from) return std::nullopt;
  return v;
}

bool skip(std::string_view s, std::size_t& i, std::string_view what) {
  if (s.substr(i, what.size()) != what) return false;
  i += what.size();
  return true;
}

bool skip_separator(std::string_view s, std::size_t& i, std::string_view kanji) {
  for (std::string_view sep : {"-", "/", "."})
    if (skip(s, i, sep)) return true;
  return skip(s, i, kanji);
}

std::string trimmed(std::string_view text) {
  std::string s = half_width(text);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

}  // namespace

std::string half_width(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    std::uint32_t cp = next_code_point(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) out += static_cast<char>(cp - 0xFF01 + 0x21);
    else if (cp == 0x3000) out += ' ';
    else out.append(text.substr(at, i - at));
  }
  return out;
}

std::optional<Date> parse_written_date(std::string_view text) {
  const std::string s = trimmed(text);
  std::size_t i = 0;
  std::optional<int> year;
  std::string_view rest(s);
  const Era* era = take_era(rest);
  i = s.size() - rest.size();
  if (era) {
    year = skip(s, i, "元") ? std::optional<int>(1) : number_at(s, i);
    if (!year || *year < 1 || !skip_separator(s, i, "年")) return std::nullopt;
  } else {
    year = number_at(s, i);
    if (!year || i != 4 || !skip_separator(s, i, "年")) return std::nullopt;
  }
  auto month = number_at(s, i);
  if (!month || !skip_separator(s, i, "月")) return std::nullopt;
  auto day = number_at(s, i);
  if (!day) return std::nullopt;
  skip(s, i, "日");
  if (i != s.size()) return std::nullopt;
  Date d{era ? era->year_of(*year) : *year, *month, *day};
  if (!is_valid(d)) return std::nullopt;
  if (era && (d < era->first || era->last < d)) return std::nullopt;
  return d;
}

std::optional<int> parse_written_time(std::string_view text) {
  const std::string s = trimmed(text);
  std::size_t i = 0;
  auto h = number_at(s, i);
  if (!h || *h > 23) return std::nullopt;
  int m = 0;
  if (skip(s, i, ":")) {
    auto mm = number_at(s, i);
    if (!mm || *mm > 59) return std::nullopt;
    m = *mm;
    if (skip(s, i, ":")) number_at(s, i);  // seconds, as Excel writes them
  } else if (skip(s, i, "時")) {
    if (auto mm = number_at(s, i)) {
      if (*mm > 59 || !skip(s, i, "分")) return std::nullopt;
      m = *mm;
    }
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return *h * 60 + m;
}

}  // namespace tsunagu::domain
