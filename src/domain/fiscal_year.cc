#include "domain/fiscal_year.h"

namespace tsunagu::domain {
namespace {

struct Era {
  int first_fiscal_year;  // the 元年度
  const char* name;
};

// Newest first, so the first match wins.
constexpr Era kEras[] = {
    {2019, "令和"},
    {1989, "平成"},
    {1926, "昭和"},  // 昭和元年度 would be FY1926, but that year was 大正15年度
};
constexpr int kFirstLabelledFiscalYear = 1927;

}  // namespace

int fiscal_year_of(const Date& date) {
  return date.m >= 4 ? date.y : date.y - 1;
}

Date fiscal_year_first_day(int fiscal_year) { return Date{fiscal_year, 4, 1}; }

Date fiscal_year_last_day(int fiscal_year) {
  return Date{fiscal_year + 1, 3, 31};
}

bool in_fiscal_year(const Date& date, int fiscal_year) {
  return fiscal_year_of(date) == fiscal_year;
}

std::optional<std::string> wareki_fiscal_year_label(int fiscal_year) {
  if (fiscal_year < kFirstLabelledFiscalYear) return std::nullopt;
  for (const Era& era : kEras) {
    if (fiscal_year < era.first_fiscal_year) continue;
    const int n = fiscal_year - era.first_fiscal_year + 1;
    std::string label = era.name;
    label += n == 1 ? std::string("元") : std::to_string(n);
    label += "年度";
    return label;
  }
  return std::nullopt;
}

std::string fiscal_year_label(int fiscal_year) {
  std::string label = std::to_string(fiscal_year) + "年度";
  if (auto wareki = wareki_fiscal_year_label(fiscal_year)) {
    label += "（" + *wareki + "）";
  }
  return label;
}

}  // namespace tsunagu::domain
