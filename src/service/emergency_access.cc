#include "service/emergency_access.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <vector>

#include "domain/emergency_access.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kGrantColumns[] =
    "SELECT id, case_id, owner_organisation_id, organisation_id, user_id, reason, granted_at, expires_at "
    "FROM emergency_accesses ";

EmergencyGrant grant_from_row(const store::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

// The API view of a grant, with who holds it, the case it opens and how
// many reads were made under it (counted from the audit logs, so that a read
// writes nothing but its audit entry; reads are in the reads log, entries
// from before migration 0016 in the main one).
constexpr char kViewSelect[] =
    "SELECT e.id, e.case_id, c.title, e.owner_organisation_id, oo.name, e.organisation_id, o.name, e.user_id, "
    "u.display_name, e.reason, e.granted_at, e.expires_at, "
    "(SELECT COUNT(*) FROM audit_log l WHERE l.entity = 'emergency_access' AND l.entity_id = e.id "
    "AND l.action = 'read') + "
    "(SELECT COUNT(*) FROM reads.audit_log l WHERE l.entity = 'emergency_access' AND l.entity_id = e.id "
    "AND l.action = 'read') "
    "FROM emergency_accesses e JOIN cases c ON c.id = e.case_id "
    "JOIN organisations oo ON oo.id = e.owner_organisation_id JOIN organisations o ON o.id = e.organisation_id "
    "JOIN users u ON u.id = e.user_id ";

nlohmann::json view_from_row(const store::Row& r, const std::string& now) {
  return {{"id", r.text(0)},
          {"case_id", r.text(1)},
          {"case_title", r.text(2)},
          {"owner_organisation_id", r.text(3)},
          {"owner_organisation_name", r.text(4)},
          {"organisation_id", r.text(5)},
          {"organisation_name", r.text(6)},
          {"user_id", r.text(7)},
          {"user_name", r.text(8)},
          {"reason", r.text(9)},
          {"granted_at", r.text(10)},
          {"expires_at", r.text(11)},
          {"active", domain::emergency_access_valid(now, r.text(11))},
          {"reads", r.integer(12)}};
}

nlohmann::json views(store::Connection& db, const std::string& where, std::vector<store::Value> binds) {
  std::string now = now_utc();
  auto items = nlohmann::json::array();
  for (const auto& r : db.query(std::string(kViewSelect) + where + " ORDER BY e.granted_at DESC, e.id LIMIT 200",
                                std::span<const store::Value>(binds)))
    items.push_back(view_from_row(r, now));
  return items;
}

}  // namespace

std::optional<EmergencyGrant> valid_emergency_grant(store::Connection& db, const std::string& case_id,
                                                    const std::string& user_id, const std::string& now) {
  auto r = db.query_one(std::string(kGrantColumns) +
                            "WHERE case_id = ? AND user_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
                        {case_id, user_id, now});
  if (!r) return std::nullopt;
  auto g = grant_from_row(*r);
  // The text comparison in SQL and the domain rule must agree; the domain
  // rule is the one the tests pin.
  if (!domain::emergency_access_valid(now, g.expires_at)) return std::nullopt;
  return g;
}

std::optional<EmergencyGrant> latest_emergency_grant(store::Connection& db, const std::string& case_id,
                                                     const std::string& user_id) {
  auto r = db.query_one(std::string(kGrantColumns) + "WHERE case_id = ? AND user_id = ? ORDER BY expires_at DESC LIMIT 1",
                        {case_id, user_id});
  if (!r) return std::nullopt;
  return grant_from_row(*r);
}

nlohmann::json grant_emergency_access(store::Connection& db, const Actor& actor, const CaseRef& c,
                                      const nlohmann::json& body, std::int64_t seconds) {
  Input in(body);
  std::string reason = in.text("reason", "緊急アクセスの理由",
                               {.required = true, .max = domain::kEmergencyReasonMax, .multiline = true});
  if (!reason.empty() && utf8_length(reason) < domain::kEmergencyReasonMin)
    in.fail("reason", "緊急アクセスの理由は、何が起きていて、なぜこのケースを見る必要があるのかがわかるように、" +
                          std::to_string(domain::kEmergencyReasonMin) + "文字以上で書いてください。");
  in.check();
  if (c.organisation_id == actor.organisation_id)
    throw Problem(409, "emergency_access_not_needed",
                  "自分の組織のケースです。緊急アクセスを使わずに閲覧できます。");
  // `serve` refuses a duration out of bounds; clamp anyway, so no caller
  // can make a grant outlast the maximum.
  if (!domain::emergency_access_duration_ok(seconds))
    seconds = std::clamp<std::int64_t>(seconds, 1, domain::kEmergencyAccessMaxSeconds);
  TimePoint now_tp = service::now();
  std::string id = random_id(), now = format_utc(now_tp), expires = format_utc(now_tp + std::chrono::seconds(seconds));
  db.execute(
      "INSERT INTO emergency_accesses (id, case_id, owner_organisation_id, organisation_id, user_id, reason, "
      "granted_at, expires_at) VALUES (?,?,?,?,?,?,?,?)",
      {id, c.id, c.organisation_id, actor.organisation_id, actor.user_id, reason, now, expires});
  audit(db, actor, {"create", "emergency_access", id, "case " + c.id + " until " + expires});
  auto items = views(db, "WHERE e.id = ?", {id});
  return items.at(0);
}

void record_emergency_read(store::Connection& db, const Actor& actor, const EmergencyGrant& grant,
                           const std::string& what) {
  audit(db, actor, {"read", "emergency_access", grant.id, "case " + grant.case_id + " " + what});
}

nlohmann::json list_emergency_access(store::Connection& db, const Actor& actor) {
  auto received = views(db, "WHERE e.owner_organisation_id = ?", {actor.organisation_id});
  auto mine = views(db, "WHERE e.user_id = ?", {actor.user_id});
  audit(db, actor, {"read", "emergency_access", "", "list"});
  return {{"received", received}, {"mine", mine}};
}

nlohmann::json emergency_accesses_of_case(store::Connection& db, const Actor& actor, const CaseRef& c) {
  if (!c.has_emergency_accesses) return nlohmann::json::array();
  if (c.organisation_id == actor.organisation_id) return views(db, "WHERE e.case_id = ?", {c.id});
  return views(db, "WHERE e.case_id = ? AND e.user_id = ?", {c.id, actor.user_id});
}

}  // namespace tsunagu::service
