#include "http/rate_limiter.h"

#include <gtest/gtest.h>

#include "service/log_event.h"

namespace tsunagu::http {
namespace {

TEST(RateLimiter, BurstThenRate) {
  RateLimiter r(10, 5);
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(r.allow("u", t)) << i;
  EXPECT_FALSE(r.allow("u", t));
  EXPECT_TRUE(r.allow("other", t)) << "each user has their own bucket";
  EXPECT_TRUE(r.allow("u", t + std::chrono::milliseconds(100))) << "one token back after 1/rate";
  EXPECT_FALSE(r.allow("u", t + std::chrono::milliseconds(100)));
}

TEST(RateLimiter, ZeroRateIsNoLimit) {
  RateLimiter r(0, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(r.allow("u"));
}

TEST(LogLine, IsOneLineOfValidJsonWhateverTheInput) {
  std::string evil = "/x\",\"user\":\"admin\"}\n{\"event\":\"access\",\"method\":\"DELETE\"\r\x01\xff";
  std::string line = service::log_line({{"event", "access"}, {"path", evil}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  auto back = nlohmann::json::parse(line);
  EXPECT_EQ(back.size(), 2u);
  EXPECT_EQ(back["event"], "access");
}

}  // namespace
}  // namespace tsunagu::http
