// Japanese search: domain::normalize_for_search (NFKC, ひらがな→カタカナ,
// ASCII lower case, spaces removed), the bigrams of the 2-character index,
// service::plan_search and the SQL of hit_query / candidate_query on both
// databases, over arbitrary bytes typed into a search box or written into
// a note. Properties:
// - the folded form is valid UTF-8 with no upper-case ASCII, no ひらがな
//   and no white space;
// - the plan's mode follows the folded length (0: empty, 1-2: grams, 3+:
//   trigram), and a query without control characters folds exactly as the
//   same text is folded for the index (what is typed finds what is stored);
// - every 1- and 2-code-point piece of an indexed text is among its grams
//   (so a 2-character query finds it through the bigram index);
// - each SQL statement's text is the same whatever the query (the query is
//   only ever a bound value: never SQL built from input), with one bound
//   value per '?'.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "domain/text_normalize.h"
#include "fuzz_support.h"
#include "service/search_index.h"

using namespace tsunagu;

namespace {

void check_folded(const std::string& s) {
  fuzz::expect(http::valid_utf8(s), "folded text is valid UTF-8");
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    fuzz::expect(!(c >= 'A' && c <= 'Z'), "folded text has no upper-case ASCII");
    fuzz::expect(!(c >= 0x3041 && c <= 0x3096), "folded text has no hiragana");
    fuzz::expect(!u_isUWhiteSpace(c), "folded text has no white space");
  }
}

std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.emplace_back(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

// The statement's text is the same for every query of a mode: what was
// typed is only ever a bound value, never part of the SQL.
using Query = service::HitQuery (*)(store::Dialect, const service::SearchPlan&, const std::string&);
void check_sql(Query make, store::Dialect dialect, const service::SearchPlan& plan) {
  service::SearchPlan fixed{plan.mode, plan.mode == service::SearchPlan::Mode::grams ? "田" : "タナカ"};
  auto q = make(dialect, plan, "org-1");
  fuzz::expect(q.sql == make(dialect, fixed, "org-1").sql, "the SQL does not depend on the query");
  auto marks = static_cast<std::size_t>(std::count(q.sql.begin(), q.sql.end(), '?'));
  fuzz::expect(marks == q.params.size(), "one bound value per '?'");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // a search box and a note are bounded far below this
  std::string text(reinterpret_cast<const char*>(data), size);

  std::string folded = domain::normalize_for_search(text);
  check_folded(folded);
  auto cps = code_points(folded);
  fuzz::expect(cps.size() == domain::codepoint_length(folded), "code points counted alike");
  auto grams = domain::bigrams(folded);
  fuzz::expect(grams.size() == (cps.empty() ? 0 : cps.size() == 1 ? 1 : cps.size() - 1), "one bigram per pair");

  if (!folded.empty()) {
    auto indexed = service::index_grams({folded});
    auto has = [&](const std::string& g) { return std::find(indexed.begin(), indexed.end(), g) != indexed.end(); };
    for (std::size_t i = 0; i < cps.size(); ++i) {
      fuzz::expect(has(cps[i]), "every code point is a gram");
      if (i + 1 < cps.size()) fuzz::expect(has(cps[i] + cps[i + 1]), "every pair of code points is a gram");
    }
    fuzz::expect(service::index_body({folded, folded}) == folded + '\x1F' + folded, "parts joined by U+001F");
  }

  auto plan = service::plan_search(text);
  check_folded(plan.normalized);
  auto n = domain::codepoint_length(plan.normalized);
  using Mode = service::SearchPlan::Mode;
  fuzz::expect(plan.mode == (n == 0 ? Mode::empty : n <= 2 ? Mode::grams : Mode::trigram), "mode follows length");
  bool has_control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (!has_control) fuzz::expect(plan.normalized == folded, "a query folds as the index folds");
  if (plan.mode != Mode::empty) {
    for (auto dialect : {store::Dialect::sqlite, store::Dialect::postgres}) {
      check_sql(service::hit_query, dialect, plan);
      check_sql(service::candidate_query, dialect, plan);
    }
  }
  return 0;
}
