#include "domain/group.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(GroupEnums, VerbatimFromTheIssue) {
  EXPECT_TRUE(kGroupKind.contains("CRAFT プログラム"));
  EXPECT_TRUE(kGroupKind.contains("講演会・研修会"));
  EXPECT_EQ(kGroupKind.size(), 9u);
  EXPECT_TRUE(kGroupAudience.contains("どちらも"));
  EXPECT_FALSE(kGroupAudience.contains("両方"));
  EXPECT_EQ(kAttendanceStatus.label_of(2), "欠席（連絡あり）");
}

TEST(SessionState, ThreeDistinctStatesAndTheirMoves) {
  const auto& m = session_state_machine();
  EXPECT_EQ(m.initial, "予定");
  EXPECT_EQ(check_move(m, "予定", "実施", Party::kAny, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "予定", "中止", Party::kAny, ""), MoveCheck::kReasonRequired);
  EXPECT_EQ(check_move(m, "予定", "中止", Party::kAny, "台風のため"), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "中止", "予定", Party::kAny, ""), MoveCheck::kAllowed);
  // A held session is not cancelled afterwards: first undo the recording.
  EXPECT_EQ(check_move(m, "実施", "中止", Party::kAny, "x"), MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m, "中止", "実施", Party::kAny, ""), MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m, "実施", "実施", Party::kAny, ""), MoveCheck::kUnchanged);
  EXPECT_EQ(check_move(m, "開催", "実施", Party::kAny, ""), MoveCheck::kUnknownState);
}

TEST(Attendance, OnlyOnASessionWhoseDayHasComeAndThatWasNotCancelled) {
  Date today = D(2025, 6, 11);
  EXPECT_EQ(check_attendance("実施", D(2025, 6, 11), today), AttendanceCheck::kOk);
  EXPECT_EQ(check_attendance("予定", D(2025, 6, 4), today), AttendanceCheck::kOk);
  EXPECT_EQ(check_attendance("予定", D(2025, 6, 12), today), AttendanceCheck::kFuture);
  EXPECT_EQ(check_attendance("中止", D(2025, 6, 4), today), AttendanceCheck::kCancelled);
  EXPECT_EQ(check_attendance("なし", D(2025, 6, 4), today), AttendanceCheck::kUnknownState);
}

TEST(Attendance, LateJoinersAndLeaversAreNotExpected) {
  Date joined = D(2025, 5, 14);
  EXPECT_FALSE(expected_at(joined, std::nullopt, D(2025, 5, 7)));  // before joining: not absent
  EXPECT_TRUE(expected_at(joined, std::nullopt, D(2025, 5, 14)));
  EXPECT_TRUE(expected_at(joined, D(2025, 7, 2), D(2025, 7, 2)));
  EXPECT_FALSE(expected_at(joined, D(2025, 7, 2), D(2025, 7, 9)));  // after leaving
}

TEST(Schedule, SecondAndFourthWednesday) {
  Schedule s{{2}, {2, 4}, "13:00", "16:00"};
  ASSERT_EQ(check_schedule(s), ScheduleCheck::kOk);
  EXPECT_EQ(describe_schedule(s), "第2・第4水曜 13:00–16:00");
  auto days = schedule_days(s, D(2025, 6, 1), D(2025, 7, 31));
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0], D(2025, 6, 11));
  EXPECT_EQ(days[1], D(2025, 6, 25));
  EXPECT_EQ(days[2], D(2025, 7, 9));
  EXPECT_EQ(days[3], D(2025, 7, 23));
}

TEST(Schedule, TwiceAWeek) {
  Schedule s{{0, 3}, {}, "10:00", "15:00"};
  EXPECT_EQ(describe_schedule(s), "毎週月・木曜 10:00–15:00");
  EXPECT_EQ(schedule_days(s, D(2025, 6, 1), D(2025, 6, 30)).size(), 9u);  // 5 Mondays, 4 Thursdays
  EXPECT_EQ(weekday_of(D(2025, 6, 2)), 0);
  EXPECT_EQ(weekday_of(D(1970, 1, 1)), 3);
  EXPECT_EQ(weekday_of(D(1969, 12, 31)), 2);
}

