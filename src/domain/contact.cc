#include "domain/contact.h"

namespace tsunagu::domain {

ChannelCheck check_channel(std::string_view channel,
                           std::optional<std::string_view> sub_kind) {
  if (!kContactChannel.contains(channel)) return ChannelCheck::kUnknownChannel;
  if (!sub_kind) return ChannelCheck::kOk;
  if (!kContactSubKind.contains(*sub_kind)) return ChannelCheck::kUnknownSubKind;
  if (channel != kChannelOther) return ChannelCheck::kSubKindNeedsOther;
  return ChannelCheck::kOk;
}

std::string_view describe(ChannelCheck check) {
  switch (check) {
    case ChannelCheck::kOk:
      return {};
    case ChannelCheck::kUnknownChannel:
      return "相談方法は 電話・メール・SNS・来所・その他（訪問等） のいずれかを指定してください。";
    case ChannelCheck::kUnknownSubKind:
      return "その他の内訳は 訪問・手紙・オンライン面談・同行・出張相談 のいずれかを指定してください。";
    case ChannelCheck::kSubKindNeedsOther:
      return "内訳（訪問・手紙など）は相談方法が「その他（訪問等）」のときだけ指定できます。";
  }
  return {};
}

}  // namespace tsunagu::domain
