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

#include "service/problem.h"

namespace tsunagu::service {

std::size_t utf8_length(std::string_view s);

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
  bool has(const std::string& field) const { return j_.contains(field); }

  void fail(const std::string& field, const std::string& detail) { errors_.push_back({field, detail}); }
  // Throws 400 validation_failed listing every error, if there is any.
  void check() const;

 private:
  const nlohmann::json& j_;
  std::vector<FieldError> errors_;
};

}  // namespace tsunagu::service