TEST(Schedule, Refusals) {
  EXPECT_EQ(check_schedule({{}, {}, "13:00", "16:00"}), ScheduleCheck::kNoWeekday);
  EXPECT_EQ(check_schedule({{7}, {}, "13:00", "16:00"}), ScheduleCheck::kBadWeekday);
  EXPECT_EQ(check_schedule({{1}, {6}, "13:00", "16:00"}), ScheduleCheck::kBadWeek);
  EXPECT_EQ(check_schedule({{1}, {}, "1300", "16:00"}), ScheduleCheck::kBadTime);
  EXPECT_EQ(check_schedule({{1}, {}, "24:00", "16:00"}), ScheduleCheck::kBadTime);
  EXPECT_EQ(check_schedule({{1}, {}, "16:00", "16:00"}), ScheduleCheck::kEndNotAfterStart);
}

TEST(Series, CompletionPerParticipant) {
  auto p = series_progress(12, 10, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(p.attended, 9);
  EXPECT_FALSE(p.completed);
  p = series_progress(12, 10, {1, 2, 3, 4, 5, 6, 7, 8, 9, 12});
  EXPECT_TRUE(p.completed);
  // Numbers outside the programme do not count.
  p = series_progress(12, 1, {0, 13});
  EXPECT_EQ(p.attended, 0);
  EXPECT_FALSE(p.completed);
}

TEST(Figures, DistinctPeopleVersusVisitsAndHeadcountsApart) {
  GroupTally t;
  Date a = D(2025, 4, 7), b = D(2025, 4, 10), c = D(2025, 5, 8);
  t.session(a, "実施");
  t.session(b, "実施");
  t.session(c, "実施");
  t.session(D(2025, 5, 12), "中止");
  t.session(D(2025, 5, 15), "予定");
  // p1 came three times, p2 once (first visit ever on b), p3 once but had come last year.
  t.present("p1", a, "本人", "sakura", D(2025, 4, 7));
  t.present("p1", b, "本人", "sakura", D(2025, 4, 7));
  t.present("p1", c, "本人", "sakura", D(2025, 4, 7));
  t.present("p2", b, "家族", "aoba", D(2025, 4, 10));
  t.present("p3", c, "本人", "aoba", D(2024, 11, 1));
  t.headcount(a, "本人", "初めて", 2);
  t.headcount(c, "家族", "2回目以降", 3);
  auto f = t.result();
  EXPECT_EQ(f.total.sessions_held, 3);
  EXPECT_EQ(f.total.sessions_cancelled, 1);
  EXPECT_EQ(f.total.sessions_planned, 1);
  EXPECT_EQ(f.total.participants, 3);  // 実人数: not 5
  EXPECT_EQ(f.total.visits, 5);        // 延べ
  EXPECT_EQ(f.total.anonymous_visits, 5);
  EXPECT_EQ(f.total.anonymous_first_time, 2);
  EXPECT_EQ(f.total.first_time, 2);  // p1 and p2; p3 came before
  EXPECT_EQ(f.months.at("2025-04").participants, 2);
  EXPECT_EQ(f.months.at("2025-05").participants, 2);
  EXPECT_EQ(f.months.at("2025-04").visits, 3);
  // 実人数 over the year is not the sum of the months (4).
  EXPECT_EQ(f.participants_by_side.at("本人"), 2);
  EXPECT_EQ(f.participants_by_side.at("家族"), 1);
  EXPECT_EQ(f.anonymous_by_side.at("家族"), 3);
  EXPECT_EQ(f.participants_by_municipality.at("aoba"), 2);
  EXPECT_EQ(f.returning, 1);
  EXPECT_DOUBLE_EQ(*f.returning_rate(), 1.0 / 3.0);
}

TEST(Figures, NoParticipantsNoRate) {
  GroupTally t;
  t.headcount(D(2025, 4, 7), "その他", "初めて", 40);
  auto f = t.result();
  EXPECT_EQ(f.total.participants, 0);
  EXPECT_FALSE(f.returning_rate().has_value());
}

}  // namespace
}  // namespace tsunagu::domain
