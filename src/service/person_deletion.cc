#include "service/person_deletion.h"

#include <iterator>
#include <set>
#include <vector>

#include "service/anonymisation.h"
#include "service/audit.h"
#include "service/input.h"
#include "service/persons.h"
#include "service/problem.h"

namespace tsunagu::service {

namespace {

nlohmann::json parts_of(const std::string& stored) {
  auto j = nlohmann::json::parse(stored, nullptr, false);
  return j.is_array() ? j : nlohmann::json::array();
}

struct Related {
  std::vector<std::string> as_subject, as_family;
};

Related related_cases(store::Connection& db, const std::string& person_id) {
  Related r;
  for (const auto& row : db.query("SELECT id FROM cases WHERE subject_person_id = ? ORDER BY opened_on, id", {person_id}))
    r.as_subject.push_back(row.text(0));
  for (const auto& row : db.query(
           "SELECT c.id FROM cases c JOIN household_members m ON m.household_id = c.household_id "
           "WHERE m.person_id = ? AND (c.subject_person_id IS NULL OR c.subject_person_id <> ?) ORDER BY c.opened_on, c.id",
           {person_id, person_id}))
    r.as_family.push_back(row.text(0));
  return r;
}

nlohmann::json case_line(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one("SELECT id, title, status, opened_on, closed_on, anonymised_at FROM cases WHERE id = ?",
                        {case_id});
  return {{"id", r->text(0)},
          {"title", r->text(1)},
          {"status", r->text(2)},
          {"opened_on", r->text(3)},
          {"closed_on", r->is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(r->text(4))},
          {"anonymised", !r->is_null(5)}};
}

std::int64_t count(store::Connection& db, const char* table, const std::string& case_id) {
  // `table` is one of the constants below, never input.
  auto r = db.query_one(std::string("SELECT COUNT(*) FROM ") + table + " WHERE case_id = ?", {case_id});
  return r ? r->integer(0) : 0;
}

void add_shares(store::Connection& db, const std::string& case_id, nlohmann::json& shared) {
  for (const auto& r : db.query(
           "SELECT r.id, r.referred_on, r.state, r.basis, r.shared_parts, r.category, s.name, o.name "
           "FROM referrals r JOIN resources s ON s.id = r.resource_id "
           "LEFT JOIN organisations o ON o.id = r.receiving_organisation_id WHERE r.case_id = ? "
           "ORDER BY r.referred_on, r.id",
           {case_id}))
    shared["referrals"].push_back({{"id", r.text(0)},
                                   {"case_id", case_id},
                                   {"referred_on", r.text(1)},
                                   {"state", r.text(2)},
                                   {"basis", r.text(3)},
                                   {"shared_parts", parts_of(r.text(4))},
                                   {"category", r.text(5)},
                                   {"destination", r.text(6)},
                                   {"receiving_organisation", r.is_null(7) ? nlohmann::json(nullptr)
                                                                           : nlohmann::json(r.text(7))}});
  for (const auto& r : db.query(
           "SELECT m.id, m.title, m.held_on, mc.shared_parts, o.name FROM meeting_cases mc "
           "JOIN meetings m ON m.id = mc.meeting_id JOIN organisations o ON o.id = m.organisation_id "
           "WHERE mc.case_id = ? ORDER BY m.held_on, m.id",
           {case_id})) {
    nlohmann::json orgs = nlohmann::json::array();
    for (const auto& o : db.query("SELECT o.name FROM meeting_organisations mo JOIN organisations o ON "
                                  "o.id = mo.organisation_id WHERE mo.meeting_id = ? ORDER BY o.name",
                                  {r.text(0)}))
      orgs.push_back(o.text(0));
    shared["meetings"].push_back({{"id", r.text(0)},
                                  {"case_id", case_id},
                                  {"title", r.text(1)},
                                  {"held_on", r.text(2)},
                                  {"shared_parts", parts_of(r.text(3))},
                                  {"organiser", r.text(4)},
                                  {"organisations", orgs}});
  }
  for (const auto& r : db.query(
           "SELECT e.id, e.granted_at, o.name, u.display_name FROM emergency_accesses e "
           "JOIN organisations o ON o.id = e.organisation_id JOIN users u ON u.id = e.user_id "
           "WHERE e.case_id = ? AND e.organisation_id <> e.owner_organisation_id ORDER BY e.granted_at, e.id",
           {case_id}))
    shared["emergency_accesses"].push_back({{"id", r.text(0)},
                                            {"case_id", case_id},
                                            {"granted_at", r.text(1)},
                                            {"organisation", r.text(2)},
                                            {"user", r.text(3)}});
}

}  // namespace

std::optional<std::string> person_organisation(store::Connection& db, const std::string& person_id) {
  auto r = db.query_one("SELECT organisation_id FROM persons WHERE id = ?", {person_id});
  if (!r) return std::nullopt;
  return r->text(0);
}

nlohmann::json deletion_preview(store::Connection& db, const std::string& person_id) {
  auto p = db.query_one(
      "SELECT p.id, p.naming, p.name, p.anonymised_at, m.relation FROM persons p "
      "LEFT JOIN household_members m ON m.person_id = p.id WHERE p.id = ?",
      {person_id});
  if (!p) throw not_found();
  auto related = related_cases(db, person_id);
  nlohmann::json out = {
      {"person",
       {{"id", p->text(0)},
        {"display_name", display_name(p->text(1), p->opt_text(2))},
        {"relation", p->is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(p->text(4))}}},
      {"anonymised", !p->is_null(3)},
      {"cases_as_subject", nlohmann::json::array()},
      {"cases_as_family", nlohmann::json::array()},
      {"records", nlohmann::json::array()},
      {"shared",
       {{"referrals", nlohmann::json::array()},
        {"meetings", nlohmann::json::array()},
        {"emergency_accesses", nlohmann::json::array()}}}};
  // What is erased in full: the cases of which they are 本人, counted by
  // kind of record with the label the screen shows.
  struct Kind {
    const char* table;
    const char* label;
  };
  static constexpr Kind kKinds[] = {{"contacts", "相談・支援記録"}, {"assessments", "アセスメント"},
                                    {"plans", "支援計画"},        {"consents", "同意の記録"},
                                    {"referrals", "つなぎ（紹介）"}, {"meeting_cases", "会議での共有"}};
  std::int64_t counts[std::size(kKinds)] = {};
  for (const auto& id : related.as_subject) {
    out["cases_as_subject"].push_back(case_line(db, id));
    for (std::size_t i = 0; i < std::size(kKinds); ++i) counts[i] += count(db, kKinds[i].table, id);
  }
  for (std::size_t i = 0; i < std::size(kKinds); ++i)
    out["records"].push_back({{"kind", kKinds[i].table}, {"label", kKinds[i].label}, {"count", counts[i]}});
  for (const auto& id : related.as_family) out["cases_as_family"].push_back(case_line(db, id));
  // Shares of every related case: a family member's name travels with
  // the household part of their family's case.
  std::set<std::string> seen;
  for (const auto* list : {&related.as_subject, &related.as_family})
    for (const auto& id : *list)
      if (seen.insert(id).second) add_shares(db, id, out["shared"]);
  return out;
}

nlohmann::json erase_person(store::Connection& db, const Actor& actor, const std::string& person_id,
                            const nlohmann::json& body) {
  if (!person_organisation(db, person_id)) throw not_found();
  Input in(body);
  auto reason = in.opt_text("reason", "削除の理由", {.required = true, .max = 1000, .multiline = true});
  bool confirmed = body.is_object() && body.contains("confirm") && body["confirm"].is_boolean() &&
                   body["confirm"].get<bool>();
  if (!confirmed)
    in.fail("confirm", "削除は元に戻せません。内容と共有先を確かめたうえで、確認（confirm: true）を送ってください。");
  in.check();
  auto related = related_cases(db, person_id);
  // Cases first, then the person: the lock order of every write (case
  // before person).
  for (const auto& case_id : related.as_subject) {
    anonymise_case(db, case_id);
    audit(db, actor, {"anonymise", "case", case_id, "本人の求めによる削除"});
  }
  anonymise_person(db, person_id);
  audit(db, actor, {"erase", "person", person_id, "本人の求めによる削除: " + *reason});
  return deletion_preview(db, person_id);
}

}  // namespace tsunagu::service
