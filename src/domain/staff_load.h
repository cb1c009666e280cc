// Staff load (担当の負担): the rules behind the supervisor's view.
//
// A case "has had no contact for N days" when N or more calendar days (Asia/
// Tokyo) have passed since its latest contact — or, with no contact at all,
// since it was opened. N is set per organisation (organisations.
// no_contact_days) within kMinNoContactDays..kMaxNoContactDays; the
// default of 60 comes from migration 0002. Only open cases (受付 / 継続支援 /
// 見守り) count: a closed case is not waiting for anyone.
//
// A plan is past its review date when its review_on is before the day the
// report is made for (the review day itself is still on time). Only the
// case's current plan (the newest by start date) is considered: an older
// plan was replaced, not forgotten.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/date.h"

namespace tsunagu::domain {

inline constexpr std::int64_t kMinNoContactDays = 7;
inline constexpr std::int64_t kMaxNoContactDays = 365;
inline constexpr std::int64_t kDefaultNoContactDays = 60;

// Calendar days from `last` to `on` (0 on the same day; negative if `last`
// is after `on`, e.g. a contact recorded for later today in another zone).
std::int64_t days_since(const Date& last, const Date& on);

// True iff `days_since(last, on) >= n_days`.
bool without_contact(const Date& last, const Date& on, std::int64_t n_days);

// True iff `review_on` is before `on`.
bool review_overdue(const Date& review_on, const Date& on);

// True iff kMinNoContactDays <= n <= kMaxNoContactDays.
bool valid_no_contact_days(std::int64_t n);

}  // namespace tsunagu::domain
