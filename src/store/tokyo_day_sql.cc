#include "store/tokyo_day_sql.h"

namespace tsunagu::store {

std::string tokyo_day_sql(Dialect dialect, const std::string& utc_column) {
  // Japan has no daylight saving time: +9 hours is exact.
  if (dialect == Dialect::sqlite) return "date(" + utc_column + ", '+9 hours')";
  return "to_char(CAST(" + utc_column + " AS timestamptz) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')";
}

}  // namespace tsunagu::store
