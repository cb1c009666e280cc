// Content-Disposition of downloads with Japanese names (RFC 6266 / 5987).
#include "http/content_disposition.h"

#include <gtest/gtest.h>

using namespace tsunagu::http;

TEST(ContentDisposition, PercentEncodesUtf8AndKeepsAttrChars) {
  EXPECT_EQ(rfc5987_encode("mhlw-2025.xlsx"), "mhlw-2025.xlsx");
  EXPECT_EQ(rfc5987_encode("令和"), "%E4%BB%A4%E5%92%8C");
  // Quote, space, semicolon, CR/LF, percent and the apostrophe never pass through.
  EXPECT_EQ(rfc5987_encode("a \"b\";\r\n%'"), "a%20%22b%22%3B%0D%0A%25%27");
}

TEST(ContentDisposition, AsciiFallbackAndUtf8Name) {
  EXPECT_EQ(attachment_disposition("mhlw-2025.csv", "令和7年度.csv"),
            "attachment; filename=\"mhlw-2025.csv\"; filename*=UTF-8''%E4%BB%A4%E5%92%8C7%E5%B9%B4%E5%BA%A6.csv");
}
