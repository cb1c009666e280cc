// The case number (ケース番号): how staff name a case on the phone, on paper
// and in a search — 「2026-0012」, the twelfth case opened in the
// organisation's fiscal year 2026. Numbers are given per organisation and
// per fiscal year of the case's 受付日 (opened_on), in the order cases are
// recorded, and never change or get reused (a case's 受付日 corrected later
// keeps its number; a number is found, not recomputed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::domain {

struct CaseNumber {
  int fiscal_year = 0;
  long long seq = 0;  // 1, 2, … within the organisation's fiscal year
  bool operator==(const CaseNumber&) const = default;
};

// "2026-0012": the fiscal year, a hyphen, the sequence with at least four
// digits (a fifth appears when a year passes 9,999 cases).
std::string format_case_number(const CaseNumber& n);

// A case number as staff type it: 「2026-0012」, 「2026-12」, full-width
// digits and any dash (－ ー ‐ ― −) or 「年」 between the parts, spaces
// around. nullopt when the text is not a case number (then it is searched
// as text only).
std::optional<CaseNumber> parse_case_number(std::string_view typed);

}  // namespace tsunagu::domain
