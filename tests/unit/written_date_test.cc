// domain::parse_written_date / parse_written_time: the dates of ledgers kept
// by hand, 西暦 and 和暦, half- and full-width, and what is not a date.
#include <gtest/gtest.h>

#include "domain/written_date.h"

namespace tsunagu::domain {
namespace {

std::string iso(std::string_view text) {
  auto d = parse_written_date(text);
  return d ? format_iso_date(*d) : "none";
}

TEST(WrittenDate, SeirekiInTheFormsLedgersUse) {
  for (auto t : {"2023-04-01", "2023/4/1", "2023.4.1", "2023年4月1日", "２０２３／４／１", "２０２３年４月１日", " 2023/04/01 "})
    EXPECT_EQ(iso(t), "2023-04-01") << t;
}

TEST(WrittenDate, WarekiByNameOrLetterAndTheFirstYear) {
  EXPECT_EQ(iso("令和5年4月1日"), "2023-04-01");
  EXPECT_EQ(iso("R5.4.1"), "2023-04-01");
  EXPECT_EQ(iso("r5/4/1"), "2023-04-01");
  EXPECT_EQ(iso("Ｒ５．４．１"), "2023-04-01");
  EXPECT_EQ(iso("令和元年5月1日"), "2019-05-01");
  EXPECT_EQ(iso("H31.4.30"), "2019-04-30");
  EXPECT_EQ(iso("平成元年1月8日"), "1989-01-08");
  EXPECT_EQ(iso("昭和60年4月1日"), "1985-04-01");
  EXPECT_EQ(iso("S64.1.7"), "1989-01-07");
  EXPECT_EQ(iso("大正15年12月24日"), "1926-12-24");
  EXPECT_EQ(iso("明治45年7月29日"), "1912-07-29");
  EXPECT_EQ(iso("明治45年7月30日"), "none");  // 大正元年
}

TEST(WrittenDate, DaysOutsideTheirEraOrTheCalendarAreNotDates) {
  EXPECT_EQ(iso("平成31年5月1日"), "none");  // 令和 had begun
  EXPECT_EQ(iso("令和1年4月30日"), "none");  // still 平成
  EXPECT_EQ(iso("昭和64年1月8日"), "none");
  EXPECT_EQ(iso("令和0年5月1日"), "none");
  EXPECT_EQ(iso("2023/2/29"), "none");
  EXPECT_EQ(iso("2024/2/29"), "2024-02-29");
  EXPECT_EQ(iso("23/4/1"), "none");  // a two-digit year is ambiguous
  for (auto t : {"", "不明", "4月1日", "2023/4", "2023/4/1 午後", "45017"}) EXPECT_EQ(iso(t), "none") << t;
}

TEST(WrittenTime, ColonOrKanjiHalfOrFullWidth) {
  EXPECT_EQ(parse_written_time("14:30"), 14 * 60 + 30);
  EXPECT_EQ(parse_written_time("９：０５"), 9 * 60 + 5);
  EXPECT_EQ(parse_written_time("14:30:00"), 14 * 60 + 30);
  EXPECT_EQ(parse_written_time("14時30分"), 14 * 60 + 30);
  EXPECT_EQ(parse_written_time("14時"), 14 * 60);
  for (auto t : {"", "24:00", "14:60", "午後2時", "14"}) EXPECT_EQ(parse_written_time(t), std::nullopt) << t;
}

TEST(HalfWidth, FullWidthAsciiAndTheIdeographicSpace) {
  EXPECT_EQ(half_width("ＡＢＣ　１２３（分）"), "ABC 123(分)");
  EXPECT_EQ(half_width("ｶﾀｶﾅ漢字"), "ｶﾀｶﾅ漢字");
}

}  // namespace
}  // namespace tsunagu::domain
