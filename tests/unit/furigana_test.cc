#include "domain/furigana.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(Furigana, AcceptsHiraganaKatakanaHalfWidthAndSpaces) {
  EXPECT_TRUE(is_furigana("たなか けんいち"));
  EXPECT_TRUE(is_furigana("タナカ　ケンイチ"));
  EXPECT_TRUE(is_furigana("ﾀﾅｶ ｹﾝｲﾁ"));
  EXPECT_TRUE(is_furigana("ゆうま"));
  EXPECT_TRUE(is_furigana("メアリー・スミス"));
  EXPECT_TRUE(is_furigana("ﾀﾞｲｽｹ"));
}

TEST(Furigana, RefusesKanjiLatinDigitsEmptyAndBrokenUtf8) {
  EXPECT_FALSE(is_furigana(""));
  EXPECT_FALSE(is_furigana("田中"));
  EXPECT_FALSE(is_furigana("tanaka"));
  EXPECT_FALSE(is_furigana("たなか1"));
  EXPECT_FALSE(is_furigana("\xE3\x81"));
}

}  // namespace
}  // namespace tsunagu::domain
