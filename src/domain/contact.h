// Vocabulary of a contact record (相談・支援記録): channel, sub-kind, counterpart.
//
// Channels are the five columns of the MHLW annual report (相談方法), so the
// 相談件数 table is a plain GROUP BY. The field needs finer words for the
// fifth column — a home visit where nobody opened the door, a letter left at
// the door, an online meeting — so those are sub-kinds that always roll up
// into その他（訪問等）; they never form a column of their own in the report.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::string_view kChannelOther = "その他（訪問等）";

inline constexpr std::array<std::string_view, 5> kContactChannelValues{
    "電話", "メール", "SNS", "来所", kChannelOther};
inline constexpr EnumSpec kContactChannel{"contact_channel", "相談方法",
                                          kContactChannelValues};

// 訪問 includes visits where the person could not be met (会えなかった); that
// fact is recorded on the contact (本人に会えたか), not as another sub-kind.
inline constexpr std::array<std::string_view, 5> kContactSubKindValues{
    "訪問", "手紙", "オンライン面談", "同行", "出張相談"};
inline constexpr EnumSpec kContactSubKind{"contact_sub_kind", "その他の内訳",
                                          kContactSubKindValues};

inline constexpr std::array<std::string_view, 13> kContactCounterpartValues{
    "本人",   "父",       "母",       "きょうだい", "配偶者",
    "子",     "祖父母",   "その他の家族", "関係機関", "民生委員",
    "地域住民", "学校",   "その他"};
inline constexpr EnumSpec kContactCounterpart{"contact_counterpart", "相談者",
                                              kContactCounterpartValues};

enum class ChannelCheck {
  kOk,
  kUnknownChannel,     // channel is not one of the five
  kUnknownSubKind,     // sub-kind given but not in the list
  kSubKindNeedsOther,  // valid sub-kind under a channel other than その他（訪問等）
};

// Checks a channel and its optional sub-kind together. A sub-kind is
// optional even under その他（訪問等）: staff may not know or care which.
// An empty string_view sub-kind counts as given (and unknown); pass nullopt
// for "none".
ChannelCheck check_channel(std::string_view channel,
                           std::optional<std::string_view> sub_kind);

// Japanese sentence explaining a failed check, for problem+json `detail`.
// kOk yields an empty string_view.
std::string_view describe(ChannelCheck check);

}  // namespace tsunagu::domain
