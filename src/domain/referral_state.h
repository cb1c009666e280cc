// State of a referral (関係機関へのつなぎ) between two organisations.
//
//   依頼 → 受理 | 辞退 | 取消
//   受理 → 支援中 | 取消
//   支援中 → 終了
//   辞退, 終了, 取消 are final.
// The sending side may only withdraw (取消); every other move is the
// receiving side's answer. A decline (辞退) needs a reason so the sender can
// look for another place; a withdrawal needs one so the receiver knows why.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"
#include "domain/state_machine.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 6> kReferralStateValues{
    "依頼", "受理", "支援中", "終了", "辞退", "取消"};
inline constexpr EnumSpec kReferralState{"referral_state", "つなぎの状況",
                                         kReferralStateValues};

// The referral machine; initial state 依頼. Moves carry Party::kSender or
// Party::kReceiver.
const StateMachine& referral_state_machine();

}  // namespace tsunagu::domain
