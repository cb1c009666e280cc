// Indexes for the per-organisation reports (issue 5): outcomes read stage
// moves, progress records and assessments of one organisation within a
// fiscal year.
// The staff-load setting itself (organisations.no_contact_days, default 60)
// has existed since migration 0002; it is now edited through
// PUT /api/v1/organisations/:id/staff-load-settings.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0010_staff_load{
    10, "staff_load",
    R"SQL(
CREATE INDEX stage_changes_organisation ON stage_changes(organisation_id, changed_on);
CREATE INDEX plan_progress_organisation ON plan_progress(organisation_id, recorded_on);
CREATE INDEX assessments_organisation ON assessments(organisation_id, assessed_on);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
