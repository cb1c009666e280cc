#include "domain/case_status.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

const StateMachine& m() { return case_status_machine(); }

TEST(CaseStatus, InitialIsIntake) {
  EXPECT_EQ(m().initial, "受付");
  EXPECT_TRUE(has_state(m(), m().initial));
}

TEST(CaseStatus, OpenStatusesMoveFreelyAmongThemselves) {
  const std::string_view open[] = {"受付", "継続支援", "見守り"};
  for (auto from : open) {
    for (auto to : open) {
      if (from == to) continue;
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, ""), MoveCheck::kAllowed)
          << from << "→" << to;
    }
  }
}

TEST(CaseStatus, ClosingNeedsAReason) {
  const std::string_view open[] = {"受付", "継続支援", "見守り"};
  for (auto from : open) {
    for (std::string_view to : {"終結", "中断"}) {
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, ""),
                MoveCheck::kReasonRequired)
          << from << "→" << to;
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, " \t　\n"),
                MoveCheck::kReasonRequired);
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, "転居のため"),
                MoveCheck::kAllowed);
    }
  }
}

TEST(CaseStatus, ReopenNeedsAReason) {
  for (std::string_view from : {"終結", "中断"}) {
    for (std::string_view to : {"受付", "継続支援"}) {
      EXPECT_TRUE(is_reopen(from, to));
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, ""),
                MoveCheck::kReasonRequired);
      EXPECT_EQ(check_move(m(), from, to, Party::kAny, "母から再度の相談"),
                MoveCheck::kAllowed);
    }
  }
}

TEST(CaseStatus, RefusedMoves) {
  EXPECT_EQ(check_move(m(), "終結", "見守り", Party::kAny, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "中断", "見守り", Party::kAny, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "終結", "中断", Party::kAny, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "中断", "終結", Party::kAny, "理由"),
            MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m(), "受付", "受付", Party::kAny, ""),
            MoveCheck::kUnchanged);
  EXPECT_EQ(check_move(m(), "受付", "完了", Party::kAny, "理由"),
            MoveCheck::kUnknownState);
  EXPECT_FALSE(describe(MoveCheck::kNotAllowed).empty());
  EXPECT_TRUE(describe(MoveCheck::kAllowed).empty());
}

TEST(CaseStatus, MoveTableIsComplete) {
  // 6 free moves + 6 closings + 4 reopenings.
  EXPECT_EQ(m().moves.size(), 16u);
  for (const Move& move : m().moves) {
    EXPECT_TRUE(has_state(m(), move.from));
    EXPECT_TRUE(has_state(m(), move.to));
    EXPECT_EQ(move.party, Party::kAny);
    const bool closing = !is_open_case_status(move.to);
    EXPECT_EQ(move.needs_reason, closing || is_reopen(move.from, move.to));
  }
  EXPECT_EQ(moves_from(m(), "受付").size(), 4u);
  EXPECT_EQ(moves_from(m(), "終結").size(), 2u);
  // Closed cases can always be reopened: nothing is final.
  for (std::string_view state : kCaseStatusValues) {
    EXPECT_FALSE(is_final(m(), state)) << state;
  }
}

TEST(CaseStatus, OpenStatuses) {
  EXPECT_TRUE(is_open_case_status("受付"));
  EXPECT_TRUE(is_open_case_status("継続支援"));
  EXPECT_TRUE(is_open_case_status("見守り"));
  EXPECT_FALSE(is_open_case_status("終結"));
  EXPECT_FALSE(is_open_case_status("中断"));
  EXPECT_FALSE(is_reopen("受付", "継続支援"));
  EXPECT_FALSE(is_reopen("終結", "中断"));
}

}  // namespace
}  // namespace tsunagu::domain
