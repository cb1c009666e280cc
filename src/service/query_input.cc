#include "service/query_input.h"

namespace tsunagu::service {

std::optional<std::string> QueryInput::get(const std::string& name) const {
  auto it = q_.find(name);
  if (it == q_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::optional<std::string> QueryInput::text(const std::string& name, const std::string& label, std::size_t max_chars) {
  auto v = get(name);
  if (v && utf8_length(*v) > max_chars) {
    fail(name, label + "は" + std::to_string(max_chars) + "文字以内で指定してください。");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> QueryInput::boolean(const std::string& name) {
  auto v = get(name);
  if (!v) return std::nullopt;
  if (*v == "1" || *v == "true") return true;
  if (*v == "0" || *v == "false") return false;
  fail(name, name + " は true か false で指定してください。");
  return std::nullopt;
}

std::optional<std::int64_t> QueryInput::integer(const std::string& name, const std::string& label, std::int64_t min,
                                                std::int64_t max) {
  auto v = get(name);
  if (!v) return std::nullopt;
  // Digits only (no sign, no "5abc"): std::stoll alone would take a prefix.
  bool digits = v->size() <= 9;
  for (char c : *v) digits = digits && c >= '0' && c <= '9';
  std::int64_t n = digits ? std::stoll(*v) : -1;
  if (!digits || n < min || n > max) {
    fail(name, label + "は" + std::to_string(min) + "から" + std::to_string(max) + "までの整数で指定してください。");
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> QueryInput::choice(const std::string& name, const std::string& label,
                                              std::span<const std::string_view> allowed) {
  auto v = get(name);
  if (!v) return std::nullopt;
  for (auto a : allowed)
    if (a == *v) return v;
  fail(name, label + "の値「" + utf8_prefix(*v, 60) + "」は選択肢にありません。");
  return std::nullopt;
}

Page QueryInput::page(std::int64_t fallback, std::int64_t max) {
  Page p{fallback, get("cursor")};
  if (auto l = integer("limit", "件数 (limit) ", 1, max)) p.limit = *l;
  if (p.cursor && p.cursor->size() > 200) {
    bad_cursor();
    p.cursor.reset();
  }
  return p;
}

std::optional<domain::Date> QueryInput::date(const std::string& name, const std::string& label, DateRule rule) {
  return read_date_text(get(name), name, label, rule, errors_);
}

void QueryInput::check() const {
  if (!errors_.empty()) throw invalid(errors_);
}

}  // namespace tsunagu::service
