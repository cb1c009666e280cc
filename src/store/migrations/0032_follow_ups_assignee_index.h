// The home screen (service/home.h) lists the meeting follow-ups assigned to
// the signed-in person that are not done and due: without an index on the
// assignee that reads every follow-up of the deployment on each home page.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0032_follow_ups_assignee_index{
    32, "follow_ups_assignee_index",
    "CREATE INDEX follow_ups_assignee ON follow_ups(assignee_user_id, done, due_on);"
    "CREATE INDEX follow_ups_assignee_organisation ON follow_ups(assignee_organisation_id, done, due_on);",
    "", ""};

}  // namespace tsunagu::store::migrations
