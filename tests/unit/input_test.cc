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

// The error of one text field, or "" when the value was taken.
std::string text_error(const std::string& value, bool multiline = false, bool required = true) {
  nlohmann::json body = {{"v", value}};
  Input in(body);
  in.opt_text("v", "呼び名", {.required = required, .max = 100, .multiline = multiline});
  try {
    in.check();
    return "";
  } catch (const Problem& p) {
    return p.errors.at(0).detail;
  }
}

// Characters a reader cannot see or that change what they see are refused
// with words that say which; a value with nothing visible is empty.
TEST(Input, TextRefusesControlsAndBidiOverridesAndTakesInvisibleAsEmpty) {
  for (const char* v : {"a\x7F", "a\u0085b", "\u009Fx", "ベル\u0007"})
    EXPECT_NE(text_error(v).find("制御文字"), std::string::npos) << v;
  for (const char* v : {"abc\u202Etxt.exe", "\u202Aa", "a\u2066b\u2069", "\u2068x"})
    EXPECT_NE(text_error(v).find("向きを変える"), std::string::npos) << v;
  for (const char* v : {"\u200B\u200B\u200B", "\u200D", " \u200B\u3000\uFEFF "})
    EXPECT_NE(text_error(v).find("を入力してください"), std::string::npos) << v;
  nlohmann::json body = {{"v", "\u200B\u200B"}};
  Input optional(body);
  EXPECT_EQ(optional.opt_text("v", "呼び名", {.required = false, .max = 20}), std::nullopt);
  EXPECT_NO_THROW(optional.check());
  // Still taken: line breaks and tabs in multi-line text, emoji joined by
  // U+200D, right-to-left marks, Japanese punctuation.
  EXPECT_EQ(text_error("一行目\n\t二行目", true), "");
  EXPECT_EQ(text_error("👨\u200D👩\u200D👧"), "");
  EXPECT_EQ(text_error("a\u200Fb"), "");
  EXPECT_EQ(text_error("「はい」・〜！"), "");
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
