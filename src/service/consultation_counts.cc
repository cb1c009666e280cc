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
  db.execute(
      "INSERT INTO consultation_person_years (organisation_id, fiscal_year, thread_id, first_day) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (organisation_id, fiscal_year, thread_id) DO NOTHING",
      {organisation_id, std::int64_t{domain::fiscal_year_of(*day)}, thread_id, day_text});
}

}  // namespace tsunagu::service
