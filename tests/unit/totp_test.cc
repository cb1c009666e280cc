#include "service/totp.h"

#include <gtest/gtest.h>

#include "service/qr_svg.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

// RFC 6238 Appendix B, the SHA-1 rows: the 20-byte ASCII key and the
// 8-digit values at each time.
const std::string kRfcKey = "12345678901234567890";

struct Vector {
  std::int64_t unix_seconds;
  const char* eight_digits;
};
constexpr Vector kVectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                               {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};

std::int64_t at(std::int64_t s) { return s; }

TEST(Totp, Rfc6238Sha1VectorsWithEightDigits) {
  for (const auto& v : kVectors)
    EXPECT_EQ(hotp(kRfcKey, static_cast<std::uint64_t>(totp_step(at(v.unix_seconds))), 8), v.eight_digits)
        << "T=" << v.unix_seconds;
}

TEST(Totp, SixDigitsAreTheLastSixOfTheSameTruncation) {
  for (const auto& v : kVectors)
    EXPECT_EQ(hotp(kRfcKey, static_cast<std::uint64_t>(totp_step(at(v.unix_seconds)))),
              std::string(v.eight_digits).substr(2))
        << "T=" << v.unix_seconds;
  // Leading zeros are kept (T=1111111109 gives 081804, not 81804).
  EXPECT_EQ(hotp(kRfcKey, static_cast<std::uint64_t>(totp_step(at(1111111109)))), "081804");
}

TEST(Totp, StepsAreThirtySeconds) {
  EXPECT_EQ(totp_step(std::chrono::system_clock::time_point(std::chrono::seconds(1111111111))), 37037037);
  EXPECT_EQ(totp_step(at(0)), 0);
  EXPECT_EQ(totp_step(at(29)), 0);
  EXPECT_EQ(totp_step(at(30)), 1);
  EXPECT_EQ(totp_step(at(1111111109)), 37037036);
  EXPECT_EQ(totp_step(at(1111111111)), 37037037);
}

TEST(Totp, AcceptsOneStepOfSkewEitherSideAndNoMore) {
  const std::int64_t now = totp_step(at(1234567890));
  auto code_at = [&](std::int64_t step) { return hotp(kRfcKey, static_cast<std::uint64_t>(step)); };
  EXPECT_EQ(match_totp(kRfcKey, code_at(now), now, 0), now);
  EXPECT_EQ(match_totp(kRfcKey, code_at(now - 1), now, 0), now - 1);
  EXPECT_EQ(match_totp(kRfcKey, code_at(now + 1), now, 0), now + 1);
  EXPECT_EQ(match_totp(kRfcKey, code_at(now - 2), now, 0), std::nullopt);
  EXPECT_EQ(match_totp(kRfcKey, code_at(now + 2), now, 0), std::nullopt);
}

TEST(Totp, RefusesAStepAlreadyUsedOrEarlier) {
  const std::int64_t now = totp_step(at(2000000000));
  auto code_at = [&](std::int64_t step) { return hotp(kRfcKey, static_cast<std::uint64_t>(step)); };
  EXPECT_EQ(match_totp(kRfcKey, code_at(now), now, now), std::nullopt) << "the same code twice";
  EXPECT_EQ(match_totp(kRfcKey, code_at(now - 1), now, now), std::nullopt) << "an older code after a newer one";
  EXPECT_EQ(match_totp(kRfcKey, code_at(now + 1), now, now), now + 1) << "the next one is fine";
}

TEST(Totp, RefusesAnythingButSixDigits) {
  const std::int64_t now = totp_step(at(59));
  std::string good = hotp(kRfcKey, static_cast<std::uint64_t>(now));
  EXPECT_EQ(match_totp(kRfcKey, good, now, -1), now);
  EXPECT_EQ(match_totp(kRfcKey, "", now, -1), std::nullopt);
  EXPECT_EQ(match_totp(kRfcKey, good.substr(0, 5), now, -1), std::nullopt);
  EXPECT_EQ(match_totp(kRfcKey, good + "0", now, -1), std::nullopt);
  EXPECT_EQ(match_totp(kRfcKey, "94287082", now, -1), std::nullopt) << "the 8-digit form is not accepted";
  EXPECT_EQ(match_totp(kRfcKey, "28708a", now, -1), std::nullopt);
}

TEST(Totp, SecretsAreTwentyRandomBytes) {
  auto a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
}

TEST(Totp, Base32IsRfc4648WithoutPadding) {
  EXPECT_EQ(base32("foobar", true), "MZXW6YTBOI");
  EXPECT_EQ(base32("f", true), "MY");
  EXPECT_EQ(base32(kRfcKey, true), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(random_id().size(), 26u);
}

TEST(Totp, OtpauthUriNamesIssuerAndEscapesTheAccount) {
  EXPECT_EQ(otpauth_uri(kRfcKey, "sato"),
            "otpauth://totp/tsunagu:sato?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=tsunagu&algorithm=SHA1&digits=6"
            "&period=30");
  auto uri = otpauth_uri(kRfcKey, "a.b@c&d=e f");
  EXPECT_NE(uri.find("tsunagu:a.b%40c%26d%3De%20f?"), std::string::npos) << uri;
}

TEST(QrSvg, DrawsOnePathWithNothingFromTheTextInIt) {
  std::string svg = qr_svg("otpauth://totp/tsunagu:sato?secret=<script>");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("<path fill=\"#000\" d=\"M"), std::string::npos);
  EXPECT_EQ(svg.find("script"), std::string::npos);
  EXPECT_EQ(svg.find("otpauth"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::service
