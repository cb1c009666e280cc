#include "service/emergency_lookup.h"

#include <chrono>

#include "domain/case_number.h"
#include "domain/text_normalize.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"

namespace tsunagu::service {
namespace {

// A lookup that names no single case: a field error like any other, and an
// entry in the audit log, committed with the request (it is answered, not
// thrown, so the entry is not rolled back).
EmergencyLookup failed_lookup(store::Connection& db, const Actor& actor, FieldError error,
                              const std::string& organisation_id, const std::string& what) {
  audit(db, actor, {"denied", "emergency_access", organisation_id, "lookup " + what});
  return {"", invalid({std::move(error)})};
}

// Counted from the audit log, where failed lookups are the refusals of
// entity emergency_access with a "lookup" detail (the audit_log_entity index).
std::optional<EmergencyLookup> refused_after_failed_lookups(store::Connection& db, const Actor& actor,
                                                            const std::string& organisation_id) {
  const std::string since = format_utc(service::now() - std::chrono::hours(1));
  auto n = db.query_one(
      "SELECT COUNT(*) FROM audit_log WHERE entity = 'emergency_access' AND action = 'denied' AND user_id = ? "
      "AND at >= ? AND detail LIKE 'lookup %'",
      {actor.user_id, since});
  if (!n || n->integer(0) < kEmergencyLookupFailuresPerHour) return std::nullopt;
  audit(db, actor,
        {"denied", "emergency_access", organisation_id,
         "lookup refused after " + std::to_string(kEmergencyLookupFailuresPerHour) + " failures"});
  return EmergencyLookup{"", Problem(429, "emergency_lookup_limited",
                                     "ケースの指定が見つからないことが続いたため、しばらく受け付けられません。1時間ほどおいてから、"
                                     "ケースを持つ組織にケース番号を確かめて、もう一度お試しください。")};
}

}  // namespace

EmergencyLookup find_case_for_emergency(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  auto organisation_id = in.opt_text("organisation_id", "ケースを持つ組織", {.required = true, .max = 64});
  auto typed_number = in.opt_text("case_number", "ケース番号", {.required = false, .max = 40});
  auto title = in.opt_text("case_title", "ケース名", {.required = false, .max = 100});
  in.check();
  if (!db.query_one("SELECT 1 FROM organisations WHERE id = ?", {*organisation_id}))
    throw invalid({{"organisation_id", "ケースを持つ組織が見つかりません。一覧から選んでください。"}});
  if (auto refused = refused_after_failed_lookups(db, actor, *organisation_id)) return *refused;
  if (typed_number) {
    auto number = domain::parse_case_number(*typed_number);
    if (!number) throw invalid({{"case_number", "ケース番号は「2026-0012」のように、年度と番号で入力してください。"}});
    auto found = db.query_one("SELECT id FROM cases WHERE organisation_id = ? AND number_year = ? AND number_seq = ?",
                              {*organisation_id, std::int64_t{number->fiscal_year}, number->seq});
    if (!found)
      return failed_lookup(db, actor,
                           {"case_number", "この組織に、ケース番号「" + domain::format_case_number(*number) +
                                               "」のケースは見つかりません。番号をもう一度確かめてください。"},
                           *organisation_id, "number " + domain::format_case_number(*number) + " not found");
    return {found->text(0), std::nullopt};
  }
  if (!title) throw invalid({{"case_number", "ケース番号か、ケース名のどちらかを入力してください。"}});
  auto rows = db.query("SELECT id FROM cases WHERE organisation_id = ? AND title_folded = ? LIMIT 2",
                       {*organisation_id, domain::normalize_for_search(*title)});
  // The title itself stays out of the log: it may be a person's name.
  const std::string length = std::to_string(utf8_length(*title));
  if (rows.empty())
    return failed_lookup(
        db, actor,
        {"case_title", "この組織に、このケース名のケースは見つかりません。ケース名は全体を正確に入力してください。"},
        *organisation_id, "title of " + length + " characters not found");
  if (rows.size() > 1)
    return failed_lookup(db, actor,
                         {"case_title", "このケース名のケースが複数あります。ケース番号で指定してください。"},
                         *organisation_id, "title of " + length + " characters names several cases");
  return {rows[0].text(0), std::nullopt};
}

}  // namespace tsunagu::service
