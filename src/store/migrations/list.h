// The ordered list of migrations. Add a new file per migration
// (NNNN_name.h defining one inline Migration) and append it here; never edit
// a migration that has been released.
#pragma once

#include <vector>

#include "store/migrations.h"
#include "store/migrations/0001_foundation.h"
#include "store/migrations/0002_case_work.h"
#include "store/migrations/0003_search.h"
#include "store/migrations/0004_assessment_plan_stage.h"
#include "store/migrations/0005_referrals.h"
#include "store/migrations/0006_case_list_index.h"
#include "store/migrations/0007_meetings.h"
#include "store/migrations/0008_emergency_access.h"
#include "store/migrations/0009_report_index.h"
#include "store/migrations/0010_staff_load.h"
#include "store/migrations/0011_case_household_index.h"
#include "store/migrations/0012_mhlw_summaries.h"
#include "store/migrations/0013_contacts_subject_met_index.h"
#include "store/migrations/0014_search_rowid_by_organisation.h"
#include "store/migrations/0015_read_audit_schema.h"
#include "store/migrations/0016_read_audit_log.h"
#include "store/migrations/0017_case_detail_revision.h"
#include "store/migrations/0018_sign_in_guard.h"
#include "store/migrations/0019_password_change_failures.h"
#include "store/migrations/0020_audit_key.h"
#include "store/migrations/0021_groups.h"
#include "store/migrations/0022_two_factor.h"
#include "store/migrations/0023_retention.h"
#include "store/migrations/0024_public_consultation.h"
#include "store/migrations/0025_surveys.h"
#include "store/migrations/0026_supporters.h"
#include "store/migrations/0027_consent_giver.h"
#include "store/migrations/0028_resource_proposals.h"
#include "store/migrations/0029_person_details.h"
#include "store/migrations/0030_national_area.h"
#include "store/migrations/0031_case_number.h"
#include "store/migrations/0032_follow_ups_assignee_index.h"
#include "store/migrations/0033_dispatch_meeting_basis.h"
#include "store/migrations/0034_supporter_activity_rates.h"
#include "store/migrations/0035_survey_further_lists.h"
#include "store/migrations/0036_supporter_retention.h"
#include "store/migrations/0037_consultation_case_link.h"

namespace tsunagu::store::migrations {

inline std::vector<Migration> list() {
  return {
      m0001_foundation,
      m0002_case_work,
      m0003_search,
      m0004_assessment_plan_stage,
      m0005_referrals,
      m0006_case_list_index,
      m0007_meetings,
      m0008_emergency_access,
      m0009_report_index,
      m0010_staff_load,
      m0011_case_household_index,
      m0012_mhlw_summaries,
      m0013_contacts_subject_met_index,
      m0014_search_rowid_by_organisation,
      m0015_read_audit_schema,
      m0016_read_audit_log,
      m0017_case_detail_revision,
      m0018_sign_in_guard,
      m0019_password_change_failures,
      m0020_audit_key,
      m0021_groups,
      m0022_two_factor,
      m0023_retention,
      m0024_public_consultation,
      m0025_surveys,
      m0026_supporters,
      m0027_consent_giver,
      m0028_resource_proposals,
      m0029_person_details,
      m0030_national_area,
      m0031_case_number,
      m0032_follow_ups_assignee_index,
      m0033_dispatch_meeting_basis,
      m0034_supporter_activity_rates,
      m0035_survey_further_lists,
      m0036_supporter_retention,
      m0037_consultation_case_link,
  };
}

}  // namespace tsunagu::store::migrations
