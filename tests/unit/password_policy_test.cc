// The rule for newly set passwords (service/password_policy.h).
#include <gtest/gtest.h>

#include "service/password_policy.h"

using tsunagu::service::common_password_count;
using tsunagu::service::is_common_password;
using tsunagu::service::password_refusal;

TEST(PasswordPolicy, ListIsCompiledInWithThousandsOfEntries) {
  EXPECT_GT(common_password_count(), 5000u);
}

TEST(PasswordPolicy, CommonPasswordsAreFoundWhateverTheirCase) {
  for (auto p : {"password", "12345678", "qwerty", "iloveyou", "password1", "1234567890", "qwertyuiop", "PASSWORD123",
                 "Sakura12345", "doraemon123", "aishiteru123", "tsunagu2025", "1q2w3e4r5t"})
    EXPECT_TRUE(is_common_password(p)) << p;
  // Full-width letters and spaces fold the same way as in search.
  EXPECT_TRUE(is_common_password("ＰＡＳＳＷＯＲＤ１２３"));
  EXPECT_TRUE(is_common_password("pass word 123"));
  EXPECT_FALSE(is_common_password("kawa-no-nagare-7"));
  EXPECT_FALSE(is_common_password("# comment"));  // notes of the file are not entries
}

TEST(PasswordPolicy, RefusesShortCommonAndLoginContaining) {
  EXPECT_EQ(password_refusal("short", "someone").value_or(""), "パスワードは10文字以上にしてください。");
  EXPECT_EQ(password_refusal(std::string(201, 'x'), "someone").value_or(""), "パスワードは200文字以内にしてください。");
  auto common = password_refusal("password123", "someone");
  ASSERT_TRUE(common);
  EXPECT_NE(common->find("よく使われていて推測されやすい"), std::string::npos);
  auto with_login = password_refusal("my-Hanada-garden", "hanada");
  ASSERT_TRUE(with_login);
  EXPECT_NE(with_login->find("ログインID"), std::string::npos);
  EXPECT_TRUE(password_refusal("ＨＡＮＡＤＡ-garden-9", "hanada"));
}

TEST(PasswordPolicy, AcceptsALongUncommonPassword) {
  EXPECT_FALSE(password_refusal("kawa-no-nagare-7", "hanada"));
  EXPECT_FALSE(password_refusal("kawa-no-nagare-7", ""));
  // Ten code points, not ten bytes: Japanese counts by the character.
  EXPECT_FALSE(password_refusal("やまのうえのあおいそら", "hanada"));
  EXPECT_TRUE(password_refusal("やまのうえ", "hanada"));
}
