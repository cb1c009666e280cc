#include "domain/invisible_characters.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(FormatCharacters, DroppedAndNotVisible) {
  EXPECT_EQ(drop_format_characters("死\u200Bに\u2060た\uFEFFい\u200E"), "死にたい");
  EXPECT_EQ(drop_format_characters("\u202Etxt.exe"), "txt.exe");
  EXPECT_EQ(drop_format_characters("ｱｲｳ 田中"), "ｱｲｳ 田中");  // nothing else changes
  EXPECT_FALSE(has_visible_character(""));
  EXPECT_FALSE(has_visible_character("\u200B\u200B\u200B"));
  EXPECT_FALSE(has_visible_character(" \u3000\u200D\t"));
  EXPECT_TRUE(has_visible_character("\u200Bあ"));
  EXPECT_TRUE(has_visible_character("."));
}

}  // namespace
}  // namespace tsunagu::domain
