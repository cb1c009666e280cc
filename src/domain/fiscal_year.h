// The Japanese fiscal year (年度): 1 April to 31 March of the next year.
//
// Every yearly figure (the MHLW annual report, 相談実人数, つなぎ件数) is per
// fiscal year, and screens show 和暦 beside 西暦 ("2025年度（令和7年度）"), so
// both are computed here, once. A fiscal year is named by the calendar year
// in which it starts: FY2025 = 2025-04-01 … 2026-03-31.
//
// Era of a fiscal year: the era in force for most of it, as government
// documents write it. FY2019 began on 2019-04-01 under 平成 (31年), but 令和
// began on 1 May and the year is called 令和元年度; likewise FY1989 is
// 平成元年度 (平成 began on 1989-01-08). So FY ≥ 2019 is 令和, 1989–2018 平成,
// 1927–1988 昭和. Earlier fiscal years have no 和暦 label here (no record in
// tsunagu starts before 1927); the label then shows 西暦 only.
#pragma once

#include <optional>
#include <string>

#include "domain/date.h"

namespace tsunagu::domain {

// Fiscal year containing `date`. Precondition: is_valid(date).
// 2025-03-31 → 2024, 2025-04-01 → 2025.
int fiscal_year_of(const Date& date);

// 1 April of `fiscal_year`.
Date fiscal_year_first_day(int fiscal_year);

// 31 March of `fiscal_year` + 1.
Date fiscal_year_last_day(int fiscal_year);

// True iff `date` lies within `fiscal_year` (both ends included).
bool in_fiscal_year(const Date& date, int fiscal_year);

// "令和7年度", "令和元年度", "平成30年度", "昭和63年度"; nullopt before 1927.
std::optional<std::string> wareki_fiscal_year_label(int fiscal_year);

// "2025年度（令和7年度）"; "1926年度" when there is no 和暦 label.
std::string fiscal_year_label(int fiscal_year);

}  // namespace tsunagu::domain
