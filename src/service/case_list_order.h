// The orders of the case list (issue 15 point 5): by last update (the
// default), last contact, status, stage or staff, either way. Every order
// ends in the last update and the case id, so it is total and a page
// follows the page before exactly (the cursor holds the last row's keys).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace tsunagu::service {

// The `sort` values of GET /api/v1/cases, the first the default.
inline constexpr std::string_view kCaseSorts[] = {"updated", "last_contact", "status", "stage", "staff"};

struct CaseOrder {
  std::string sort = "updated";
  bool ascending = false;
};

// The order's default direction when `direction` is not given: the newest
// first for times, the order of the enumeration (or the name) otherwise.
bool ascending_by_default(std::string_view sort);

// A SQL expression over cases c that is never NULL and sorts as the order
// wants (as text), with its bound values in order.
struct SortKey {
  std::string sql;
  std::vector<store::Value> params;
};
SortKey sort_key(const CaseOrder& order);

// Where a page ends: the last row's sort key, last update and id.
struct CaseCursor {
  std::string key, updated_at, id;
};
std::string encode_case_cursor(const CaseOrder& order, const CaseCursor& at);
// nullopt when the text is not a cursor this order handed out.
std::optional<CaseCursor> decode_case_cursor(const CaseOrder& order, const std::string& text);

// " AND (<rows after `at` in this order>)" with its bound values appended,
// and " ORDER BY …" naming the sort key by its column position.
std::string after_cursor_sql(const CaseOrder& order, const SortKey& key, const CaseCursor& at,
                             std::vector<store::Value>& params);
std::string order_by_sql(const CaseOrder& order, std::size_t key_column_position);

}  // namespace tsunagu::service
