#include "domain/validation.h"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::domain {
namespace {

TEST(Utf8, Valid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_TRUE(is_valid_utf8("田中　太郎"));
  EXPECT_TRUE(is_valid_utf8("𠮷"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Utf8, Invalid) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE7\x94"));          // truncated 田
  EXPECT_FALSE(is_valid_utf8("\x93\x63\x92\x86"));  // 田中 in Shift_JIS
}

TEST(CodepointLimit, Boundaries) {
  EXPECT_TRUE(within_codepoint_limit("", 0));
  EXPECT_FALSE(within_codepoint_limit("a", 0));
  EXPECT_TRUE(within_codepoint_limit("田中", 2));
  EXPECT_FALSE(within_codepoint_limit("田中太", 2));
  EXPECT_TRUE(within_codepoint_limit("𠮷𠮷", 2));
  const std::string big(1'000'000, 'x');
  EXPECT_FALSE(within_codepoint_limit(big, 100));
}

TEST(CheckText, Rules) {
  TextRule name{.max_codepoints = 5, .required = true, .multiline = false};
  EXPECT_EQ(check_text("田中", name), TextCheck::kOk);
  EXPECT_EQ(check_text("", name), TextCheck::kMissing);
  EXPECT_EQ(check_text("　 ", name), TextCheck::kMissing);
  EXPECT_EQ(check_text("田中太郎です", name), TextCheck::kTooLong);
  EXPECT_EQ(check_text("田\n中", name), TextCheck::kControlChar);
  EXPECT_EQ(check_text(std::string_view("a\0b", 3), name), TextCheck::kControlChar);
  EXPECT_EQ(check_text("a\x7F", name), TextCheck::kControlChar);
  EXPECT_EQ(check_text("a\xC2\x85", name), TextCheck::kControlChar);  // NEL
  EXPECT_EQ(check_text("\xFF", name), TextCheck::kInvalidUtf8);

  TextRule note{.max_codepoints = 100, .required = false, .multiline = true};
  EXPECT_EQ(check_text("", note), TextCheck::kOk);
  EXPECT_EQ(check_text("一行目\r\n二行目\tタブ", note), TextCheck::kOk);
  EXPECT_EQ(check_text("\x1B[31m", note), TextCheck::kControlChar);
  EXPECT_FALSE(describe(TextCheck::kTooLong).empty());
  EXPECT_TRUE(describe(TextCheck::kOk).empty());
}

TEST(IsBlank, IdeographicSpace) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank("　\t \r\n"));
  EXPECT_FALSE(is_blank("　理由"));
}

TEST(DateTime, ParseBothForms) {
  auto t = parse_iso_datetime_utc("2025-04-01T09:30:15Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->date, (Date{2025, 4, 1}));
  EXPECT_EQ(t->hour, 9);
  EXPECT_EQ(t->minute, 30);
  EXPECT_EQ(t->second, 15);
  EXPECT_EQ(t->millisecond, 0);
  auto ms = parse_iso_datetime_utc("2025-04-01T09:30:15.123Z");
  ASSERT_TRUE(ms.has_value());
  EXPECT_EQ(ms->millisecond, 123);
  EXPECT_LT(*t, *ms);
}

TEST(DateTime, Refused) {
  for (std::string_view bad :
       {"2025-04-01", "2025-04-01T09:30:15", "2025-04-01T09:30:15+09:00",
        "2025-04-01 09:30:15Z", "2025-04-01t09:30:15z", "2025-04-01T24:00:00Z",
        "2025-04-01T09:60:00Z", "2025-04-01T09:30:60Z", "2025-02-29T00:00:00Z",
        "2025-04-01T09:30:15.1Z", "2025-04-01T09:30:15.1234Z",
        "2025-04-01T09:30:15,123Z", "2025-04-01T9:30:15Z", ""}) {
    EXPECT_EQ(parse_iso_datetime_utc(bad), std::nullopt) << bad;
  }
}

TEST(DateTime, CanonicalFormat) {
  auto t = parse_iso_datetime_utc("2025-04-01T00:00:00Z");
  EXPECT_EQ(format_iso_datetime_utc(*t), "2025-04-01T00:00:00.000Z");
  auto ms = parse_iso_datetime_utc("2025-04-01T00:00:00.500Z");
  EXPECT_EQ(format_iso_datetime_utc(*ms), "2025-04-01T00:00:00.500Z");
  // Fixed width: text order is time order.
  EXPECT_LT(format_iso_datetime_utc(*t), format_iso_datetime_utc(*ms));
}

TEST(DateTime, TokyoDate) {
  // 14:59:59Z is 23:59:59 JST, 15:00Z is the next day in Tokyo.
  EXPECT_EQ(tokyo_date_of(*parse_iso_datetime_utc("2025-03-31T14:59:59Z")),
            (Date{2025, 3, 31}));
  EXPECT_EQ(tokyo_date_of(*parse_iso_datetime_utc("2025-03-31T15:00:00Z")),
            (Date{2025, 4, 1}));
  EXPECT_EQ(tokyo_date_of(*parse_iso_datetime_utc("2025-12-31T20:00:00Z")),
            (Date{2026, 1, 1}));
}

TEST(NotInFuture, Dates) {
  const Date today{2025, 6, 1};
  EXPECT_TRUE(not_in_future(Date{2025, 6, 1}, today));
  EXPECT_TRUE(not_in_future(Date{1990, 1, 1}, today));
  EXPECT_FALSE(not_in_future(Date{2025, 6, 2}, today));
}

TEST(NotInFuture, Times) {
  const auto now = *parse_iso_datetime_utc("2025-06-01T00:00:00.000Z");
  EXPECT_TRUE(not_in_future(now, now));
  EXPECT_TRUE(not_in_future(*parse_iso_datetime_utc("2025-05-31T23:59:59.999Z"), now));
  EXPECT_FALSE(not_in_future(*parse_iso_datetime_utc("2025-06-01T00:00:00.001Z"), now));
}

}  // namespace
}  // namespace tsunagu::domain
