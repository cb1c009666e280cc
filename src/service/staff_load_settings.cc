#include "service/staff_load_settings.h"

#include "domain/staff_load.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::service {

nlohmann::json staff_load_settings(store::Connection& db, const std::string& organisation_id) {
  auto r = db.query_one("SELECT id, no_contact_days, version FROM organisations WHERE id = ?", {organisation_id});
  if (!r) throw not_found();
  return {{"organisation_id", r->text(0)}, {"no_contact_days", r->integer(1)}, {"version", r->integer(2)}};
}

nlohmann::json set_staff_load_settings(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                       std::int64_t expected_version, const nlohmann::json& body) {
  auto current = staff_load_settings(db, organisation_id);
  if (current["version"].get<std::int64_t>() != expected_version) throw version_conflict(current);
  Input in(body);
  auto days = in.integer("no_contact_days", "連絡がない日数の目安", true, domain::kMinNoContactDays,
                         domain::kMaxNoContactDays);
  in.check();
  auto changed = db.execute(
      "UPDATE organisations SET no_contact_days = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {*days, now_utc(), organisation_id, expected_version});
  if (changed == 0) throw version_conflict(staff_load_settings(db, organisation_id));
  audit(db, actor, {"update", "organisation", organisation_id, "連絡がない日数の目安: " + std::to_string(*days) + "日"});
  return staff_load_settings(db, organisation_id);
}

}  // namespace tsunagu::service
