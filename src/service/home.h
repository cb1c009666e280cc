// The home screen (issue 15 point 3): what is due for the signed-in person,
// in one answer. Every section is a bounded read of records the person may
// already open elsewhere (their own cases, their organisation's inbox and
// meetings); nothing here decides access on its own: the caller says which
// sections the role may have (HomeSections, from the routes' policies).
//
// The rules, in one place:
//  - 次にすること of a case is the next step of its LATEST contact (by
//    occurred_at, then id). A later contact supersedes an earlier next step,
//    also when it records none: the later contact is where staff said what
//    comes next. It is due when next_step_on is today (Asia/Tokyo) or
//    earlier, for open cases (受付, 継続支援, 見守り) the person is staff of.
//  - A meeting follow-up is due when it is not done and due_on is today or
//    earlier, and it is assigned to the person, or (for a supervisor) to
//    the organisation without a person.
//  - A case is quiet (しばらく連絡がない) when it is open, the person is its
//    staff, and its latest contact was kQuietDays or more days ago (Tokyo
//    days), or it has no contact at all.
//  - This week is Monday to Sunday of today in Tokyo.
#pragma once

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// しばらく連絡がない: the same 30 days the case list offers first.
inline constexpr int kQuietDays = 30;
// The most items a section lists; its count says how many there are.
inline constexpr int kHomeSectionLimit = 20;
// The newest incoming referrals shown; the count covers all of them.
inline constexpr int kHomeReferralLimit = 5;

struct HomeSections {
  bool case_work = false;           // due, quiet_cases, meetings_this_week
  bool incoming_referrals = false;  // the referral inbox
  bool urgent_supporter_reports = false;  // supporters' urgent reports (service/urgent_reports.h)
};

// {today, week_from, week_to, quiet_days, due?, incoming_referrals?,
//  quiet_cases?, meetings_this_week?, urgent_supporter_reports?}: sections the role may not have are
// absent. Each present section is {count, items}. Reads only.
nlohmann::json home_for(store::Connection& db, const Actor& actor, const HomeSections& sections);

// The incoming referrals still waiting for the organisation's answer (the
// count beside 受け入れ in the navigation).
std::int64_t incoming_referral_count(store::Connection& db, const std::string& organisation_id);

}  // namespace tsunagu::service
