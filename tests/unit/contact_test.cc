#include "domain/contact.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(CheckChannel, EveryChannelWithoutSubKind) {
  for (std::string_view channel : kContactChannelValues) {
    EXPECT_EQ(check_channel(channel, std::nullopt), ChannelCheck::kOk) << channel;
  }
}

TEST(CheckChannel, EverySubKindUnderOther) {
  for (std::string_view sub : kContactSubKindValues) {
    EXPECT_EQ(check_channel("その他（訪問等）", sub), ChannelCheck::kOk) << sub;
  }
}

TEST(CheckChannel, SubKindUnderAnotherChannelIsRefused) {
  EXPECT_EQ(check_channel("電話", "訪問"), ChannelCheck::kSubKindNeedsOther);
  EXPECT_EQ(check_channel("来所", "同行"), ChannelCheck::kSubKindNeedsOther);
  EXPECT_EQ(check_channel("SNS", "オンライン面談"),
            ChannelCheck::kSubKindNeedsOther);
}

TEST(CheckChannel, UnknownValues) {
  EXPECT_EQ(check_channel("訪問", std::nullopt), ChannelCheck::kUnknownChannel);
  EXPECT_EQ(check_channel("その他", std::nullopt), ChannelCheck::kUnknownChannel);
  EXPECT_EQ(check_channel("その他（訪問等）", "電話"),
            ChannelCheck::kUnknownSubKind);
  EXPECT_EQ(check_channel("その他（訪問等）", ""), ChannelCheck::kUnknownSubKind);
}

TEST(CheckChannel, DescribeGivesJapaneseDetailForFailuresOnly) {
  EXPECT_TRUE(describe(ChannelCheck::kOk).empty());
  EXPECT_FALSE(describe(ChannelCheck::kUnknownChannel).empty());
  EXPECT_FALSE(describe(ChannelCheck::kUnknownSubKind).empty());
  EXPECT_NE(describe(ChannelCheck::kSubKindNeedsOther).find("その他（訪問等）"),
            std::string_view::npos);
}

}  // namespace
}  // namespace tsunagu::domain
