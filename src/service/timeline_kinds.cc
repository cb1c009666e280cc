// The registration of timeline kinds (service/timeline.h). A module whose
// records belong to a case writes its loader beside its own service and
// adds its row here; the order is the one the `kinds` error lists.
#include "service/case_work_timeline.h"
#include "service/groups.h"
#include "service/meetings.h"
#include "service/referrals.h"
#include "service/supporters.h"
#include "service/timeline.h"

namespace tsunagu::service {

std::span<const TimelineKind> timeline_kinds() {
  static constexpr TimelineKind kKinds[] = {
      {"contact", contact_timeline},
      {"assessment", assessment_timeline},
      {"plan", plan_timeline},
      {"stage", stage_timeline},
      {"status", status_timeline},
      // Referrals sent or received and the receiving side's feedback.
      {"referral", [](store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
         append_timeline_items(referral_timeline_items(db, case_id), out);
       }},
      // Meetings that discussed the case and the follow-up items decided there.
      {"meeting", [](store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
         append_timeline_items(meeting_timeline_items(db, case_id), out);
       }},
      // Attendance at a 居場所 or group: the case's own organisation's, and
      // another organisation's only under 本人同意 through a referral
      // (service/groups.h).
      {"group", [](store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
         append_timeline_items(group_timeline_items(db, case_id), out);
       }},
      // Supporters dispatched from the case (派遣): the activity, who and
      // the state; the supporter's report stays on the dispatch.
      {"dispatch", [](store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
         append_timeline_items(dispatch_timeline_items(db, case_id), out);
       }},
  };
  return kKinds;
}

}  // namespace tsunagu::service
