#include "service/lock_order.h"

namespace tsunagu::service {

void lock_cases_showing_person(store::Connection& db, const std::string& person_id) {
  if (db.dialect() != store::Dialect::postgres) return;
  db.query(
      "SELECT id FROM cases WHERE subject_person_id = ? "
      "OR household_id IN (SELECT household_id FROM household_members WHERE person_id = ?) ORDER BY id FOR UPDATE",
      {person_id, person_id});
}

void lock_cases_showing_household(store::Connection& db, const std::string& household_id,
                                  const std::vector<std::string>& person_ids) {
  if (db.dialect() != store::Dialect::postgres) return;
  std::vector<store::Value> params{household_id};
  for (const auto& p : person_ids) params.emplace_back(p);
  std::string sql = "SELECT id FROM cases WHERE household_id = ?";
  if (!person_ids.empty()) sql += " OR subject_person_id IN (" + store::placeholders(person_ids.size()) + ")";
  db.query(sql + " ORDER BY id FOR UPDATE", std::span<const store::Value>(params));
}

}  // namespace tsunagu::service
