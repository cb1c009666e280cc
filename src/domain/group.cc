#include "domain/group.h"

#include <cstdio>

namespace tsunagu::domain {
namespace {

constexpr Move kSessionMoves[] = {
    {"予定", "実施", false},
    {"予定", "中止", true},
    {"中止", "予定", false},
    {"実施", "予定", false},
};
constexpr StateMachine kSessionMachine{"session_state", kSessionStateValues, "予定", kSessionMoves};

int minutes_of(std::string_view t) {
  return ((t[0] - '0') * 10 + (t[1] - '0')) * 60 + (t[3] - '0') * 10 + (t[4] - '0');
}

}  // namespace

const StateMachine& session_state_machine() { return kSessionMachine; }

int weekday_of(const Date& date) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  auto days = days_since_epoch(date);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool is_clock_time(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (t[i] < '0' || t[i] > '9') return false;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  return h < 24 && m < 60;
}

ScheduleCheck check_schedule(const Schedule& s) {
  if (s.weekdays.empty()) return ScheduleCheck::kNoWeekday;
  for (int w : s.weekdays)
    if (w < 0 || w > 6) return ScheduleCheck::kBadWeekday;
  for (int w : s.weeks)
    if (w < 1 || w > 5) return ScheduleCheck::kBadWeek;
  if (!is_clock_time(s.start) || !is_clock_time(s.end)) return ScheduleCheck::kBadTime;
  if (minutes_of(s.end) <= minutes_of(s.start)) return ScheduleCheck::kEndNotAfterStart;
  return ScheduleCheck::kOk;
}

std::string describe_schedule(const Schedule& s) {
  std::string out;
  if (s.weeks.empty()) {
    out = "毎週";
  } else {
    bool first = true;
    for (int w : s.weeks) {
      out += (first ? "第" : "・第") + std::to_string(w);
      first = false;
    }
  }
  bool first = true;
  for (int w : s.weekdays) {
    if (!first) out += "・";
    out += kWeekdayLabels[static_cast<std::size_t>(w)];
    first = false;
  }
  out += "曜 " + s.start + "–" + s.end;
  return out;
}

std::vector<Date> schedule_days(const Schedule& s, const Date& from, const Date& to) {
  std::vector<Date> out;
  if (to < from) return out;
  for (auto n = days_since_epoch(from), last = days_since_epoch(to); n <= last; ++n) {
    Date d = date_from_days(n);
    if (!s.weekdays.count(weekday_of(d))) continue;
    if (!s.weeks.empty() && !s.weeks.count((d.d - 1) / 7 + 1)) continue;
    out.push_back(d);
  }
  return out;
}

AttendanceCheck check_attendance(std::string_view state, const Date& day, const Date& today) {
  if (!kSessionState.contains(state)) return AttendanceCheck::kUnknownState;
  if (state == "中止") return AttendanceCheck::kCancelled;
  if (today < day) return AttendanceCheck::kFuture;
  return AttendanceCheck::kOk;
}

bool expected_at(const Date& joined_on, const std::optional<Date>& left_on, const Date& day) {
  if (day < joined_on) return false;
  return !left_on || !(*left_on < day);
}

SeriesProgress series_progress(int total, int required, const std::set<int>& attended_numbers) {
  SeriesProgress p;
  p.total = total;
  p.required = required;
  for (int n : attended_numbers)
    if (n >= 1 && n <= total) ++p.attended;
  p.completed = total > 0 && p.attended >= required;
  return p;
}

std::string month_key(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m);
  return buf;
}

std::optional<double> GroupFigures::returning_rate() const {
  if (total.participants == 0) return std::nullopt;
  return static_cast<double>(returning) / total.participants;
}

void GroupTally::session(const Date& day, std::string_view state) {
  auto& m = f_.months[month_key(day)];
  for (GroupMonth* g : {&m, &f_.total}) {
    if (state == "実施") ++g->sessions_held;
    else if (state == "中止") ++g->sessions_cancelled;
    else ++g->sessions_planned;
  }
}

void GroupTally::present(const std::string& participant_id, const Date& day, std::string_view side,
                         const std::string& municipality, const Date& first_present) {
  auto key = month_key(day);
  auto& m = f_.months[key];
  ++m.visits;
  ++f_.total.visits;
  ++f_.visits_by_side[std::string(side)];
  if (month_people_[key].insert(participant_id).second) ++m.participants;
  if (++visits_of_[participant_id] == 1) {
    ++f_.total.participants;
    who_[participant_id] = {std::string(side), municipality};
  }
  if (first_present == day && first_counted_.insert(participant_id).second) {
    ++m.first_time;
    ++f_.total.first_time;
  }
}

void GroupTally::headcount(const Date& day, std::string_view side, std::string_view visit, std::int64_t count) {
  auto& m = f_.months[month_key(day)];
  int n = static_cast<int>(count);
  m.anonymous_visits += n;
  f_.total.anonymous_visits += n;
  f_.anonymous_by_side[std::string(side)] += n;
  if (visit == "初めて") {
    m.anonymous_first_time += n;
    f_.total.anonymous_first_time += n;
  }
}

GroupFigures GroupTally::result() const {
  GroupFigures f = f_;
  for (const auto& [id, visits] : visits_of_) {
    const auto& [side, municipality] = who_.at(id);
    ++f.participants_by_side[side];
    ++f.participants_by_municipality[municipality];
    if (visits >= 2) ++f.returning;
  }
  return f;
}

}  // namespace tsunagu::domain
