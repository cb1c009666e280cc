#include "service/consultation_counts.h"

#include <stdexcept>

#include "domain/fiscal_year.h"
#include "domain/validation.h"

namespace tsunagu::service {

void count_consultation_message(store::Connection& db, const std::string& organisation_id,
                                const std::string& thread_id, const std::string& at) {
  auto day = domain::tokyo_day_of_utc(at);
  if (!day) throw std::runtime_error("consultation message time is not UTC: " + at);
  std::string day_text = domain::format_iso_date(*day);
  db.execute(
      "INSERT INTO consultation_counts (organisation_id, day, messages) VALUES (?, ?, 1) "
      "ON CONFLICT (organisation_id, day) DO UPDATE SET messages = consultation_counts.messages + 1",
      {organisation_id, day_text});
  // With the case the thread was made into, if any: then it counts as that
  // case's 本人 (counting-rules.md §7).
  db.execute(
      "INSERT INTO consultation_person_years (organisation_id, fiscal_year, thread_id, first_day, case_id) "
      "VALUES (?, ?, ?, ?, (SELECT case_id FROM consultation_threads WHERE id = ?)) "
      "ON CONFLICT (organisation_id, fiscal_year, thread_id) DO NOTHING",
      {organisation_id, std::int64_t{domain::fiscal_year_of(*day)}, thread_id, day_text, thread_id});
}

void link_consultation_to_case(store::Connection& db, const std::string& thread_id, const std::string& case_id) {
  db.execute("UPDATE consultation_person_years SET case_id = ? WHERE thread_id = ?", {case_id, thread_id});
}

}  // namespace tsunagu::service
