// Reading a request's query parameters, the one way: like Input does for a
// JSON body, it collects every mistake with a Japanese message naming the
// parameter, then check() throws 400 validation_failed listing them. Paging
// (limit, cursor) and dates read here say the same thing for the same
// mistake on every list of the API.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::service {

struct Page {
  std::int64_t limit;
  std::optional<std::string> cursor;  // opaque to the reader; see bad_cursor()
};

class QueryInput {
 public:
  explicit QueryInput(const std::map<std::string, std::string>& query) : q_(query) {}

  // The value, or nullopt when absent or empty.
  std::optional<std::string> get(const std::string& name) const;
  // Free text of at most `max_chars` code points (search words, ids).
  std::optional<std::string> text(const std::string& name, const std::string& label, std::size_t max_chars);
  // `limit` (1..max, `fallback` when absent) and `cursor` (at most 200 bytes).
  Page page(std::int64_t fallback, std::int64_t max);
  // "true"/"1" or "false"/"0".
  std::optional<bool> boolean(const std::string& name);
  // A whole number in [min, max].
  std::optional<std::int64_t> integer(const std::string& name, const std::string& label, std::int64_t min,
                                      std::int64_t max);
  // One of `allowed` (enumerations verbatim), with Input::choice's wording.
  std::optional<std::string> choice(const std::string& name, const std::string& label,
                                    std::span<const std::string_view> allowed);
  // A calendar date (YYYY-MM-DD), with Input's wording (service/input.h).
  std::optional<domain::Date> date(const std::string& name, const std::string& label, DateRule rule);

  // For a cursor that did not decode: the one message for it.
  void bad_cursor() { fail("cursor", "ページの指定 (cursor) が読み取れません。"); }
  void fail(const std::string& name, const std::string& detail) { errors_.push_back({name, detail}); }
  void check() const;

 private:
  const std::map<std::string, std::string>& q_;
  std::vector<FieldError> errors_;
};

}  // namespace tsunagu::service
