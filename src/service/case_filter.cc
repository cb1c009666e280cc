// The case list's filter, order and page as GET /api/v1/cases and the
// search page give them (service/cases.h: CaseFilter).
#include <string_view>

#include "domain/case_status.h"
#include "domain/validation.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/query_input.h"

namespace tsunagu::service {
namespace {

constexpr std::int64_t kMaxCasesPerPage = 200;

}  // namespace

CaseFilter read_case_filter(const std::map<std::string, std::string>& query) {
  CaseFilter f;
  QueryInput in(query);
  f.status = in.get("status");
  if (f.status && !domain::kCaseStatus.contains(*f.status))
    in.fail("status", "ケースの状況の値「" + utf8_prefix(*f.status, 60) + "」は選択肢にありません。");
  f.staff_id = in.text("staff", "担当者の指定", 64);
  f.stage = in.text("stage", "段階", 100);
  if (auto before = in.date("last_contact_before", "最後の連絡がこの日より前", {.required = false}))
    f.last_contact_before = domain::tokyo_day_start_utc(*before);
  f.q = in.text("q", "検索語", 100);
  if (auto sort = in.choice("sort", "並べ順", kCaseSorts)) f.order.sort = *sort;
  f.order.ascending = ascending_by_default(f.order.sort);
  static constexpr std::string_view kDirections[] = {"asc", "desc"};
  if (auto direction = in.choice("direction", "並べる向き", kDirections)) f.order.ascending = *direction == "asc";
  auto page = in.page(f.limit, kMaxCasesPerPage);
  f.limit = page.limit;
  if (page.cursor) {
    f.cursor = decode_case_cursor(f.order, *page.cursor);
    TimePoint tp;
    if (!f.cursor || !parse_utc(f.cursor->updated_at, tp)) in.bad_cursor();
  }
  in.check();
  return f;
}

}  // namespace tsunagu::service
