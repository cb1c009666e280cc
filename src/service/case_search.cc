#include "service/case_search.h"

namespace tsunagu::service {
namespace {

// A search answers a page of cases in the case list's order (most recently
// updated first). A rare term is answered from its index hits: few hits,
// joined to their cases. A frequent term (a common surname, a phrase in
// thousands of notes) would join every hit before the first page could be
// cut; it matches so many cases that walking the case list in its order
// and testing each case fills a page after a few hundred cases. The number
// of the organisation's index hits, capped and counted in the index alone
// (on SQLite a rowid range, see search_index.h), tells which of the two is
// cheaper: joining up to the join limit (default kDefaultSearchJoinLimit;
// `serve --search-join-limit`) costs a few ms.

CaseSearchSql from_hits(const HitQuery& hits) {
  CaseSearchSql s;
  s.prefix = "WITH hits AS (" + hits.sql +
             "), matched AS ("
             "SELECT ct.case_id AS case_id, 'contact' AS kind FROM hits h JOIN contacts ct ON ct.id = h.doc_id "
             "WHERE h.kind = 'contact' "
             "UNION ALL SELECT c2.id, 'person' FROM hits h JOIN cases c2 ON c2.subject_person_id = h.doc_id "
             "WHERE h.kind = 'person' "
             "UNION ALL SELECT c3.id, 'person' FROM hits h JOIN household_members m ON m.person_id = h.doc_id "
             "JOIN cases c3 ON c3.household_id = m.household_id WHERE h.kind = 'person') ";
  s.prefix_params = hits.params;
  s.columns =
      ", CASE WHEN EXISTS (SELECT 1 FROM matched mm WHERE mm.case_id = c.id AND mm.kind = 'person') THEN 1 ELSE 0 "
      "END, CASE WHEN EXISTS (SELECT 1 FROM matched mm WHERE mm.case_id = c.id AND mm.kind = 'contact') THEN 1 "
      "ELSE 0 END";
  s.where = "c.id IN (SELECT case_id FROM matched)";
  return s;
}

// The same match as the hit query's final check (the normalised query is a
// substring of the entry's normalised body), tested per case.
//
// Each EXISTS ends in `LIMIT 1 OFFSET 0` for PostgreSQL's planner: without
// it, an EXISTS inside an OR may run as a "hashed subplan", which collects
// the hits of every organisation first (a phrase in 120 000 notes: a scan
// of all the contacts and search entries, 4–8 s at 100 000 cases) although
// the list stops after a page. An OFFSET keeps the subquery from being
// turned into that set, so it is tested case by case through the indexes
// (about 40 ms for the same page). SQLite tests case by case either way.
CaseSearchSql per_case(store::Dialect dialect, const std::string& q) {
  std::string contains = dialect == store::Dialect::sqlite ? "instr(e.body, ?) > 0 LIMIT 1 OFFSET 0"
                                                           : "strpos(e.body, ?) > 0 LIMIT 1 OFFSET 0";
  std::string person =
      "(EXISTS (SELECT 1 FROM search_entries e WHERE e.doc_id = c.subject_person_id AND e.kind = 'person' AND " +
      contains +
      ") OR EXISTS (SELECT 1 FROM household_members m JOIN search_entries e ON e.doc_id = m.person_id "
      "WHERE m.household_id = c.household_id AND e.kind = 'person' AND " +
      contains + "))";
  std::string contact =
      "EXISTS (SELECT 1 FROM contacts ct JOIN search_entries e ON e.doc_id = ct.id "
      "WHERE ct.case_id = c.id AND e.kind = 'contact' AND " +
      contains + ")";
  CaseSearchSql s;
  s.columns = ", CASE WHEN " + person + " THEN 1 ELSE 0 END, CASE WHEN " + contact + " THEN 1 ELSE 0 END";
  s.column_params = {q, q, q};
  s.where = "(" + person + " OR " + contact + ")";
  s.where_params = {q, q, q};
  return s;
}

}  // namespace

CaseSearchSql case_search_sql(store::Connection& db, const SearchPlan& plan, const std::string& organisation_id,
                              std::int64_t join_limit) {
  HitQuery candidates = candidate_query(db.dialect(), plan, organisation_id);
  std::vector<store::Value> params = candidates.params;
  params.emplace_back(join_limit + 1);
  auto n = db.query("SELECT COUNT(*) FROM (" + candidates.sql + " LIMIT ?) capped", params);
  if (!n.empty() && n[0].integer(0) > join_limit) return per_case(db.dialect(), plan.normalized);
  return from_hits(hit_query(db.dialect(), plan, organisation_id));
}

}  // namespace tsunagu::service
