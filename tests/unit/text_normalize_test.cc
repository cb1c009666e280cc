#include "domain/text_normalize.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(NormalizeForSearch, KanaVariantsMatch) {
  const std::string katakana = normalize_for_search("タナカ");
  EXPECT_EQ(katakana, "タナカ");
  EXPECT_EQ(normalize_for_search("たなか"), katakana);
  EXPECT_EQ(normalize_for_search("ﾀﾅｶ"), katakana);
  EXPECT_EQ(normalize_for_search("ひき"), normalize_for_search("ヒキ"));
}

TEST(NormalizeForSearch, HalfWidthVoicedMarksCompose) {
  EXPECT_EQ(normalize_for_search("ﾀﾞｲｽｹ"), "ダイスケ");
  EXPECT_EQ(normalize_for_search("だいすけ"), "ダイスケ");
  EXPECT_EQ(normalize_for_search("ﾊﾟﾝ"), "パン");
  EXPECT_EQ(normalize_for_search("ｰ"), "ー");
}

TEST(NormalizeForSearch, KanjiUnchanged) {
  EXPECT_EQ(normalize_for_search("田中"), "田中");
}

TEST(NormalizeForSearch, FullWidthLatinAndDigits) {
  EXPECT_EQ(normalize_for_search("ＡＢＣ"), "abc");
  EXPECT_EQ(normalize_for_search("ABC"), "abc");
  EXPECT_EQ(normalize_for_search("０９０１２３４"), "0901234");
  EXPECT_EQ(normalize_for_search("ＮＰＯ法人"), "npo法人");
}

TEST(NormalizeForSearch, WhitespaceRemoved) {
  EXPECT_EQ(normalize_for_search("田中　太郎"), "田中太郎");
  EXPECT_EQ(normalize_for_search(" 田中 \t太郎\n"), "田中太郎");
  EXPECT_EQ(normalize_for_search("   "), "");
}

TEST(NormalizeForSearch, ItaijiAreNotFolded) {
  // Documented limitation: NFKC keeps 髙 and 高 distinct.
  EXPECT_EQ(normalize_for_search("髙橋"), "髙橋");
  EXPECT_NE(normalize_for_search("髙橋"), normalize_for_search("高橋"));
}

TEST(NormalizeForSearch, EmptyInput) { EXPECT_EQ(normalize_for_search(""), ""); }

TEST(NormalizeForSearch, Idempotent) {
  for (std::string_view s : {"ﾀﾅｶ ﾀﾛｳ", "ＡＢＣ１２３", "ひきこもり支援", "ゝゞ"}) {
    const std::string once = normalize_for_search(s);
    EXPECT_EQ(normalize_for_search(once), once) << s;
  }
}

TEST(NormalizeForSearch, IllFormedBecomesReplacementChar) {
  EXPECT_EQ(normalize_for_search("a\xFF"), "a\xEF\xBF\xBD");
}

TEST(Bigrams, TwoCharacterName) {
  EXPECT_EQ(bigrams("田中"), std::vector<std::string>{"田中"});
}

TEST(Bigrams, Overlapping) {
  EXPECT_EQ(bigrams(normalize_for_search("たなか")),
            (std::vector<std::string>{"タナ", "ナカ"}));
  EXPECT_EQ(bigrams("abcd"), (std::vector<std::string>{"ab", "bc", "cd"}));
  EXPECT_EQ(bigrams("ああああ").size(), 3u);
}

TEST(Bigrams, ShortInputs) {
  EXPECT_EQ(bigrams("田"), std::vector<std::string>{"田"});
  EXPECT_TRUE(bigrams("").empty());
}

TEST(Bigrams, SupplementaryPlaneCharacters) {
  // 𠮷 (U+20BB7, 4 bytes in UTF-8) is one code point.
  EXPECT_EQ(bigrams("𠮷田"), std::vector<std::string>{"𠮷田"});
  EXPECT_EQ(bigrams("𠮷田太"), (std::vector<std::string>{"𠮷田", "田太"}));
}

TEST(CodepointLength, Counts) {
  EXPECT_EQ(codepoint_length(""), 0u);
  EXPECT_EQ(codepoint_length("abc"), 3u);
  EXPECT_EQ(codepoint_length("田中"), 2u);
  EXPECT_EQ(codepoint_length("𠮷田"), 2u);
  EXPECT_EQ(codepoint_length("ﾀﾞ"), 2u);
  EXPECT_EQ(codepoint_length("a\xFF" "b"), 3u);
}

}  // namespace
}  // namespace tsunagu::domain
