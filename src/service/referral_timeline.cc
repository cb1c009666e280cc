// Referrals as entries of a case timeline: each state change and each
// piece of feedback from the receiving side, for the sender's case and the
// receiver's linked case alike. Who acted is named; the user id is given
// only for the case's own organisation's staff (by_id null otherwise): the
// other side's staff ids are its internal handles (issue 13 point 9).
#include <algorithm>

#include "domain/validation.h"
#include "service/json_optional.h"
#include "service/referrals.h"

namespace tsunagu::service {
namespace {

// Whether the row's actor (organisation in column `actor_org`) belongs to
// the organisation owning the timeline's case: the sender's for the
// sender's case (`sender_case`, `sender_org`), the receiver's otherwise.
bool own_staff(const std::string& case_id, const store::Row& row, int actor_org, int sender_case, int sender_org,
               int receiver_org) {
  std::string owner = row.text(sender_case) == case_id ? row.text(sender_org) : row.opt_text(receiver_org).value_or("");
  return row.text(actor_org) == owner;
}

}  // namespace

std::vector<nlohmann::json> referral_timeline_items(store::Connection& db, const std::string& case_id) {
  std::vector<nlohmann::json> items;
  for (const auto& e : db.query(
           "SELECT e.created_at, e.occurred_on, e.referral_id, r.name, e.from_state, e.to_state, e.note, o.name, "
           "e.user_id, u.display_name, e.organisation_id, f.case_id, f.organisation_id, f.receiving_organisation_id "
           "FROM referral_events e JOIN referrals f ON f.id = e.referral_id "
           "JOIN resources r ON r.id = f.resource_id JOIN organisations o ON o.id = e.organisation_id "
           "LEFT JOIN users u ON u.id = e.user_id WHERE f.case_id = ? OR f.receiver_case_id = ?",
           {case_id, case_id})) {
    std::string summary = "つなぎ（" + e.text(3) + "）：";
    summary += e.opt_text(4) ? *e.opt_text(4) + " → " + e.text(5) : e.text(5);
    if (auto n = e.opt_text(6)) summary += "・" + *n;
    items.push_back({{"kind", "referral"}, {"on", e.text(1)}, {"at", e.text(0)}, {"summary", summary},
                     {"ref_id", e.text(2)},
                     {"by_id", own_staff(case_id, e, 10, 11, 12, 13) ? nlohmann::json(e.text(8)) : nullptr},
                     {"by", nj(e.opt_text(9))},
                     {"organisation_name", e.text(7)}});
  }
  for (const auto& f : db.query(
           "SELECT b.created_at, b.referral_id, r.name, b.note, o.name, b.user_id, u.display_name, b.organisation_id, "
           "f.case_id, f.organisation_id, f.receiving_organisation_id "
           "FROM referral_feedback b JOIN referrals f ON f.id = b.referral_id JOIN resources r ON r.id = f.resource_id "
           "JOIN organisations o ON o.id = b.organisation_id LEFT JOIN users u ON u.id = b.user_id "
           "WHERE f.case_id = ? OR f.receiver_case_id = ?",
           {case_id, case_id})) {
    std::string at = f.text(0), on = domain::tokyo_day_text_of_utc(at);
    items.push_back({{"kind", "referral_feedback"}, {"on", on}, {"at", at},
                     {"summary", "つなぎ先（" + f.text(4) + "）からのフィードバック：" + f.text(3)},
                     {"ref_id", f.text(1)},
                     {"by_id", own_staff(case_id, f, 7, 8, 9, 10) ? nlohmann::json(f.text(5)) : nullptr},
                     {"by", nj(f.opt_text(6))},
                     {"organisation_name", f.text(4)}});
  }
  // Newest first, like the case timeline.
  std::stable_sort(items.begin(), items.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) { return a["at"] > b["at"]; });
  return items;
}

}  // namespace tsunagu::service
