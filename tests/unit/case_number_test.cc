#include "domain/case_number.h"

#include <gtest/gtest.h>

using tsunagu::domain::CaseNumber;
using tsunagu::domain::format_case_number;
using tsunagu::domain::parse_case_number;

TEST(CaseNumberTest, PrintsTheYearAndAtLeastFourDigits) {
  EXPECT_EQ(format_case_number({2026, 12}), "2026-0012");
  EXPECT_EQ(format_case_number({2026, 1}), "2026-0001");
  EXPECT_EQ(format_case_number({2027, 12345}), "2027-12345");
}

TEST(CaseNumberTest, ReadsWhatStaffType) {
  const CaseNumber n{2026, 12};
  for (const char* typed : {"2026-0012", "2026-12", " 2026 - 12 ", "２０２６－００１２", "2026ー0012", "2026年12",
                            "2026‐0012", "2026―12", "2026−12", "2026/12", "20260012", "２０２６００１２"}) {
    auto got = parse_case_number(typed);
    ASSERT_TRUE(got.has_value()) << typed;
    EXPECT_EQ(*got, n) << typed;
  }
}

TEST(CaseNumberTest, TextThatIsNotACaseNumberIsNotReadAsOne) {
  for (const char* typed : {"", "2026", "12", "田中", "2026-", "2026-00a1", "202612", "2026 12", "26-0012",
                            "2026-0000", "2026-1234567890", "abcd-0012", "2026-12-01"})
    EXPECT_FALSE(parse_case_number(typed).has_value()) << typed;
}
