#include "service/input.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/case_attributes.h"
#include "domain/validation.h"
#include "service/query_input.h"

namespace tsunagu::service {
namespace {

TEST(Utf8Prefix, NeverCutsACharacter) {
  EXPECT_EQ(utf8_prefix("abc", 60), "abc");
  EXPECT_EQ(utf8_prefix("田中太郎", 12), "田中太郎");
  EXPECT_EQ(utf8_prefix("田中太郎", 7), "田中");  // 7 bytes end inside 太
  EXPECT_EQ(utf8_prefix("田中太郎", 6), "田中");
  EXPECT_EQ(utf8_prefix("a😀", 4), "a");  // inside a 4-byte character
  EXPECT_EQ(utf8_prefix("a😀", 5), "a😀");
  EXPECT_EQ(utf8_prefix("田", 0), "");
}

// What tests/fuzz/fuzz_json_body.cc checks on every refusal: a value quoted in a "not one
// of the choices" message was cut at 60 bytes, inside a character when the
// value does not start on a 3-byte boundary, and the message was not UTF-8.
TEST(Input, ChoiceMessageQuotesWholeCharacters) {
  std::string value = "x";
  for (int i = 0; i < 20; ++i) value += "相談経路";
  nlohmann::json body = {{"intake_route", value}};
  Input in(body);
  EXPECT_FALSE(in.choice("intake_route", "相談経路", domain::kIntakeRoute.values, true));
  try {
    in.check();
    FAIL() << "no error";
  } catch (const Problem& p) {
    ASSERT_EQ(p.errors.size(), 1u);
    EXPECT_TRUE(domain::is_valid_utf8(p.errors[0].detail)) << p.errors[0].detail;
    EXPECT_NE(p.errors[0].detail.find("x相談経路"), std::string::npos);
  }
}

TEST(QueryInput, ChoiceMessageQuotesWholeCharacters) {
  std::map<std::string, std::string> query{{"status", "ab" + std::string(20, 'c') + "継続支援継続支援継続支援継続支援"}};
  QueryInput in(query);
  std::string_view allowed[] = {"継続支援"};
  EXPECT_FALSE(in.choice("status", "ケースの状況", allowed));
  try {
    in.check();
    FAIL() << "no error";
  } catch (const Problem& p) {
    ASSERT_EQ(p.errors.size(), 1u);
    EXPECT_TRUE(domain::is_valid_utf8(p.errors[0].detail)) << p.errors[0].detail;
  }
}

}  // namespace
}  // namespace tsunagu::service
