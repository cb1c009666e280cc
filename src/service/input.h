// Reading a JSON request body field by field, collecting every problem with
// a Japanese message naming the field as the screen labels it, so that one
// answer lists all that needs fixing. Limits are checked before any work.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "service/problem.h"

namespace tsunagu::service {

std::size_t utf8_length(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not cut
// a UTF-8 sequence in two: for quoting a client's value in a message or
// keeping a bounded copy of it. A byte cut (`substr(0, n)`) can end inside
// a character, and that text is then no longer UTF-8 (a U+FFFD on the
// screen, and PostgreSQL refuses it in a text column). Seen while writing
// tests/fuzz/fuzz_json_body.cc, whose UTF-8 property catches it.
std::string utf8_prefix(std::string_view s, std::size_t max_bytes);

// What a calendar date (YYYY-MM-DD, an Asia/Tokyo day) may be.
struct DateRule {
  bool required = true;
  bool not_future = true;  // a record of something that happened
  int min_year = 0;        // e.g. 1900 for a birth date
};

// The one wording of each date mistake, for body fields and query
// parameters alike. Returns the date, or nullopt with the message added to
// `errors` (also when absent and required). `text` null or empty: absent.
std::optional<domain::Date> read_date_text(const std::optional<std::string>& text, const std::string& field,
                                           const std::string& label, DateRule rule, std::vector<FieldError>& errors);

class Input {
 public:
  explicit Input(const nlohmann::json& body) : j_(body) {}

  struct TextRule {
    bool required = true;
    std::size_t max = 200;       // code points
    std::size_t min = 0;
    bool multiline = false;      // notes may hold line breaks; names may not
  };

  std::string text(const std::string& field, const std::string& label, TextRule rule);
  std::string text(const std::string& field, const std::string& label) { return text(field, label, TextRule{}); }
  std::optional<std::string> opt_text(const std::string& field, const std::string& label, TextRule rule);
  std::optional<std::string> opt_text(const std::string& field, const std::string& label) {
    TextRule r;
    r.required = false;
    return opt_text(field, label, r);
  }
  // One of `allowed` (enumerations stored verbatim).
  std::optional<std::string> choice(const std::string& field, const std::string& label,
                                    std::span<const std::string_view> allowed, bool required);
  std::optional<std::int64_t> integer(const std::string& field, const std::string& label, bool required,
                                      std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(const std::string& field, const std::string& label, bool required);
  // A calendar date: missing/null/"" is nullopt (an error when required).
  std::optional<domain::Date> date(const std::string& field, const std::string& label, DateRule rule);
  // A day that has happened (YYYY-MM-DD): today when not given and not
  // required; "" after an error.
  std::string past_day_or_today(const std::string& field, const std::string& label, bool required);
  // The same date as YYYY-MM-DD text (how it is stored).
  std::optional<std::string> day_text(const std::string& field, const std::string& label, DateRule rule) {
    auto d = date(field, label, rule);
    return d ? std::optional(domain::format_iso_date(*d)) : std::nullopt;
  }
  bool has(const std::string& field) const { return j_.contains(field); }
  // Given with a value: not missing, not null, not "".
  bool present(const std::string& field) const {
    return j_.contains(field) && !j_[field].is_null() && !(j_[field].is_string() && j_[field].get_ref<const std::string&>().empty());
  }

  void fail(const std::string& field, const std::string& detail) { errors_.push_back({field, detail}); }
  // Throws 400 validation_failed listing every error, if there is any.
  void check() const;

 private:
  const nlohmann::json& j_;
  std::vector<FieldError> errors_;
};

}  // namespace tsunagu::service
