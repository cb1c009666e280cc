// Registration functions, one per *_routes.cc file (one per domain concept).
#pragma once

#include "http/router.h"

namespace tsunagu::http {

void add_health_routes(Router& r);
void add_meta_routes(Router& r);
void add_session_routes(Router& r);
void add_area_routes(Router& r);
void add_organisation_routes(Router& r);
void add_user_routes(Router& r);
void add_two_factor_routes(Router& r);
void add_audit_routes(Router& r);
void add_resource_routes(Router& r);
void add_consent_routes(Router& r);
void add_referral_routes(Router& r);
void add_person_routes(Router& r);
void add_disclosure_routes(Router& r);
void add_retention_routes(Router& r);
void add_household_routes(Router& r);
void add_case_routes(Router& r);
void add_contact_routes(Router& r);
void add_search_routes(Router& r);
void add_assessment_routes(Router& r);
void add_plan_routes(Router& r);
void add_stage_routes(Router& r);
void add_timeline_routes(Router& r);
void add_emergency_access_routes(Router& r);
void add_matching_routes(Router& r);
void add_mhlw_report_routes(Router& r);
void add_meeting_routes(Router& r);
void add_group_routes(Router& r);
void add_public_routes(Router& r);
void add_consultation_routes(Router& r);
void add_survey_routes(Router& r);
void add_supporter_routes(Router& r);
void add_report_requirements_routes(Router& r);
void add_report_outcomes_routes(Router& r);
void add_report_staff_load_routes(Router& r);
void add_report_dashboard_routes(Router& r);
void add_home_routes(Router& r);

}  // namespace tsunagu::http
