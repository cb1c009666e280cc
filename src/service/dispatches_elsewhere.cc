// Dispatches of the organisation's own supporters made by another
// organisation (on 本人同意 or a 支援会議 of that organisation's case). The
// supporter's own coordinators see when and for what their supporter goes,
// read-only — the activity, the time, the state, who asked and on which
// basis — and nothing of the case: no title, nickname, place or report.
#include "service/json_optional.h"
#include "service/supporters.h"

namespace tsunagu::service {

nlohmann::json dispatches_elsewhere(store::Connection& db, const std::string& organisation_id) {
  auto items = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT d.id, o.name, s.id, s.name, d.activity, d.starts_at, d.ends_at, d.state, d.consent_id, d.meeting_id "
           "FROM dispatches d JOIN supporters s ON s.id = d.supporter_id JOIN organisations o ON o.id = d.organisation_id "
           "WHERE s.organisation_id = ? AND d.organisation_id <> ? ORDER BY d.starts_at DESC, d.id LIMIT 500",
           {organisation_id, organisation_id})) {
    store::Cells in(r);
    nlohmann::json j;
    j["id"] = in.text();
    j["organisation_name"] = in.text();
    j["supporter_id"] = in.text();
    j["supporter_name"] = in.text();
    j["activity"] = in.text();
    j["starts_at"] = in.text();
    j["ends_at"] = in.text();
    j["state"] = in.text();
    bool by_consent = in.opt_text().has_value();
    bool by_meeting = in.opt_text().has_value();
    // The basis as PRODUCT.md names it (domain::kSharingBasis).
    j["basis"] = by_consent ? "本人同意" : by_meeting ? "支援会議" : nullptr;
    items.push_back(std::move(j));
  }
  return items;
}

}  // namespace tsunagu::service
