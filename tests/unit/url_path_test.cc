#include "http/url_path.h"

#include <gtest/gtest.h>

namespace tsunagu::http {
namespace {

TEST(UrlPath, DecodesOnceAndKeepsJapanese) {
  EXPECT_EQ(decode_path("/cases/%E7%94%B0%E4%B8%AD"), "/cases/田中");
  EXPECT_EQ(decode_path("/a%2Fb"), "/a/b");
  EXPECT_EQ(decode_path("/%252e%252e"), "/%2e%2e") << "decoded once, not twice";
  EXPECT_EQ(decode_path("/"), "/");
}

TEST(UrlPath, RefusesBrokenEscapes) {
  EXPECT_FALSE(decode_path("/a%zz"));
  EXPECT_FALSE(decode_path("/a%"));
  EXPECT_FALSE(decode_path("/a%4"));
  EXPECT_FALSE(decode_path("relative"));
  EXPECT_FALSE(decode_path(""));
}

TEST(UrlPath, RefusesWhatNoHandlerShouldSee) {
  EXPECT_FALSE(decode_path("/%FF")) << "not UTF-8";
  EXPECT_FALSE(decode_path("/%c0%ae")) << "overlong '.'";
  EXPECT_FALSE(decode_path("/%e0%80%ae")) << "overlong three-byte '.'";
  EXPECT_FALSE(decode_path("/%ed%a0%80")) << "surrogate";
  EXPECT_FALSE(decode_path("/%f4%90%80%80")) << "beyond U+10FFFF";
  EXPECT_FALSE(decode_path("/a\\b"));
  EXPECT_FALSE(decode_path("/a%5Cb"));
  EXPECT_FALSE(decode_path("/a%00b"));
  EXPECT_FALSE(decode_path("/a%0Ab"));
  EXPECT_FALSE(decode_path("/a%7Fb"));
}

TEST(UrlPath, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("ひきこもり支援"));
  EXPECT_TRUE(valid_utf8("\xf0\x9f\x98\x80"));  // 😀
  EXPECT_FALSE(valid_utf8("\x80"));
  EXPECT_FALSE(valid_utf8("\xe3\x81"));  // cut short
  EXPECT_FALSE(valid_utf8("\xc1\xbf"));
}

TEST(UrlQuery, DecodesFormEncodingFirstValueWins) {
  auto q = decode_query("q=%E7%94%B0%E4%B8%AD+%E5%A4%AA&limit=5&limit=9&flag");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("q"), "田中 太");
  EXPECT_EQ(q->at("limit"), "5");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_TRUE(decode_query("")->empty());
}

TEST(UrlQuery, RefusesMalformed) {
  EXPECT_FALSE(decode_query("q=%zz"));
  EXPECT_FALSE(decode_query("q=%FF"));
  EXPECT_FALSE(decode_query("q=a%00b"));
  EXPECT_FALSE(decode_query("%0A=1"));
}

}  // namespace
}  // namespace tsunagu::http
