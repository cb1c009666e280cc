#include "domain/staff_load.h"

namespace tsunagu::domain {

std::int64_t days_since(const Date& last, const Date& on) {
  return days_since_epoch(on) - days_since_epoch(last);
}

bool without_contact(const Date& last, const Date& on, std::int64_t n_days) {
  return days_since(last, on) >= n_days;
}

bool review_overdue(const Date& review_on, const Date& on) { return review_on < on; }

bool valid_no_contact_days(std::int64_t n) {
  return n >= kMinNoContactDays && n <= kMaxNoContactDays;
}

}  // namespace tsunagu::domain
