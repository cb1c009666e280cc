#include "domain/referral_state.h"

namespace tsunagu::domain {
namespace {

constexpr Move kReferralMoves[] = {
    {"依頼", "受理", false, Party::kReceiver},
    {"依頼", "辞退", true, Party::kReceiver},
    {"依頼", "取消", true, Party::kSender},
    {"受理", "支援中", false, Party::kReceiver},
    {"受理", "取消", true, Party::kSender},
    {"支援中", "終了", false, Party::kReceiver},
};

constexpr StateMachine kMachine{"referral_state", kReferralStateValues, "依頼",
                                kReferralMoves};

}  // namespace

const StateMachine& referral_state_machine() { return kMachine; }

}  // namespace tsunagu::domain
