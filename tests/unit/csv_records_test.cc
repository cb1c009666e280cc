// csv::records_of and csv::header_key: CSV as spreadsheets write it (RFC
// 4180 quoting with line breaks inside fields, CRLF, LF or a lone CR, the
// blank ",,,," rows Excel leaves at the end) and header cells typed by hand.
#include <gtest/gtest.h>

#include "service/csv_text.h"

namespace tsunagu::service::csv {
namespace {

std::vector<std::vector<std::string>> fields(const std::vector<Record>& rs) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rs) out.push_back(r.fields);
  return out;
}
std::vector<std::size_t> lines(const std::vector<Record>& rs) {
  std::vector<std::size_t> out;
  for (const auto& r : rs) out.push_back(r.line);
  return out;
}

TEST(CsvRecords, EveryLineEndingReadsTheSame) {
  for (const std::string eol : {"\r\n", "\n", "\r"}) {
    auto rs = records_of("a,b" + eol + "1,2" + eol + "3,4" + eol, 100);
    EXPECT_EQ(fields(rs), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}, {"3", "4"}})) << eol.size();
    EXPECT_EQ(lines(rs), (std::vector<std::size_t>{1, 2, 3}));
  }
}

TEST(CsvRecords, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto rs = records_of("氏名,記録\r\n\"山田, 花子\",\"一行目\r\n二行目「\"\"はい\"\"」\"\r\n次,x\r\n", 100);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[1].fields, (std::vector<std::string>{"山田, 花子", "一行目\n二行目「\"はい\"」"}));
  // The record after a two-line field starts on line 4 of the file.
  EXPECT_EQ(lines(rs), (std::vector<std::size_t>{1, 2, 4}));
}

TEST(CsvRecords, BlankRowsAreLeftOutAndLineNumbersStayTrue) {
  auto rs = records_of("a,b\n\n , \n1,2\n,,,,\n,,,,\n", 100);
  EXPECT_EQ(fields(rs), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(lines(rs), (std::vector<std::size_t>{1, 4}));
}

TEST(CsvRecords, NoFinalLineBreakAndTrimmedFields) {
  auto rs = records_of(" a \t, b", 100);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].fields, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvRecords, StopsOneRecordPastTheLimit) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "x\n";
  EXPECT_EQ(records_of(text, 10).size(), 11u);
  EXPECT_EQ(records_of(text, 50).size(), 50u);
}

TEST(CsvHeaderKey, SpacesAndFullWidthFormsCompareEqual) {
  EXPECT_EQ(header_key("氏　名"), "氏名");
  EXPECT_EQ(header_key(" 生年月日 "), "生年月日");
  EXPECT_EQ(header_key("所要時間（分）"), "所要時間(分)");
  EXPECT_EQ(header_key("ＩＤ"), "ID");
  EXPECT_EQ(header_key("相談日１"), "相談日1");
  // Other characters are kept as they are.
  EXPECT_EQ(header_key("ふりがな"), "ふりがな");
}

// Whole names in the order given: 集計日 is no 計, 男性人口 no 人口, and
// the first name of the list wins over a later one further left.
TEST(CsvColumnNamed, WholeNamesInOrderOfPreference) {
  const std::vector<std::string> h{"全国地方公共団体コード", "集計日", "地域名", "男性人口", "総　人口", "人口"};
  EXPECT_EQ(column_named(h, {"地区", "地域名", "コード"}), 2u);
  EXPECT_EQ(column_named(h, {"総数", "総人口", "計", "人口"}), 4u);
  EXPECT_EQ(column_named(h, {"計"}), std::nullopt);
  EXPECT_EQ(column_named(h, {"性別"}), std::nullopt);
}

TEST(CsvTrimWide, HalfAndFullWidthSpacesAtBothEnds) {
  EXPECT_EQ(trim_wide("東町　"), "東町");
  EXPECT_EQ(trim_wide("　 東　町 \t　"), "東　町");
  EXPECT_EQ(trim_wide("　"), "");
  EXPECT_EQ(trim_wide(""), "");
}

}  // namespace
}  // namespace tsunagu::service::csv
