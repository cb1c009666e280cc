// A supporter of another organisation may be sent on a 支援会議 as well as on
// 本人同意 (issue 17): the meeting is the sharing basis recorded on the
// dispatch, checked by the rule referrals use (service/meetings.h,
// check_meeting_basis_of_referral). A dispatch has at most one basis:
// consent_id or meeting_id.
//
// An urgent report of a 居場所・グループ session is never taken into a case,
// so a coordinator marks it handled instead (urgent_handled_at): it then
// leaves the urgent list and the count beside 派遣 (service/urgent_reports.h).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0033_dispatch_meeting_basis{
    33, "dispatch_meeting_basis",
    "ALTER TABLE dispatches ADD COLUMN meeting_id TEXT REFERENCES meetings(id);"
    "ALTER TABLE dispatches ADD COLUMN urgent_handled_at TEXT;",
    "", ""};

}  // namespace tsunagu::store::migrations
