// A 相談員 proposes a 社会資源 entry and a supervisor confirms it (issue 15
// point 10): a proposal is an entry not yet listed (active 0) with the
// proposer; confirming lists it and records when. The directory, the
// referral form and matching show listed entries only, so nothing proposed
// is used before a supervisor has looked at it.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0028_resource_proposals{28, "resource_proposals", R"SQL(
ALTER TABLE resources ADD COLUMN proposed_by TEXT REFERENCES users(id);
ALTER TABLE resources ADD COLUMN proposal_note TEXT;
ALTER TABLE resources ADD COLUMN confirmed_at TEXT;
CREATE INDEX resources_proposals ON resources(organisation_id, confirmed_at);
)SQL"};

}  // namespace tsunagu::store::migrations
