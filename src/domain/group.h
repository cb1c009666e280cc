// Groups (居場所, 家族会, 家族教室 and CRAFT courses, 当事者会, ピア活動,
// 講演会・研修会, 相談会), their sessions and who came.
//
// The rules that decide the figures live here, free of I/O, so that a
// screen, an export and a test all count the same way:
//   - a session is 予定 (not yet recorded), 実施 or 中止 — three distinct
//     states; attendance is recorded only on a 実施 (or 予定, which recording
//     turns into 実施) session whose day has come, never on a 中止 one;
//   - registered participants are counted by person (実人数) and by visit
//     (延べ人数); anonymous headcounts are counted by visit only and are
//     never guessed into 実人数;
//   - someone who joined after a session, or left before it, was not
//     expected there and is never counted absent from it;
//   - a fixed programme (CRAFT, a 家族教室 course) has numbered sessions,
//     and a participant completes it by attending enough of them.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/enumeration.h"
#include "domain/state_machine.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 9> kGroupKindValues{
    "居場所", "家族会", "家族教室", "当事者会", "ピア活動", "CRAFT プログラム", "講演会・研修会", "相談会", "その他"};
inline constexpr EnumSpec kGroupKind{"group_kind", "グループの種類", kGroupKindValues};

// Who a group is for.
inline constexpr std::array<std::string_view, 5> kGroupAudienceValues{"本人", "家族", "どちらも", "支援者", "住民"};
inline constexpr EnumSpec kGroupAudience{"group_audience", "対象", kGroupAudienceValues};

// 予定: planned, nothing recorded yet; 実施: held; 中止: cancelled (with reason).
inline constexpr std::array<std::string_view, 3> kSessionStateValues{"予定", "実施", "中止"};
inline constexpr EnumSpec kSessionState{"session_state", "開催の状況", kSessionStateValues};
// 予定 → 実施 / 中止 (with reason); 中止 → 予定 (reopened); 実施 → 予定 (a
// recording undone; the service allows it only while no attendance is kept).
const StateMachine& session_state_machine();

// A registered participant's answer for one session.
inline constexpr std::array<std::string_view, 3> kAttendanceStatusValues{"出席", "欠席", "連絡あり欠席"};
inline constexpr std::array<std::string_view, 3> kAttendanceStatusLabels{"出席", "欠席", "欠席（連絡あり）"};
inline constexpr EnumSpec kAttendanceStatus{"attendance_status", "出欠", kAttendanceStatusValues,
                                            kAttendanceStatusLabels};

// Who a participant or a headcount is: 本人, 家族 or その他 (supporters,
// residents at a lecture …).
inline constexpr std::array<std::string_view, 3> kParticipantSideValues{"本人", "家族", "その他"};
inline constexpr EnumSpec kParticipantSide{"participant_side", "本人・家族の別", kParticipantSideValues};

// An anonymous headcount's visit: the first time at this group, or again.
inline constexpr std::array<std::string_view, 2> kVisitKindValues{"初めて", "2回目以降"};
inline constexpr EnumSpec kVisitKind{"visit_kind", "来所の回数", kVisitKindValues};

// Weekdays as screens write them, Monday first (the index is the stored value).
inline constexpr std::array<std::string_view, 7> kWeekdayLabels{"月", "火", "水", "木", "金", "土", "日"};
// 0 = Monday … 6 = Sunday.
int weekday_of(const Date& date);

// A regular schedule: on these weekdays, in these weeks of the month
// (1–5: 第1 … 第5; empty: every week), from `start` to `end` ("13:00").
struct Schedule {
  std::set<int> weekdays;
  std::set<int> weeks;
  std::string start, end;
};
// Why a schedule cannot be used; kOk when it can.
enum class ScheduleCheck { kOk, kNoWeekday, kBadWeekday, kBadWeek, kBadTime, kEndNotAfterStart };
ScheduleCheck check_schedule(const Schedule& s);
// "第2・第4水曜 13:00–16:00", "毎週月・木曜 13:00–16:00". Precondition: kOk.
std::string describe_schedule(const Schedule& s);
// Days from `from` to `to` (both included) on which the schedule meets, in order.
std::vector<Date> schedule_days(const Schedule& s, const Date& from, const Date& to);
// "HH:MM", 00:00–23:59.
bool is_clock_time(std::string_view t);

// Whether attendance may be recorded on a session in `state` held on `day`.
enum class AttendanceCheck { kOk, kCancelled, kFuture, kUnknownState };
AttendanceCheck check_attendance(std::string_view state, const Date& day, const Date& today);

// A registered participant is expected at a session held on `day` when they
// had joined by then and had not left before it. Only then can they be
// absent from it.
bool expected_at(const Date& joined_on, const std::optional<Date>& left_on, const Date& day);

// A fixed programme: `total` numbered sessions, completed by attending
// `required` of them (required ≤ total).
struct SeriesProgress {
  int attended = 0, total = 0, required = 0;
  bool completed = false;
};
SeriesProgress series_progress(int total, int required, const std::set<int>& attended_numbers);

// The figures of a group (or of several) over a period, month by month.
// Feed it every session and every attendance of the period, in any order;
// `first_present` says on which day each registered participant first came
// to the group at all (for first-time visitors).
struct GroupMonth {
  int sessions_held = 0, sessions_cancelled = 0, sessions_planned = 0;
  int participants = 0;       // 実人数: distinct registered participants present
  int visits = 0;             // 延べ人数 of registered participants
  int anonymous_visits = 0;   // 延べ人数 of anonymous headcounts (never in 実人数)
  int first_time = 0;         // registered participants whose first visit fell here
  int anonymous_first_time = 0;
};
struct GroupFigures {
  std::map<std::string, GroupMonth> months;  // "YYYY-MM"
  GroupMonth total;                          // 実人数 over the whole period (not a sum)
  std::map<std::string, int> participants_by_side;            // 本人 / 家族 / その他: 実人数
  std::map<std::string, int> visits_by_side;                  // registered 延べ by side
  std::map<std::string, int> anonymous_by_side;               // anonymous 延べ by side
  std::map<std::string, int> participants_by_municipality;    // area id ("" unknown): 実人数
  int returning = 0;  // participants present at ≥ 2 sessions of the period
  // returning / participants, or nullopt without participants.
  std::optional<double> returning_rate() const;
};

class GroupTally {
 public:
  void session(const Date& day, std::string_view state);
  // One present registered participant at one session.
  void present(const std::string& participant_id, const Date& day, std::string_view side,
               const std::string& municipality, const Date& first_present);
  void headcount(const Date& day, std::string_view side, std::string_view visit, std::int64_t count);
  GroupFigures result() const;

 private:
  GroupFigures f_;
  std::map<std::string, std::set<std::string>> month_people_;
  std::map<std::string, int> visits_of_;
  std::map<std::string, std::pair<std::string, std::string>> who_;  // side, municipality
  std::set<std::string> first_counted_;
};

// "YYYY-MM" of a day.
std::string month_key(const Date& d);

}  // namespace tsunagu::domain
