#include "domain/referral_state.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

const StateMachine& m() { return referral_state_machine(); }

TEST(ReferralState, InitialIsRequest) { EXPECT_EQ(m().initial, "依頼"); }

TEST(ReferralState, ReceiverMoves) {
  EXPECT_EQ(check_move(m(), "依頼", "受理", Party::kReceiver, ""),
            MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m(), "依頼", "辞退", Party::kReceiver, "定員のため"),
            MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m(), "受理", "支援中", Party::kReceiver, ""),
            MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m(), "支援中", "終了", Party::kReceiver, ""),
            MoveCheck::kAllowed);
}

TEST(ReferralState, SenderWithdraws) {
  EXPECT_EQ(check_move(m(), "依頼", "取消", Party::kSender, "本人の希望"),
            MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m(), "受理", "取消", Party::kSender, "本人の希望"),
            MoveCheck::kAllowed);
}

TEST(ReferralState, WrongParty) {
  EXPECT_EQ(check_move(m(), "依頼", "受理", Party::kSender, ""),
            MoveCheck::kWrongParty);
  EXPECT_EQ(check_move(m(), "依頼", "辞退", Party::kSender, "理由"),
            MoveCheck::kWrongParty);
  EXPECT_EQ(check_move(m(), "依頼", "取消", Party::kReceiver, "理由"),
            MoveCheck::kWrongParty);
  EXPECT_EQ(check_move(m(), "受理", "支援中", Party::kSender, ""),
            MoveCheck::kWrongParty);
  EXPECT_EQ(check_move(m(), "支援中", "終了", Party::kSender, ""),
            MoveCheck::kWrongParty);
  // A caller that does not say who is acting is refused, not waved through.
  EXPECT_EQ(check_move(m(), "依頼", "受理", Party::kAny, ""),
            MoveCheck::kWrongParty);
}

TEST(ReferralState, ReasonsForDeclineAndWithdrawal) {
  EXPECT_EQ(check_move(m(), "依頼", "辞退", Party::kReceiver, ""),
            MoveCheck::kReasonRequired);
  EXPECT_EQ(check_move(m(), "依頼", "取消", Party::kSender, "　"),
            MoveCheck::kReasonRequired);
  // Withdrawing after the receiver accepted needs one too: the receiver
  // has already taken the person on.
  EXPECT_EQ(check_move(m(), "受理", "取消", Party::kSender, ""),
            MoveCheck::kReasonRequired);
  EXPECT_EQ(check_move(m(), "受理", "取消", Party::kSender, " \t"),
            MoveCheck::kReasonRequired);
  // Every other move goes without one.
  for (const Move& move : m().moves) {
    const bool reason = move.to == "辞退" || move.to == "取消";
    EXPECT_EQ(move.needs_reason, reason) << move.from << "→" << move.to;
  }
}

TEST(ReferralState, RefusedMoves) {
  EXPECT_EQ(check_move(m(), "依頼", "支援中", Party::kReceiver, ""),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "依頼", "終了", Party::kReceiver, ""),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "支援中", "取消", Party::kSender, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "受理", "辞退", Party::kReceiver, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "辞退", "受理", Party::kReceiver, ""),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "終了", "支援中", Party::kReceiver, ""),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "取消", "依頼", Party::kSender, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "依頼", "完了", Party::kReceiver, ""),
            MoveCheck::kUnknownState);
}

TEST(ReferralState, FinalStates) {
  EXPECT_TRUE(is_final(m(), "辞退"));
  EXPECT_TRUE(is_final(m(), "終了"));
  EXPECT_TRUE(is_final(m(), "取消"));
  EXPECT_FALSE(is_final(m(), "依頼"));
  EXPECT_FALSE(is_final(m(), "受理"));
  EXPECT_FALSE(is_final(m(), "支援中"));
}

TEST(ReferralState, MovesForEachSide) {
  EXPECT_EQ(moves_from(m(), "依頼", Party::kReceiver).size(), 2u);
  EXPECT_EQ(moves_from(m(), "依頼", Party::kSender).size(), 1u);
  EXPECT_EQ(moves_from(m(), "依頼").size(), 3u);
  EXPECT_EQ(moves_from(m(), "受理", Party::kSender).size(), 1u);
  EXPECT_TRUE(moves_from(m(), "終了").empty());
  ASSERT_NE(find_move(m(), "依頼", "取消"), nullptr);
  EXPECT_EQ(find_move(m(), "依頼", "取消")->party, Party::kSender);
  EXPECT_EQ(find_move(m(), "終了", "依頼"), nullptr);
}

}  // namespace
}  // namespace tsunagu::domain
