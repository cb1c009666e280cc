#include "domain/case_number.h"

#include <array>
#include <cstdio>

#include "domain/text_normalize.h"

namespace tsunagu::domain {
namespace {

// Separators people type between the year and the sequence, after NFKC
// (which has already made － a '-'): the dashes a Japanese IME offers, the
// long vowel mark that often stands in for one, 「年」, a slash, a space.
constexpr std::array<std::string_view, 11> kSeparators = {"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                                                          "\u2015", "\u2212", "\u30fc", "\u5e74", "/"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string format_case_number(const CaseNumber& n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d-%04lld", n.fiscal_year, n.seq);
  return buf;
}

std::optional<CaseNumber> parse_case_number(std::string_view typed) {
  std::string folded = normalize_for_search(typed);
  std::string_view s = trim(folded);
  if (s.size() < 6 || !all_digits(s.substr(0, 4))) return std::nullopt;
  std::string_view rest = trim(s.substr(4));
  bool separated = false;
  for (auto sep : kSeparators) {
    if (rest.starts_with(sep)) {
      rest = trim(rest.substr(sep.size()));
      separated = true;
      break;
    }
  }
  // Without a separator only the printed form's eight digits (20260012)
  // read as a number; "2026 12" and "202612" could be anything.
  if (!separated && rest.size() != 4) return std::nullopt;
  if (!all_digits(rest) || rest.size() > 9) return std::nullopt;
  CaseNumber n;
  n.fiscal_year = std::stoi(std::string(s.substr(0, 4)));
  n.seq = std::stoll(std::string(rest));
  if (n.fiscal_year < 1900 || n.seq < 1) return std::nullopt;
  return n;
}

}  // namespace tsunagu::domain
