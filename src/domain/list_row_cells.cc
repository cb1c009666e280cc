#include "domain/list_row_cells.h"


#include "domain/survey.h"
#include "domain/wareki.h"

namespace tsunagu::domain {
namespace {

// A whole number at the start of `s`, consumed; nullopt when none.
std::optional<int> take_number(std::string_view& s) {
  int v = 0;
  std::size_t i = 0;
  while (i < s.size() && i < 6 && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  if (i == 0) return std::nullopt;
  s.remove_prefix(i);
  return v;
}

bool take(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<std::pair<int, int>> birth_month_of(std::string_view s) {
  int year = 0;
  if (const Era* era = take_era(s)) {
    const auto n = take(s, "元") ? std::optional<int>(1) : take_number(s);
    if (!n || *n < 1 || *n > era->years()) return std::nullopt;
    year = era->year_of(*n);
  } else {
    const auto n = take_number(s);
    if (!n || *n < 1000) return std::nullopt;
    year = *n;
  }
  if (!(take(s, "年") || take(s, "/") || take(s, ".") || take(s, "-"))) return std::nullopt;
  const auto month = take_number(s);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  // What may follow the month: nothing, 月, or a day after a separator.
  if (!(s.empty() || s.starts_with("月") || s.starts_with("/") || s.starts_with(".") || s.starts_with("-"))) return std::nullopt;
  return std::pair{year, *month};
}

std::optional<std::string> survey_age_band_of(std::string_view s) {
  if (kSurveyAgeBand.contains(s)) return std::string(s);
  if (s == "不明") return std::string(kDontKnow);
  const auto n = take_number(s);
  if (!n || *n < 10) return std::nullopt;
  const bool decade = s == "代" || s == "歳代";  // 40代: a band, so a multiple of ten
  const bool over = s == "代以上" || s == "歳以上" || s == "歳代以上";
  if (!(decade || over || s == "歳" || s.empty()) || (decade && *n % 10 != 0)) return std::nullopt;
  if (*n >= 70) return std::string("70代以上");
  if (over) return std::nullopt;  // 60歳以上 spans 60代 and 70代以上
  return std::to_string(*n / 10 * 10) + "代";
}

std::string survey_gender_of(std::string_view s) {
  if (s == "男") return "男性";
  if (s == "女") return "女性";
  if (s == "不明") return std::string(kDontKnow);
  return std::string(s);
}

}  // namespace tsunagu::domain
