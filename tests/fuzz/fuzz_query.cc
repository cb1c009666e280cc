// A query string as the routes read it: the raw bytes after '?' through
// http::decode_query (what server.cc calls before routing), then
// service::QueryInput's readers the way the list routes call them
// (paging, search words, flags, numbers, enumerations, dates), and the
// search plan of the words. A refusal must be a Problem the screen can
// show.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/case_status.h"
#include "fuzz_support.h"
#include "service/query_input.h"
#include "service/search_index.h"

using namespace tsunagu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto query = http::decode_query(raw);
  if (!query) return 0;  // 400 malformed_query before any route
  for (const auto& [name, value] : *query) {
    fuzz::expect(http::valid_utf8(name) && http::valid_utf8(value), "a decoded query is valid UTF-8");
    for (unsigned char c : name) fuzz::expect(c >= 0x20 && c != 0x7f && c != '\\', "a parameter name is clean");
  }
  service::QueryInput in(*query);
  auto page = in.page(50, 200);
  fuzz::expect(page.limit >= 1 && page.limit <= 200, "the page size is within its bounds");
  fuzz::expect(!page.cursor || page.cursor->size() <= 200, "a cursor kept is at most 200 bytes");
  auto q = in.text("q", "検索語", 100);
  (void)in.boolean("closed");
  (void)in.integer("year", "年度", 2000, 2100);
  (void)in.choice("status", "ケースの状況", domain::kCaseStatus.values);
  (void)in.date("from", "開始日", {.required = false, .not_future = false});
  (void)in.date("to", "終了日", {.required = true, .not_future = true, .min_year = 1900});
  (void)in.text("organisation_id", "機関", 64);
  try {
    in.check();
  } catch (const service::Problem& p) {
    fuzz::check_problem(p);
    fuzz::expect(p.code == "validation_failed" && !p.errors.empty(), "a refused query names its parameters");
  }
  if (q) (void)service::plan_search(*q);
  return 0;
}
