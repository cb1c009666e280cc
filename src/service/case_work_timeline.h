// The case's own work on its timeline (service/timeline.h): contacts,
// assessments, plan changes and goal progress, stage changes, status
// changes. Each loader appends all of the case's entries of its kind.
#pragma once

#include <string>
#include <vector>

#include "service/timeline.h"
#include "store/db.h"

namespace tsunagu::service {

void contact_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);
void assessment_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);
// Plan events (create, update) and each goal's progress records.
void plan_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);
void stage_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);
void status_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);

}  // namespace tsunagu::service
